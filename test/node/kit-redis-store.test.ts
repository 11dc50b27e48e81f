import { Redis as IORedis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, RedisStoreError } from '../../src/kit/index.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let server: RedisServer;
let raw: ReturnType<typeof createClient>;
let prefixes = 0;

beforeAll(async () => {
  server = await startRedisServer();
  raw = createClient({ url: server.url });
  raw.on('error', () => {});
  await raw.connect();
});

afterAll(async () => {
  raw?.destroy();
  await server?.kill();
});

/** A store on the shared test server, under a prefix of its own so tests never see each other's keys. */
function freshStore(options: { commandTimeoutMs?: number } = {}) {
  const prefix = `test-${++prefixes}:`;
  return { store: new RedisStore({ client: raw, prefix, ...options }), prefix };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('RedisStore', () => {
  it('keeps a value under its prefix with the TTL it was given', async () => {
    const { store, prefix } = freshStore();

    await store.set('nonce:a', '1', 60_000);

    expect(await store.get('nonce:a')).toBe('1');
    expect(await raw.get(`${prefix}nonce:a`)).toBe('1');
    const pttl = await raw.pTTL(`${prefix}nonce:a`);
    expect(pttl).toBeGreaterThan(50_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('answers undefined for a key it never held and for one whose TTL ran out', async () => {
    const { store } = freshStore();
    await store.set('short', 'v', 50);

    await until(async () => (await store.get('short')) === undefined);

    expect(await store.get('never')).toBeUndefined();
    expect(await store.take('short')).toBeUndefined();
  });

  it('replaces a value and its TTL on set', async () => {
    const { store, prefix } = freshStore();
    await store.set('k', 'old', 60_000);

    await store.set('k', 'new', 5_000);

    expect(await store.get('k')).toBe('new');
    expect(await raw.pTTL(`${prefix}k`)).toBeLessThanOrEqual(5_000);
  });

  it('lets exactly one of 50 concurrent setIfAbsent calls set the key', async () => {
    const { store, prefix } = freshStore();

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.setIfAbsent('lock', `holder-${i}`, 60_000)));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get('lock')).toBe(`holder-${results.indexOf(true)}`);
    expect(await raw.pTTL(`${prefix}lock`)).toBeGreaterThan(0);
  });

  it('hands a value to exactly one of 50 concurrent takers and removes it', async () => {
    const { store, prefix } = freshStore();
    await store.set('nonce:n', 'open', 60_000);

    const taken = await Promise.all(Array.from({ length: 50 }, () => store.take('nonce:n')));

    expect(taken.filter((value) => value !== undefined)).toEqual(['open']);
    expect(await raw.exists(`${prefix}nonce:n`)).toBe(0);
  });

  it('deletes a key', async () => {
    const { store } = freshStore();
    await store.set('idem:x:lock', '1', 60_000);

    await store.delete('idem:x:lock');

    expect(await store.get('idem:x:lock')).toBeUndefined();
  });

  it('counts 50 concurrent increments as 1 to 50 in one window that ends when the first one said', async () => {
    const { store, prefix } = freshStore();
    const before = Date.now();

    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment('rate:create:1.2.3.4', 60_000)));

    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const resets = results.map((r) => r.resetAt);
    expect(Math.min(...resets)).toBeGreaterThan(before);
    expect(Math.max(...resets)).toBeLessThanOrEqual(Date.now() + 60_000);
    // One window: every answer names the same end, give or take the round trip.
    expect(Math.max(...resets) - Math.min(...resets)).toBeLessThan(2_000);
    expect(await raw.pTTL(`${prefix}rate:create:1.2.3.4`)).toBeGreaterThan(0);
  });

  it('starts a new window at 1 once the old one has ended', async () => {
    const { store } = freshStore();
    await store.increment('rate:nonce:ip', 50);
    await store.increment('rate:nonce:ip', 50);

    await until(async () => (await store.get('rate:nonce:ip')) === undefined);
    const next = await store.increment('rate:nonce:ip', 60_000);

    expect(next.count).toBe(1);
  });

  it('gives a counter that lost its expiry a window again rather than counting forever', async () => {
    const { store, prefix } = freshStore();
    await raw.set(`${prefix}rate:k`, '7');

    const result = await store.increment('rate:k', 60_000);

    expect(result.count).toBe(8);
    expect(await raw.pTTL(`${prefix}rate:k`)).toBeGreaterThan(0);
  });

  it('lets exactly 5 of 50 concurrent addMember calls into a set bounded at 5, with an expiry on the key', async () => {
    const { store, prefix } = freshStore();

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.addMember('nonces:client:x', `m${i}`, 5, 60_000)));

    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await raw.zCard(`${prefix}nonces:client:x`)).toBe(5);
    const pttl = await raw.pTTL(`${prefix}nonces:client:x`);
    expect(pttl).toBeGreaterThan(50_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('answers true for a member already in a full set, and frees a place when a member is removed', async () => {
    const { store } = freshStore();
    await store.addMember('set', 'a', 2, 60_000);
    await store.addMember('set', 'b', 2, 60_000);

    const again = await store.addMember('set', 'a', 2, 60_000);
    const full = await store.addMember('set', 'c', 2, 60_000);
    await store.removeMember('set', 'a');
    await store.removeMember('set', 'never-there');
    const freed = await store.addMember('set', 'c', 2, 60_000);

    expect([again, full, freed]).toEqual([true, false, true]);
  });

  it('frees the places of members whose TTL ran out', async () => {
    const { store } = freshStore();
    await store.addMember('set', 'short', 1, 50);

    await until(async () => store.addMember('set', 'next', 1, 60_000));

    expect(await store.addMember('set', 'short', 1, 60_000)).toBe(false);
  });

  it('keeps stores with different prefixes apart', async () => {
    const a = freshStore().store;
    const b = freshStore().store;

    await a.set('nonce:same', 'from-a', 60_000);

    expect(await b.get('nonce:same')).toBeUndefined();
    expect(await a.get('nonce:same')).toBe('from-a');
  });

  it('uses trusset-verify: as the default prefix', async () => {
    const store = new RedisStore({ client: raw });

    await store.set('default-prefix-probe', '1', 60_000);

    expect(await raw.get('trusset-verify:default-prefix-probe')).toBe('1');
    await store.delete('default-prefix-probe');
  });

  it('works through an ioredis client', async () => {
    const io = new IORedis(server.port, '127.0.0.1', { lazyConnect: true, enableOfflineQueue: false });
    await io.connect();
    try {
      const store = new RedisStore({ client: io, prefix: `io-${++prefixes}:` });

      await store.set('n', 'v', 60_000);
      const taken = await Promise.all([store.take('n'), store.take('n')]);
      const counts = [await store.increment('c', 60_000), await store.increment('c', 60_000)];
      const claims = [await store.setIfAbsent('l', '1', 60_000), await store.setIfAbsent('l', '2', 60_000)];

      expect(taken.filter((value) => value !== undefined)).toEqual(['v']);
      expect(counts.map((c) => c.count)).toEqual([1, 2]);
      expect(claims).toEqual([true, false]);
    } finally {
      io.disconnect();
    }
  });

  it('works through a plain function that sends one command', async () => {
    const store = new RedisStore({ client: (args) => raw.sendCommand(args), prefix: `fn-${++prefixes}:` });

    await store.set('n', 'v', 60_000);

    expect(await store.take('n')).toBe('v');
  });

  it('fails with RedisStoreError, naming no key, when the client throws', async () => {
    const store = new RedisStore({ client: () => Promise.reject(new Error('ERR on key trusset-verify:nonce:secret-nonce')) });

    const failure = await store.get('nonce:secret-nonce').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RedisStoreError);
    expect(String((failure as Error).message)).not.toContain('secret-nonce');
  });

  it('fails with RedisStoreError when a command does not answer in time', async () => {
    const store = new RedisStore({ client: () => new Promise(() => {}), commandTimeoutMs: 100 });

    const failure = await store.take('nonce:n').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RedisStoreError);
    expect((failure as Error).message).toBe('GETDEL did not answer within 100 ms');
  });

  it('refuses an object that is not a Redis client', () => {
    expect(() => new RedisStore({ client: {} as never })).toThrow(TypeError);
  });
});
