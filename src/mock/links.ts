import { toAlpha3 } from '../shared/countries.js';
import type { CreateInput } from './create-request.js';
import { randomBase62 } from './random.js';
import type { MockLink, MockLinkState } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The moves a link can make; anything not listed is refused (`COMPLETED` is not a verdict, so it can still be rejected). */
const MOVES = {
  approve: { pending: 'completed' },
  reject: { pending: 'rejected', completed: 'rejected' },
  revoke: { pending: 'revoked', completed: 'revoked', revoked: 'revoked' },
} as const satisfies Record<string, Partial<Record<MockLinkState, MockLinkState>>>;

export type LinkMove = keyof typeof MOVES;

export function createLinkStore() {
  const links: MockLink[] = [];

  function add(input: CreateInput, instanceRef: string, baseUrl: string, now: number): MockLink {
    const { expiryDays, ...fields } = input;
    const token = randomBase62(32);
    const link: MockLink = {
      ...fields,
      id: `link_${randomBase62(12)}`,
      token,
      url: `${baseUrl}/link/${token}`,
      state: 'pending',
      instanceRef,
      createdAt: now,
      expiresAt: now + expiryDays * DAY_MS,
    };
    links.push(link);
    return link;
  }

  /** Applies a move; answers false, changing nothing, when the link's state does not allow it. */
  function move(link: MockLink, name: LinkMove): boolean {
    const next = (MOVES[name] as Partial<Record<MockLinkState, MockLinkState>>)[link.state];
    if (next === undefined) return false;
    link.state = next;
    return true;
  }

  return {
    add,
    move,
    byId: (id: string) => links.find((link) => link.id === id),
    byToken: (token: string) => links.find((link) => link.token === token),
    all: (): readonly MockLink[] => links,
    clear: () => links.splice(0),
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;

const NEWER_STATUS: Record<MockLinkState, string> = {
  pending: 'PENDING',
  completed: 'COMPLETED',
  rejected: 'REJECTED',
  // The newer contract has no REVOKED: a revoked link reads EXPIRED.
  revoked: 'EXPIRED',
};

/** The status as the link's own style spells it. */
export function statusOf(link: MockLink): string {
  return link.style === 'reference' ? link.state : NEWER_STATUS[link.state];
}

/** The link as Trusset answers it, in the style it was created with. */
export function linkData(link: MockLink): Record<string, unknown> {
  const dates = { createdAt: new Date(link.createdAt).toISOString(), expiresAt: new Date(link.expiresAt).toISOString() };
  if (link.style === 'reference') {
    // The reference contract omits what was not sent.
    const { id, url, email, walletAddress, country, channels, metadata } = link;
    return { id, url, status: statusOf(link), email, walletAddress, country, channels, metadata, ...dates };
  }
  // Null rather than absent, so that clients are tested on both (trusset-api.md: some routes send null).
  return {
    id: link.id,
    token: link.token,
    verificationUrl: link.url,
    status: statusOf(link),
    recipientEmail: link.email ?? null,
    recipientWallet: link.walletAddress ?? null,
    recipientPhone: link.phone ?? null,
    country: link.country === undefined ? null : (toAlpha3(link.country) ?? null),
    investorType: link.investorType ?? 'RETAIL',
    sendVia: link.channels ?? null,
    externalId: link.externalId ?? null,
    customerId: link.customerId ?? null,
    referenceKey: link.referenceKey ?? null,
    metadata: link.metadata ?? null,
    ...dates,
  };
}
