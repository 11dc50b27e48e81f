import { SIWE_LIFETIME_MS } from '../shared/siwe.js';
import { randomAlphanumeric } from './crypto.js';
import { KitError } from './errors.js';
import type { TrussetStore } from './store.js';

/** How long a nonce may wait for its signature: as long as a signed message stays usable. */
export const NONCE_LIFETIME_MS = SIWE_LIFETIME_MS;

/**
 * Unspent nonces one client may hold at once (an IPv4 address, or an IPv6 /64). A person signs
 * with one; a spent or expired nonce frees its place. Above the default rate limit (30 a
 * minute), so that a burst meets the rate limit first; an office behind one address has room.
 */
export const MAX_NONCES_PER_CLIENT = 50;

/**
 * Unspent nonces of all clients together: a bound on the store's size, not a limit anyone should
 * meet. It takes 2,000 distinct clients each at their own limit, at the same time, to reach it
 * (a global count of nonces issued, as before, let 34 addresses lock out everyone).
 */
export const MAX_OUTSTANDING_NONCES = 100_000;

export interface NonceLimits {
  perClient: number;
  total: number;
}

const DEFAULT_LIMITS: NonceLimits = { perClient: MAX_NONCES_PER_CLIENT, total: MAX_OUTSTANDING_NONCES };

const OUTSTANDING = 'nonces:outstanding';

/** The eight 16-bit groups of a canonical (WHATWG URL) IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head = '', tail = ''] = canonical.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = words(head);
  const right = words(tail);
  return canonical.includes('::') ? [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right] : left;
}

/**
 * Who holds a nonce: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's
 * network), an IPv4-mapped IPv6 address as the IPv4 address it maps. The URL parser does the
 * reading (no node:net: the handler runs on any Fetch platform) and makes each form canonical.
 */
export function nonceClient(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  // Only address characters: anything else could make the URL read user info, a port or a path.
  if (/^[0-9.]+$/.test(bare) && URL.canParse(`http://${bare}`)) {
    const host = new URL(`http://${bare}`).hostname;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return `v4:${host}`;
  }
  if (/^[0-9a-fA-F:.]+$/.test(bare) && bare.includes(':') && URL.canParse(`http://[${bare}]`)) {
    const groups = ipv6Groups(new URL(`http://[${bare}]`).hostname.slice(1, -1));
    if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
      return `v4:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
    }
    return `v6:${groups
      .slice(0, 4)
      .map((group) => group.toString(16))
      .join(':')}::/64`;
  }
  // Not an address (no socket address, a proxy's odd entry): counted only in the total.
  return 'other';
}

/**
 * A new nonce, counted against its client's unspent nonces and against all of them; over either
 * bound, `RATE_LIMITED`. The nonce record names its client, so that spending it frees the place.
 */
export async function issueNonce(store: TrussetStore, address: string, limits: NonceLimits = DEFAULT_LIMITS): Promise<string> {
  const client = nonceClient(address);
  const nonce = randomAlphanumeric(32);
  // Without an address (a platform that passes none, and no trustProxy) every user is 'other':
  // a bound per client would be one bound for all of them, the lock-out this replaces.
  const perClient = client === 'other' ? undefined : `nonces:client:${client}`;
  // A place frees when a nonce is spent, which may be at any moment: a minute is an honest guess.
  if (perClient && !(await store.addMember(perClient, nonce, limits.perClient, NONCE_LIFETIME_MS))) {
    throw new KitError('RATE_LIMITED', { retryAfter: 60, details: `${limits.perClient} unspent nonces for this client` });
  }
  if (!(await store.addMember(OUTSTANDING, nonce, limits.total, NONCE_LIFETIME_MS))) {
    if (perClient) await store.removeMember(perClient, nonce);
    throw new KitError('RATE_LIMITED', { retryAfter: 60, details: `${limits.total} unspent nonces in all` });
  }
  await store.set(`nonce:${nonce}`, client, NONCE_LIFETIME_MS);
  return nonce;
}

export async function nonceIsOpen(store: TrussetStore, nonce: string): Promise<boolean> {
  return (await store.get(`nonce:${nonce}`)) !== undefined;
}

/** Spends the nonce; of two requests racing with one nonce, exactly one gets true. */
export async function consumeNonce(store: TrussetStore, nonce: string): Promise<boolean> {
  const client = await store.take(`nonce:${nonce}`);
  if (client === undefined) return false;
  // Best effort: the nonce is spent either way, and a place left behind frees when its TTL ends.
  await store.removeMember(OUTSTANDING, nonce).catch(() => {});
  if (client !== 'other') await store.removeMember(`nonces:client:${client}`, nonce).catch(() => {});
  return true;
}
