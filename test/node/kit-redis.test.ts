import { createServer } from 'node:http';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, RedisStore, toNodeListener, type TrussetHandlerOptions } from '../../src/kit/index.js';
import { captureLogger, closeServer, kitClient, kitOptions, listen, type LogLine } from '../support/kit.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const COMMAND_TIMEOUT_MS = 1_000;

interface Instance {
  client: ReturnType<typeof kitClient>;
  logs: LogLine[];
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  // Last started, first stopped: the kits before the Redis they talk to.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One kit instance, as on one machine: its own server, its own Redis client and RedisStore. */
async function startInstance(redis: RedisServer, mock: RunningMockTrusset, options: Partial<TrussetHandlerOptions>, offlineQueue: boolean): Promise<Instance> {
  // As docs/redis.md advises, by default: while disconnected, commands fail at once rather than queue and run late.
  const connection = createClient({ url: redis.url, disableOfflineQueue: !offlineQueue, socket: { reconnectStrategy: () => 50 } });
  // node-redis reports a lost connection as an 'error' event, which would crash the process unheard.
  connection.on('error', () => {});
  await connection.connect();
  cleanups.push(() => connection.destroy());
  const logs: LogLine[] = [];
  const logger = captureLogger(logs);
  const store = new RedisStore({ client: connection, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  const server = createServer(toNodeListener(createTrussetHandler(kitOptions(mock.url, logger, { store, ...options })), { logger }));
  const url = `${await listen(server)}/api/trusset`;
  cleanups.push(() => closeServer(server));
  return { client: kitClient(url), logs };
}

/** Two kit instances `a` and `b` sharing one redis-server and one mock Trusset: `{ a, b, redis, mock }`. */
async function startTwoMachines(options: Partial<TrussetHandlerOptions> = {}, { offlineQueue = false } = {}) {
  const redis = await startRedisServer();
  cleanups.push(() => redis.kill());
  const mock = await startMockTrusset();
  cleanups.push(() => mock.close());
  const a = await startInstance(redis, mock, options, offlineQueue);
  const b = await startInstance(redis, mock, options, offlineQueue);
  return { a, b, redis, mock };
}

describe('trusset-verify-server on two machines sharing one Redis', () => {
  it('accepts a nonce issued on one machine on the other, once, and then on neither', async () => {
    const { a, b, mock } = await startTwoMachines();
    const { nonce } = await a.client.nonce();
    const siwe = await b.client.signIn({ nonce });

    const spent = await b.client.createLink({ siwe });
    const onIssuer = await a.client.createLink({ siwe });
    const onSpender = await b.client.createLink({ siwe });

    expect(spent.status).toBe(201);
    expect([onIssuer.status, onIssuer.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
    expect([onSpender.status, onSpender.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
    expect(mock.links()).toHaveLength(1);
  });

  it('shares rate limits: requests split across both machines hit the limit together', async () => {
    const { a, b } = await startTwoMachines({ rateLimits: { nonce: { limit: 6, windowMs: 60_000 } } });

    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await (i % 2 === 0 ? a : b).client.call('/nonce')).status);
    const refused = await a.client.call('/nonce');

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('answers one Idempotency-Key sent to both machines at once with one link', async () => {
    const { a, b, mock } = await startTwoMachines();
    // Trusset answers slowly, so the second request arrives while the first is being answered.
    mock.injectFault({ delayMs: 500 }, { route: 'create' });
    const siwe = await a.client.signIn();

    const answers = await Promise.all([a, b, a, b].map((machine) => machine.client.createLink({ idempotencyKey: 'two-machines-0001', siwe })));

    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json.data.url)).size).toBe(1);
    expect(mock.links()).toHaveLength(1);
    expect(mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links')).toHaveLength(1);
  });

  it('answers 503 STORE_UNAVAILABLE, and creates no link, when Redis has gone away', async () => {
    const { a, b, redis, mock } = await startTwoMachines();
    const siwe = await a.client.signIn();

    await redis.kill();
    const nonce = await a.client.call('/nonce');
    const create = await b.client.createLink({ siwe });

    expect([nonce.status, nonce.json.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect([create.status, create.json.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(mock.links()).toHaveLength(0);
    expect(b.logs).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ code: 'STORE_UNAVAILABLE', error: 'RedisStoreError' }) }));
    for (const text of [nonce.text, create.text, JSON.stringify(a.logs), JSON.stringify(b.logs)]) {
      expect(text).not.toContain(MOCK_API_KEY);
      expect(text).not.toContain(siwe.signature);
    }
  });

  it('answers 503 after the command timeout when the client queues commands while Redis is gone', async () => {
    const { a, redis, mock } = await startTwoMachines({}, { offlineQueue: true });
    const siwe = await a.client.signIn();

    await redis.kill();
    const create = await a.client.createLink({ siwe });

    expect([create.status, create.json.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(a.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ code: 'STORE_UNAVAILABLE', error: 'RedisStoreError' }) }));
    expect(mock.links()).toHaveLength(0);
  });

  it('answers 503 after the command timeout when Redis hangs, rather than waiting for it', async () => {
    const { a, redis, mock } = await startTwoMachines();
    const siwe = await a.client.signIn();
    process.kill(redis.pid, 'SIGSTOP');
    cleanups.push(() => void process.kill(redis.pid, 'SIGCONT'));

    const create = await a.client.createLink({ siwe });

    expect([create.status, create.json.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(mock.links()).toHaveLength(0);
  });

  it('serves again once Redis is back, so a retry succeeds', async () => {
    const { a, redis } = await startTwoMachines();
    await redis.kill();
    const down = await a.client.call('/nonce');

    const restarted = await startRedisServer({ port: redis.port });
    cleanups.push(() => restarted.kill());

    expect(down.status).toBe(503);
    await expect.poll(async () => (await a.client.call('/nonce')).status, { timeout: 10_000, interval: 100 }).toBe(200);
  });
});
