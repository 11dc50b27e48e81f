import { hmacSha256, sha256 } from './crypto.js';
import { KitError } from './errors.js';
import type { TrussetStore } from './store.js';

/** Stored answers live 24 h; a concurrent duplicate waits at most 5 s (docs/kit.md, "Idempotency"). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const CONCURRENT_WAIT_MS = 5_000;
// Longer than any answer takes (Trusset's timeout included), short enough that a crashed
// holder does not block the key for long.
const LOCK_TTL_MS = 60_000;
const POLL_MS = 50;

export interface IdempotencyRecord {
  /** HMAC of what was asked for: the key may be replayed only for the same intent. */
  intent: string;
  /** The SIWE nonce the first answer spent; a replay may carry the same signed message. */
  nonce: string | undefined;
  status: number;
  data: unknown;
}

export interface Intent {
  email: string;
  walletAddress: string;
  country: string;
  channels: string[];
  customerRef: string | undefined;
}

export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{8,255}$/.test(key);
}

export class Idempotency {
  constructor(
    private readonly store: TrussetStore,
    private readonly secret: string,
  ) {}

  /** Keys are scoped by wallet: one wallet's key can never reach another wallet's answer. */
  async scope(walletAddress: string, key: string): Promise<string> {
    return `idem:${walletAddress.toLowerCase()}:${await sha256(key)}`;
  }

  /** No plain e-mail enters the store: the intent is kept as an HMAC only. */
  intent(intent: Intent): Promise<string> {
    const canonical = JSON.stringify([intent.email.toLowerCase(), intent.walletAddress.toLowerCase(), intent.country, [...intent.channels].sort(), intent.customerRef ?? null]);
    return hmacSha256(this.secret, `intent:${canonical}`);
  }

  /**
   * Either the stored answer for this scope, or the lock to produce it. A request that finds
   * another one producing it waits for that answer, up to 5 s.
   */
  async claim(scope: string, wait: (ms: number) => Promise<void>): Promise<{ record: IdempotencyRecord } | { release: () => Promise<void> }> {
    const deadline = Date.now() + CONCURRENT_WAIT_MS;
    for (;;) {
      const stored = await this.store.get(scope);
      if (stored !== undefined) return { record: JSON.parse(stored) as IdempotencyRecord };
      if (await this.store.setIfAbsent(`${scope}:lock`, '1', LOCK_TTL_MS)) {
        // The holder before us saves, then lets go: if it did both between our read and our lock
        // (likely with a networked store), its answer is there now and must not be produced twice.
        const saved = await this.store.get(scope);
        if (saved === undefined) return { release: () => this.store.delete(`${scope}:lock`) };
        await this.store.delete(`${scope}:lock`);
        return { record: JSON.parse(saved) as IdempotencyRecord };
      }
      if (Date.now() >= deadline) throw new KitError('IDEMPOTENCY_IN_PROGRESS', { retryAfter: 1 });
      await wait(POLL_MS);
    }
  }

  /** Only successes are kept: a failure may be retried under the same key. */
  async save(scope: string, record: IdempotencyRecord): Promise<void> {
    if (record.status >= 200 && record.status < 300) await this.store.set(scope, JSON.stringify(record), IDEMPOTENCY_TTL_MS);
  }
}
