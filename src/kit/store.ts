/**
 * Where the kit keeps what must outlive one request: nonces, idempotency records, the status
 * cache and rate counters. Values are strings (JSON where structured) so that a networked store
 * (Redis) can implement the same interface one command per method. Every method is atomic.
 * A store that cannot be reached throws; the kit answers `STORE_UNAVAILABLE`.
 */
export interface TrussetStore {
  get(key: string): Promise<string | undefined>;
  /** Sets `key`, replacing any value, for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` only when it holds nothing; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Removes `key` and returns what it held, in one step: two callers never both get the value. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to the counter of a fixed window that starts at the first increment and lasts
   * `windowMs`; returns the count including this call and when the window ends (epoch ms).
   */
  increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  /**
   * Adds `member` to the set under `key`, for `ttlMs`, unless the set already holds `limit` live
   * members; true when `member` is in the set afterwards. Counts what is outstanding, where
   * `increment` counts what happened: a member removed or expired frees its place. A member
   * already there keeps its TTL.
   */
  addMember(key: string, member: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Removes `member` from the set under `key`, if it is there. */
  removeMember(key: string, member: string): Promise<void>;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default store: one process's memory. Right for one long-running server; on several
 * machines or a serverless platform, each instance would keep its own nonces and limits, so
 * use a shared store there (the kit warns when it detects a serverless platform).
 */
export class MemoryStore implements TrussetStore {
  readonly #entries = new Map<string, Entry>();
  /** Each set's members with when they expire, in the order they were added. */
  readonly #sets = new Map<string, Map<string, number>>();
  readonly #now: () => number;
  #sweepAt = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  // Expired entries nobody reads again are dropped in a sweep at most once a minute, so the
  // map cannot grow without bound under a stream of one-off keys.
  #sweep(): void {
    const now = this.#now();
    if (now < this.#sweepAt) return;
    this.#sweepAt = now + 60_000;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const key of this.#sets.keys()) this.#prune(key, true);
  }

  /**
   * Drops a set's expired members: those at its front (members mostly share one TTL, so the
   * oldest expire first), or with `all` every one, which costs a pass over the set.
   */
  #prune(key: string, all: boolean): Map<string, number> | undefined {
    const set = this.#sets.get(key);
    if (!set) return undefined;
    const now = this.#now();
    for (const [member, expiresAt] of set) {
      if (expiresAt <= now) set.delete(member);
      else if (!all) break;
    }
    if (set.size === 0) this.#sets.delete(key);
    return set.size === 0 ? undefined : set;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#sweep();
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.#live(key);
    this.#entries.delete(key);
    return entry?.value;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const entry = this.#live(key);
    if (!entry) {
      const resetAt = this.#now() + windowMs;
      this.#sweep();
      this.#entries.set(key, { value: '1', expiresAt: resetAt });
      return { count: 1, resetAt };
    }
    const count = Number(entry.value) + 1;
    entry.value = String(count);
    return { count, resetAt: entry.expiresAt };
  }

  async addMember(key: string, member: string, limit: number, ttlMs: number): Promise<boolean> {
    this.#sweep();
    let set = this.#prune(key, false);
    const expiresAt = set?.get(member);
    if (expiresAt !== undefined && expiresAt > this.#now()) return true;
    set?.delete(member);
    if (set && set.size >= limit) set = this.#prune(key, true);
    if (set && set.size >= limit) return false;
    if (limit < 1) return false;
    if (!set) {
      set = new Map();
      this.#sets.set(key, set);
    }
    set.set(member, this.#now() + ttlMs);
    return true;
  }

  async removeMember(key: string, member: string): Promise<void> {
    const set = this.#sets.get(key);
    set?.delete(member);
    if (set?.size === 0) this.#sets.delete(key);
  }
}
