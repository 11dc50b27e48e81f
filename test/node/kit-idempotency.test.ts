import { describe, expect, it } from 'vitest';
import { otherAccount } from '../support/accounts.js';
import { kitPerTest, type Kit } from '../support/kit.js';

const start = kitPerTest();

function createCalls(k: Kit): number {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links').length;
}

describe('trusset-verify-server idempotency', () => {
  it('answers a retry with the same key and a fresh signature with the stored link', async () => {
    const k = await start();

    const first = await k.client.createLink({ idempotencyKey: 'intent-0001' });
    const retry = await k.client.createLink({ idempotencyKey: 'intent-0001' });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json.data).toEqual(first.json.data);
    expect(createCalls(k)).toBe(1);
  });

  it('accepts a retry that carries the same signed message, whose nonce the first answer spent', async () => {
    const k = await start();
    const siwe = await k.client.signIn();

    const first = await k.client.createLink({ idempotencyKey: 'intent-0002', siwe });
    const retry = await k.client.createLink({ idempotencyKey: 'intent-0002', siwe });

    expect(retry.json.data.id).toBe(first.json.data.id);
    expect(createCalls(k)).toBe(1);
  });

  it('refuses a replay without proof of the wallet', async () => {
    const k = await start();
    await k.client.createLink({ idempotencyKey: 'intent-0003' });

    const replay = await k.client.createLink({ idempotencyKey: 'intent-0003', siwe: null });

    expect([replay.status, replay.json.error.code]).toEqual([401, 'SIWE_INVALID']);
    expect(replay.text).not.toContain('/link/');
  });

  it('refuses a replay whose signature does not verify', async () => {
    const k = await start();
    const siwe = await k.client.signIn();
    await k.client.createLink({ idempotencyKey: 'intent-0004', siwe });

    const forged = await k.client.createLink({ idempotencyKey: 'intent-0004', siwe: { message: siwe.message, signature: await otherAccount.signMessage({ message: siwe.message }) } });

    expect([forged.status, forged.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
  });

  it('answers IDEMPOTENCY_CONFLICT when the key comes back with another intent', async () => {
    const k = await start();
    await k.client.createLink({ idempotencyKey: 'intent-0005' });

    const changed = await k.client.createLink({ idempotencyKey: 'intent-0005', body: { country: 'FR' } });

    expect([changed.status, changed.json.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(createCalls(k)).toBe(1);
  });

  it('scopes keys by wallet: another wallet with the same key gets its own link', async () => {
    const k = await start();
    const mine = await k.client.createLink({ idempotencyKey: 'intent-0006' });

    const theirs = await k.client.createLink({ idempotencyKey: 'intent-0006', account: otherAccount });

    expect(theirs.status).toBe(201);
    expect(theirs.json.data.id).not.toBe(mine.json.data.id);
    expect(theirs.json.data.walletAddress).toBe(otherAccount.address);
  });

  it('keeps no failure: a retry after an upstream error creates the link', async () => {
    const k = await start();
    k.mock.injectFault({ status: 503 }, { route: 'create' });

    const failed = await k.client.createLink({ idempotencyKey: 'intent-0007' });
    const retried = await k.client.createLink({ idempotencyKey: 'intent-0007' });

    expect(failed.json.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(retried.status).toBe(201);
    expect(k.mock.links()).toHaveLength(1);
  });

  it('makes concurrent requests with the same key cost one Trusset call', async () => {
    const k = await start();
    k.mock.injectFault({ delayMs: 500 }, { route: 'create' });
    const siwe = await k.client.signIn();

    const answers = await Promise.all([0, 1, 2].map(() => k.client.createLink({ idempotencyKey: 'intent-0008', siwe })));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.data.id)).size).toBe(1);
    expect(createCalls(k)).toBe(1);
  });

  it('answers IDEMPOTENCY_IN_PROGRESS after waiting 5 s for a concurrent answer', async () => {
    const k = await start({ upstreamTimeoutMs: 8_000 });
    k.mock.injectFault({ delayMs: 7_000 }, { route: 'create' });
    const siwe = await k.client.signIn();

    const first = k.client.createLink({ idempotencyKey: 'intent-0009', siwe });
    await expect.poll(() => createCalls(k)).toBe(1);
    const startedAt = Date.now();
    const second = await k.client.createLink({ idempotencyKey: 'intent-0009', siwe });
    const waited = Date.now() - startedAt;

    expect([second.status, second.json.error.code, second.json.error.retryAfter]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS', 1]);
    expect(waited).toBeGreaterThanOrEqual(4_900);
    expect((await first).status).toBe(201);
  }, 15_000);

  it('keeps no plain e-mail in the store', async () => {
    const written: string[] = [];
    const { MemoryStore } = await import('../../src/kit/index.js');
    const inner = new MemoryStore();
    const store = {
      get: (key: string) => inner.get(key),
      set: (key: string, value: string, ttl: number) => {
        written.push(key, value);
        return inner.set(key, value, ttl);
      },
      setIfAbsent: (key: string, value: string, ttl: number) => {
        written.push(key, value);
        return inner.setIfAbsent(key, value, ttl);
      },
      take: (key: string) => inner.take(key),
      delete: (key: string) => inner.delete(key),
      increment: (key: string, windowMs: number) => {
        written.push(key);
        return inner.increment(key, windowMs);
      },
      addMember: (key: string, member: string, limit: number, ttl: number) => {
        written.push(key, member);
        return inner.addMember(key, member, limit, ttl);
      },
      removeMember: (key: string, member: string) => inner.removeMember(key, member),
    };
    const k = await start({ store });

    await k.client.createLink({ idempotencyKey: 'intent-0010', body: { email: 'private@example.com' } });

    expect(written.some((entry) => entry.startsWith('idem:'))).toBe(true);
    expect(written.join('\n')).not.toContain('private@example.com');
  });
});
