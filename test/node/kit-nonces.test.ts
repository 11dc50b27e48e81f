import { describe, expect, it } from 'vitest';
import { MAX_NONCES_PER_CLIENT } from '../../src/kit/nonces.js';
import { kitPerTest, type Kit } from '../support/kit.js';

// A defect once: the nonce cap counted nonces issued by everyone in a fixed window, so that ~34
// addresses at their rate limit locked every user out of sign-in for up to ten minutes.

const start = kitPerTest();
const GENEROUS = { limit: 1_000, windowMs: 60_000 };

function nonceFrom(k: Kit, address: string) {
  return k.client.call('/nonce', { headers: { 'X-Forwarded-For': address } });
}

describe('trusset-verify/server nonces', () => {
  it('still gives a fresh address a nonce while 60 clients hold all the unspent nonces they may', async () => {
    const k = await start({ trustProxy: true, rateLimits: { nonce: GENEROUS } });
    const clients = Array.from({ length: 60 }, (_, i) => (i % 2 ? `198.51.100.${i}` : `2001:db8:${i}::1`));
    for (const client of clients) {
      for (let n = 0; n < MAX_NONCES_PER_CLIENT; n++) expect((await nonceFrom(k, client)).status).toBe(200);
    }

    const atLimit = await Promise.all(clients.map((client) => nonceFrom(k, client)));
    const fresh = await nonceFrom(k, '203.0.113.7');

    expect(new Set(atLimit.map((answer) => `${answer.status} ${answer.json.error.code}`))).toEqual(new Set(['429 RATE_LIMITED']));
    expect(fresh.status).toBe(200);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address, and a /64 as one client', async () => {
    const k = await start({ trustProxy: true, rateLimits: { nonce: GENEROUS } });
    for (let n = 0; n < MAX_NONCES_PER_CLIENT; n++) await nonceFrom(k, n % 2 ? '198.51.100.1' : '::ffff:198.51.100.1');
    for (let n = 0; n < MAX_NONCES_PER_CLIENT; n++) await nonceFrom(k, `2001:db8:5:6::${n.toString(16)}`);

    const mapped = await nonceFrom(k, '::ffff:c633:6401');
    const sameNetwork = await nonceFrom(k, '2001:db8:5:6:ffff:ffff:ffff:ffff');
    const nextNetwork = await nonceFrom(k, '2001:db8:5:7::1');

    expect([mapped.status, sameNetwork.status, nextNetwork.status]).toEqual([429, 429, 200]);
  });

  it('frees a place when a nonce is spent by a sign-in', async () => {
    const k = await start({ trustProxy: true, rateLimits: { nonce: GENEROUS } });
    const address = '198.51.100.9';
    const nonces: string[] = [];
    for (let n = 0; n < MAX_NONCES_PER_CLIENT; n++) nonces.push((await nonceFrom(k, address)).json.data.nonce);
    const refused = await nonceFrom(k, address);

    const created = await k.client.createLink({ nonce: nonces[0], ip: address });
    const after = await nonceFrom(k, address);

    expect(refused.status).toBe(429);
    expect(created.status).toBe(201);
    expect(after.status).toBe(200);
  });

  it('frees the places of nonces that expired unspent', async () => {
    let now = Date.now();
    const k = await start({ now: () => now, trustProxy: true, rateLimits: { nonce: GENEROUS } });
    for (let n = 0; n < MAX_NONCES_PER_CLIENT; n++) await nonceFrom(k, '198.51.100.10');
    const refused = await nonceFrom(k, '198.51.100.10');

    now += 10 * 60_000;
    const after = await nonceFrom(k, '198.51.100.10');

    expect([refused.status, after.status]).toEqual([429, 200]);
  });
});
