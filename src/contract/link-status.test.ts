import { describe, expect, it } from 'vitest';
import { contractStatus, LINK_STATUSES, type StatusNames } from './link-status.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const LATER = '2026-01-02T00:00:00Z';
const EARLIER = '2025-12-31T00:00:00Z';

describe('contractStatus', () => {
  it("lists the contract's five statuses", () => {
    expect(LINK_STATUSES).toEqual(['pending', 'completed', 'rejected', 'expired', 'revoked']);
  });

  it.each([
    // raw, reference, newer, either (a backend's answer)
    ['pending', 'pending', 'pending', 'pending'],
    ['COMPLETED', 'completed', 'completed', 'completed'],
    ['Rejected', 'rejected', 'rejected', 'rejected'],
    ['revoked', 'revoked', 'revoked', 'revoked'],
    ['expired', 'expired', 'revoked', 'expired'],
    ['EXPIRED', 'expired', 'revoked', 'revoked'],
    ['Expired', 'expired', 'revoked', 'expired'],
    ['SOMETHING_NEW', 'pending', 'pending', 'pending'],
  ] as const)('reads %s as %s (reference), %s (newer), %s (either)', (raw, reference, newer, either) => {
    const read = (names: StatusNames) => contractStatus(raw, LATER, names, NOW);

    expect([read('reference'), read('newer'), read('either')]).toEqual([reference, newer, either]);
  });

  it('reads a pending link past expiresAt as expired, and leaves an ended one as it ended', () => {
    expect([contractStatus('PENDING', EARLIER, 'either', NOW), contractStatus('SOMETHING_NEW', EARLIER, 'newer', NOW), contractStatus('completed', EARLIER, 'reference', NOW)]).toEqual([
      'expired',
      'expired',
      'completed',
    ]);
  });
});
