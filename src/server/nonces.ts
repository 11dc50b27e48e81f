import { randomAlphanumeric } from './crypto.js';
import { KitError } from './errors.js';
import type { TrussetStore } from './store.js';

/** How long a nonce may wait for its signature (DESIGN.md: ten minutes). */
export const NONCE_LIFETIME_MS = 10 * 60_000;

/** At most this many nonces are issued per lifetime, so unspent ones cannot fill the store. */
export const MAX_OUTSTANDING_NONCES = 10_000;

export async function issueNonce(store: TrussetStore, now: number): Promise<string> {
  const { count, resetAt } = await store.increment('nonces:issued', NONCE_LIFETIME_MS);
  if (count > MAX_OUTSTANDING_NONCES) {
    throw new KitError('RATE_LIMITED', { retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)), details: 'nonce cap reached' });
  }
  const nonce = randomAlphanumeric(32);
  await store.set(`nonce:${nonce}`, '1', NONCE_LIFETIME_MS);
  return nonce;
}

export async function nonceIsOpen(store: TrussetStore, nonce: string): Promise<boolean> {
  return (await store.get(`nonce:${nonce}`)) !== undefined;
}

/** Spends the nonce; of two requests racing with one nonce, exactly one gets true. */
export async function consumeNonce(store: TrussetStore, nonce: string): Promise<boolean> {
  return (await store.take(`nonce:${nonce}`)) !== undefined;
}
