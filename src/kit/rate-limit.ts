import { KitError } from './errors.js';
import type { RateLimit } from './options.js';
import type { TrussetStore } from './store.js';

/** Counts one request against `key`'s fixed window; over the limit, `RATE_LIMITED` with when to retry. */
export async function consumeRateLimit(store: TrussetStore, key: string, limit: RateLimit, now: number): Promise<void> {
  const { count, resetAt } = await store.increment(`rate:${key}`, limit.windowMs);
  if (count > limit.limit) {
    throw new KitError('RATE_LIMITED', { retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)), details: `limit ${key.split(':')[0]}` });
  }
}

/**
 * The caller's address: the socket's (`context.ip`), or with `trustProxy` the entry that many
 * hops from the right of `X-Forwarded-For` — the left part is whatever the client wrote.
 */
export function clientAddress(request: Request, contextIp: string | undefined, trustedHops: number): string {
  if (trustedHops > 0) {
    const hops = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const entry = hops[hops.length - trustedHops];
    if (entry) return entry;
  }
  return contextIp ?? 'unknown';
}
