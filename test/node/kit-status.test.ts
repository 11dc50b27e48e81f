import { describe, expect, it } from 'vitest';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import type { LinkCreatedEvent, LinkStatusEvent } from '../../src/kit/index.js';
import { kitPerTest, type Kit } from '../support/kit.js';

const start = kitPerTest();

/** A clock the test moves, so the 30 s cache can pass without waiting 30 s. */
function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

function statusCalls(k: Kit): number {
  return k.mock.calls.filter((call) => call.method === 'GET' && call.path.startsWith('/customers/api/id-links/')).length;
}

describe('trusset-verify-server status route', () => {
  it("answers id, status and expiry — no URL, no e-mail — for the link's status token", async () => {
    const k = await start();
    const { json } = await k.client.createLink();

    const answer = await k.client.linkStatus(json.data.id, json.data.statusToken);

    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ id: json.data.id, status: 'pending', expiresAt: json.data.expiresAt });
  });

  it.each([
    ['a wrong token', 'f'.repeat(64)],
    ['no token', undefined],
  ])('answers NOT_FOUND for %s', async (_name, token) => {
    const k = await start();
    const { json } = await k.client.createLink();

    const answer = await k.client.linkStatus(json.data.id, token);

    expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(statusCalls(k)).toBe(0);
  });

  it('answers NOT_FOUND for a link another kit created, even with a token-shaped header', async () => {
    const k = await start();
    const other = await k.mock.fetch(
      new Request(`${k.mock.url}/customers/api/id-links`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': MOCK_API_KEY },
        body: JSON.stringify({ email: 'x@example.com', country: 'DE' }),
      }),
    );
    const { data } = (await other.json()) as { data: { id: string } };

    const answer = await k.client.linkStatus(data.id, 'a'.repeat(64));

    expect(answer.json.error.code).toBe('NOT_FOUND');
  });

  it.each(['..%2F..%2Fcustomers', 'link_a%3Fx%3D1', 'a'.repeat(65), 'link%00x'])('refuses the id %s before it reaches Trusset', async (id) => {
    const k = await start();

    const answer = await k.client.linkStatus(id, 'a'.repeat(64));

    expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(statusCalls(k)).toBe(0);
  });

  it('shares one upstream read between callers for 30 s, then reads again', async () => {
    const clock = testClock();
    const k = await start({ now: clock.now });
    const { json } = await k.client.createLink();
    const { id, statusToken } = json.data;

    await Promise.all([k.client.linkStatus(id, statusToken), k.client.linkStatus(id, statusToken)]);
    k.mock.approve(id);
    const cached = await k.client.linkStatus(id, statusToken);
    clock.advance(30_001);
    const fresh = await k.client.linkStatus(id, statusToken);

    expect(cached.json.data.status).toBe('pending');
    expect(fresh.json.data.status).toBe('completed');
    expect(statusCalls(k)).toBe(2);
  });

  it.each([
    ['reference', 'reject', 'rejected'],
    ['reference', 'revoke', 'revoked'],
    ['newer', 'revoke', 'revoked'],
    ['newer', 'expire', 'expired'],
    ['reference', 'expire', 'expired'],
  ] as const)("maps Trusset's %s-style state after %s to %s", async (fieldStyle, action, status) => {
    const k = await start({ fieldStyle });
    const { json } = await k.client.createLink();

    k.mock[action](json.data.id);
    const answer = await k.client.linkStatus(json.data.id, json.data.statusToken);

    expect(answer.json.data.status).toBe(status);
  });

  it('calls onLinkCreated and onStatus without URL, e-mail or token', async () => {
    const created: LinkCreatedEvent[] = [];
    const changed: LinkStatusEvent[] = [];
    const k = await start({ allowAnonymous: false, authorize: () => ({ customerRef: 'cust-7' }), onLinkCreated: (e) => void created.push(e), onStatus: (e) => void changed.push(e) });
    const { json } = await k.client.createLink();

    k.mock.approve(json.data.id);
    await k.client.linkStatus(json.data.id, json.data.statusToken);

    expect(created).toEqual([expect.objectContaining({ id: json.data.id, customerRef: 'cust-7', country: 'DE', status: 'pending', reused: false })]);
    expect(changed).toEqual([{ id: json.data.id, status: 'completed', previous: 'pending', walletAddress: json.data.walletAddress, customerRef: 'cust-7' }]);
    const seen = JSON.stringify([created, changed]);
    for (const secret of [json.data.url, json.data.statusToken, 'ada@example.com']) expect(seen).not.toContain(secret);
  });

  it('keeps answering when a hook throws, and logs it', async () => {
    const k = await start({
      onLinkCreated: () => {
        throw new Error('db down');
      },
    });

    const answer = await k.client.createLink();

    expect(answer.status).toBe(201);
    expect(k.logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'onLinkCreated hook threw' }));
  });
});

describe('trusset-verify-server reuse of open links', () => {
  it('hands a wallet its open link instead of creating another', async () => {
    const k = await start({ reuseOpenLinks: true });
    const first = await k.client.createLink();

    const second = await k.client.createLink();

    expect(second.status).toBe(200);
    expect(second.json.data).toEqual(first.json.data);
    expect(k.mock.links()).toHaveLength(1);
  });

  it('creates a new link once the open one is no longer pending', async () => {
    const clock = testClock();
    const k = await start({ reuseOpenLinks: true, now: clock.now });
    const first = await k.client.createLink();

    k.mock.reject(first.json.data.id);
    clock.advance(30_001);
    const second = await k.client.createLink();

    expect(second.status).toBe(201);
    expect(second.json.data.id).not.toBe(first.json.data.id);
  });

  it('does not reuse by default', async () => {
    const k = await start();
    await k.client.createLink();

    await k.client.createLink();

    expect(k.mock.links()).toHaveLength(2);
  });
});
