import { describe, expect, it } from 'vitest';
import { Idempotency, type IdempotencyRecord } from './idempotency.js';
import { MemoryStore, type TrussetStore } from './store.js';

const record: IdempotencyRecord = { intent: 'intent-hmac', nonce: 'n0nce', status: 201, data: { id: 'link-1' } };

describe('Idempotency.claim', () => {
  it('returns the stored answer when its holder saved and let go between the read and the lock', async () => {
    const inner = new MemoryStore();
    const idempotency = new Idempotency(inner, 'x'.repeat(32));
    const scope = await idempotency.scope('0xAbC', 'key-0001');
    await inner.setIfAbsent(`${scope}:lock`, '1', 60_000);
    let holderFinishes: (() => Promise<void>) | undefined = async () => {
      await idempotency.save(scope, record);
      await inner.delete(`${scope}:lock`);
    };
    // A networked store makes this interleaving likely: the first read misses, then the holder finishes.
    const store: TrussetStore = {
      async get(key) {
        const value = await inner.get(key);
        const finish = holderFinishes;
        holderFinishes = undefined;
        await finish?.();
        return value;
      },
      set: (key, value, ttlMs) => inner.set(key, value, ttlMs),
      setIfAbsent: (key, value, ttlMs) => inner.setIfAbsent(key, value, ttlMs),
      take: (key) => inner.take(key),
      delete: (key) => inner.delete(key),
      increment: (key, windowMs) => inner.increment(key, windowMs),
      addMember: (key, member, limit, ttlMs) => inner.addMember(key, member, limit, ttlMs),
      removeMember: (key, member) => inner.removeMember(key, member),
    };

    const claim = await new Idempotency(store, 'x'.repeat(32)).claim(scope, async () => {});

    expect(claim).toEqual({ record });
    expect(await inner.get(`${scope}:lock`)).toBeUndefined();
  });

  it('hands the lock to the first claimant and the saved answer to a later one', async () => {
    const idempotency = new Idempotency(new MemoryStore(), 'x'.repeat(32));
    const scope = await idempotency.scope('0xAbC', 'key-0002');

    const first = await idempotency.claim(scope, async () => {});
    await idempotency.save(scope, record);
    if ('release' in first) await first.release();
    const later = await idempotency.claim(scope, async () => {});

    expect('release' in first).toBe(true);
    expect(later).toEqual({ record });
  });
});
