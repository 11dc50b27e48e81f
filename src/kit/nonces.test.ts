import { describe, expect, it } from 'vitest';
import { KitError } from './errors.js';
import { consumeNonce, issueNonce, NONCE_LIFETIME_MS, nonceClient, nonceIsOpen } from './nonces.js';
import { MemoryStore } from './store.js';

function clockedStore() {
  const clock = { now: 1_700_000_000_000 };
  return { clock, store: new MemoryStore({ now: () => clock.now }) };
}

async function refusal(promise: Promise<unknown>): Promise<KitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KitError);
  return error as KitError;
}

describe('nonceClient', () => {
  it.each([
    ['192.0.2.1', 'v4:192.0.2.1'],
    [' 192.0.2.1 ', 'v4:192.0.2.1'],
    ['::ffff:192.0.2.1', 'v4:192.0.2.1'],
    ['::FFFF:c000:0201', 'v4:192.0.2.1'],
    ['[::ffff:192.0.2.1]', 'v4:192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', 'v6:2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', 'v6:2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', 'v6:2001:db8:1:2::/64'],
    ['2001:db8::1', 'v6:2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'v6:fe80:0:0:0::/64'],
    ['::1', 'v6:0:0:0:0::/64'],
    ['::', 'v6:0:0:0:0::/64'],
    ['unknown', 'other'],
    ['', 'other'],
    ['a@192.0.2.1', 'other'],
    ['192.0.2.1:80', 'other'],
    ['1:2:3:4:5:6:7:8:9', 'other'],
    ['x'.repeat(10_000), 'other'],
  ])('groups %s as %s', (address, group) => {
    expect(nonceClient(address)).toBe(group);
  });
});

describe('issueNonce', () => {
  it('refuses a client holding its limit of unspent nonces, and takes another once one is spent', async () => {
    const { store } = clockedStore();
    const limits = { perClient: 3, total: 100 };
    const nonces = [];
    for (let i = 0; i < 3; i++) nonces.push(await issueNonce(store, '192.0.2.1', limits));

    const refused = await refusal(issueNonce(store, '::ffff:192.0.2.1', limits));
    expect(await consumeNonce(store, nonces[0]!)).toBe(true);
    const after = await issueNonce(store, '192.0.2.1', limits);

    expect([refused.code, refused.retryAfter]).toEqual(['RATE_LIMITED', 60]);
    expect(await nonceIsOpen(store, after)).toBe(true);
  });

  it('frees the places of nonces whose lifetime ended unspent', async () => {
    const { clock, store } = clockedStore();
    const limits = { perClient: 2, total: 100 };
    await issueNonce(store, '2001:db8:1:2::1', limits);
    await issueNonce(store, '2001:db8:1:2::2', limits);
    await refusal(issueNonce(store, '2001:db8:1:2::3', limits));

    clock.now += NONCE_LIFETIME_MS;
    const nonce = await issueNonce(store, '2001:db8:1:2::3', limits);

    expect(await nonceIsOpen(store, nonce)).toBe(true);
  });

  it('counts an IPv6 /64 as one client and another /64 apart', async () => {
    const { store } = clockedStore();
    const limits = { perClient: 1, total: 100 };
    await issueNonce(store, '2001:db8:1:2::1', limits);

    const sameNetwork = await refusal(issueNonce(store, '2001:db8:1:2:ffff::9', limits));
    const nextNetwork = await issueNonce(store, '2001:db8:1:3::1', limits);

    expect(sameNetwork.code).toBe('RATE_LIMITED');
    expect(await nonceIsOpen(store, nextNetwork)).toBe(true);
  });

  it('refuses everyone once all clients together hold the total, without keeping the refused nonce’s place', async () => {
    const { store } = clockedStore();
    const limits = { perClient: 2, total: 4 };
    const held = [];
    for (const address of ['192.0.2.1', '192.0.2.1', '192.0.2.2', '192.0.2.2']) held.push(await issueNonce(store, address, limits));

    const fresh = await refusal(issueNonce(store, '192.0.2.3', limits));
    await consumeNonce(store, held[0]!);
    const freed = await issueNonce(store, '192.0.2.3', limits);
    const second = await issueNonce(store, '192.0.2.3', limits).catch((error: unknown) => error);

    expect(fresh.details).toBe('4 unspent nonces in all');
    expect(await nonceIsOpen(store, freed)).toBe(true);
    // The refused attempt left no place behind: 192.0.2.3 holds one nonce, the total is full again.
    expect((second as KitError).details).toBe('4 unspent nonces in all');
  });

  it('bounds requests without a client address only by the total, since they would all be one client', async () => {
    const { store } = clockedStore();
    const limits = { perClient: 1, total: 3 };

    const issued = [await issueNonce(store, 'unknown', limits), await issueNonce(store, 'unknown', limits), await issueNonce(store, '', limits)];
    const over = await refusal(issueNonce(store, 'unknown', limits));

    expect(issued).toHaveLength(3);
    expect(over.details).toBe('3 unspent nonces in all');
  });

  it('spends a nonce once: a second consume is false and frees nothing more', async () => {
    const { store } = clockedStore();
    const limits = { perClient: 1, total: 100 };
    const nonce = await issueNonce(store, '192.0.2.1', limits);

    const first = await consumeNonce(store, nonce);
    const second = await consumeNonce(store, nonce);

    expect([first, second]).toEqual([true, false]);
    expect(await nonceIsOpen(store, nonce)).toBe(false);
  });
});
