/**
 * The link statuses of the partner-backend contract (docs/kit.md, "Routes"),
 * read the same way by the kit (from Trusset's answers) and by the widget (from the backend's).
 */

/** The contract's statuses, lower case. */
export const LINK_STATUSES = ['pending', 'completed', 'rejected', 'expired', 'revoked'] as const;

export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * Whose names the status is in, for the one name they do not share: `EXPIRED` in Trusset's
 * newer API is what the reference API and the contract call `revoked`.
 * - `'reference'`: Trusset's reference API; its `expired` is the contract's.
 * - `'newer'`: Trusset's newer API (the kit's `fieldStyle: 'newer'`); `expired` in any case is revoked.
 * - `'either'`: a backend's answer, in the contract's names or in Trusset's passed straight
 *   through (docs/kit.md, "Routes"); only Trusset's upper-case `EXPIRED` is the newer API's, so revoked.
 */
export type StatusNames = 'reference' | 'newer' | 'either';

/**
 * The contract's status: lower case; a pending link past `expiresAt` is expired, whatever the
 * answer says. A status this version does not know reads as pending, so that a new upstream
 * state does not break a link that still works.
 */
export function contractStatus(raw: string, expiresAt: string, names: StatusNames, now: number): LinkStatus {
  const lower = raw.toLowerCase();
  const revoked = lower === 'expired' && (names === 'newer' || (names === 'either' && raw === 'EXPIRED'));
  const status: LinkStatus = revoked ? 'revoked' : (LINK_STATUSES as readonly string[]).includes(lower) ? (lower as LinkStatus) : 'pending';
  return expiredIfPast(status, expiresAt, now);
}

/** A pending link past `expiresAt` is expired, whatever Trusset (or a cache) says (docs/kit.md, "Routes"). */
export function expiredIfPast(status: LinkStatus, expiresAt: string, now: number): LinkStatus {
  return status === 'pending' && Date.parse(expiresAt) <= now ? 'expired' : status;
}
