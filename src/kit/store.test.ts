import { describe, expect, it } from 'vitest';
import { MemoryStore } from './store.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryStore', () => {
  it('forgets a value after its time to live', async () => {
    const time = clock();
    const store = new MemoryStore({ now: time.now });
    await store.set('a', '1', 1_000);

    time.advance(999);
    const before = await store.get('a');
    time.advance(1);
    const after = await store.get('a');

    expect(before).toBe('1');
    expect(after).toBeUndefined();
  });

  it('gives a taken value to exactly one of two callers', async () => {
    const store = new MemoryStore();
    await store.set('nonce', 'x', 60_000);

    const results = await Promise.all([store.take('nonce'), store.take('nonce')]);

    expect(results.filter((value) => value === 'x')).toHaveLength(1);
  });

  it('sets only when absent', async () => {
    const store = new MemoryStore();

    const first = await store.setIfAbsent('lock', '1', 1_000);
    const second = await store.setIfAbsent('lock', '2', 1_000);

    expect([first, second, await store.get('lock')]).toEqual([true, false, '1']);
  });

  it('counts within a fixed window and starts again after it', async () => {
    const time = clock();
    const store = new MemoryStore({ now: time.now });

    await store.increment('k', 1_000);
    const second = await store.increment('k', 1_000);
    time.advance(1_000);
    const fresh = await store.increment('k', 1_000);

    expect(second).toEqual({ count: 2, resetAt: 1_001_000 });
    expect(fresh).toEqual({ count: 1, resetAt: 1_002_000 });
  });
});
