import type { TrussetStore } from './store.js';

/** Sends one Redis command, given as its words, and resolves with Redis's reply. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

/**
 * A Redis client the store can talk through: node-redis (`createClient()` from `redis`, which
 * has `sendCommand(args)`), ioredis (`new Redis()`, which has `call(command, ...args)`), or any
 * function that sends one command.
 */
export type RedisClientLike = { call(command: string, ...args: string[]): Promise<unknown> } | { sendCommand(args: string[]): Promise<unknown> } | RedisCommand;

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** The connected client; the store never connects, quits or listens to it: the partner owns it. */
  client: RedisClientLike;
  /** Prepended to every key, so that several apps can share one Redis; default `trusset-verify:`. */
  prefix?: string;
  /** A command that has not answered in this many ms fails, so a hung Redis cannot stall a request; default 2 000. */
  commandTimeoutMs?: number;
}

/** Thrown when Redis cannot be reached, times out or answers unexpectedly; the kit answers `STORE_UNAVAILABLE`. */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
}

// INCR and PEXPIRE in one step: a crash between them can never leave a counter that never
// resets. The TTL check also repairs a counter that lost its expiry some other way.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

// A sorted set scored by expiry, on Redis's clock so that every instance agrees: expired
// members go first, then the bound is checked and the member added, in one step.
const ADD_MEMBER_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
return 1`;

function commandOf(client: RedisClientLike): RedisCommand {
  if (typeof client === 'function') return client;
  // `call` first: ioredis also has a `sendCommand`, but it takes a Command object, not words.
  if ('call' in client && typeof client.call === 'function') return (args) => client.call(args[0]!, ...args.slice(1));
  if ('sendCommand' in client && typeof client.sendCommand === 'function') return (args) => client.sendCommand(args);
  throw new TypeError('RedisStore: client must be a node-redis or ioredis client, or a function that sends one command');
}

/** Redis replies as text: node-redis and ioredis may give a string or a Buffer. */
function text(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  throw new RedisStoreError(`unexpected reply of type ${typeof reply}`);
}

function integer(reply: unknown): number {
  const value = typeof reply === 'number' ? reply : typeof reply === 'string' ? Number(reply) : NaN;
  if (!Number.isSafeInteger(value)) throw new RedisStoreError('unexpected reply: not an integer');
  return value;
}

/** Redis rejects a zero or fractional expiry; the kit's TTLs are whole ms, but a computed one may not be. */
function ttl(ms: number): string {
  return String(Math.max(1, Math.ceil(ms)));
}

/**
 * The kit's store in Redis (6.2 or later), for a backend that runs on several machines or
 * instances: they then share nonces, idempotency records, the status cache and rate limits.
 */
export class RedisStore implements TrussetStore {
  readonly #command: RedisCommand;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(options: RedisStoreOptions) {
    this.#command = commandOf(options.client);
    this.#prefix = options.prefix ?? 'trusset-verify:';
    this.#timeoutMs = options.commandTimeoutMs ?? 2_000;
    if (!(this.#timeoutMs > 0)) throw new TypeError('RedisStore: commandTimeoutMs must be a positive number');
  }

  async #send(args: string[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisStoreError(`${args[0]} did not answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      return await Promise.race([this.#command(args), timeout]);
    } catch (cause) {
      // The client's own error may quote the command, and with it a key: only its name is kept.
      if (cause instanceof RedisStoreError) throw cause;
      throw new RedisStoreError(`${args[0]} failed: ${cause instanceof Error ? cause.name : typeof cause}`, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  async get(key: string): Promise<string | undefined> {
    return text(await this.#send(['GET', this.#prefix + key]));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#send(['SET', this.#prefix + key, value, 'PX', ttl(ttlMs)]);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return text(await this.#send(['SET', this.#prefix + key, value, 'NX', 'PX', ttl(ttlMs)])) !== undefined;
  }

  async take(key: string): Promise<string | undefined> {
    return text(await this.#send(['GETDEL', this.#prefix + key]));
  }

  async delete(key: string): Promise<void> {
    await this.#send(['DEL', this.#prefix + key]);
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const reply = await this.#send(['EVAL', INCREMENT_SCRIPT, '1', this.#prefix + key, ttl(windowMs)]);
    if (!Array.isArray(reply) || reply.length !== 2) throw new RedisStoreError('unexpected reply to the increment script');
    return { count: integer(reply[0]), resetAt: Date.now() + integer(reply[1]) };
  }

  async addMember(key: string, member: string, limit: number, ttlMs: number): Promise<boolean> {
    return integer(await this.#send(['EVAL', ADD_MEMBER_SCRIPT, '1', this.#prefix + key, member, String(Math.floor(limit)), ttl(ttlMs)])) === 1;
  }

  async removeMember(key: string, member: string): Promise<void> {
    await this.#send(['ZREM', this.#prefix + key, member]);
  }
}
