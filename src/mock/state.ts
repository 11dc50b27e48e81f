import { toAlpha2 } from '../shared/countries.js';
import { instanceRefOf, MOCK_API_KEY } from './api-key.js';
import { createFaultQueue, type FaultQueue } from './faults.js';
import { createLinkStore, type LinkStore } from './links.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { MockCall, MockTrussetOptions } from './types.js';

/** Everything one mock instance remembers, and its settled options. */
export interface MockState {
  keys: ReadonlySet<string>;
  blocked: ReadonlySet<string>;
  maxBodyBytes: number;
  verifyBaseUrl: string | undefined;
  now: () => number;
  store: LinkStore;
  faults: FaultQueue;
  limiter: RateLimiter;
  statusLimiter: RateLimiter;
  calls: MockCall[];
}

export function createState(options: MockTrussetOptions): MockState {
  const blocked = (options.blockedCountries ?? []).map((code) => {
    const alpha2 = toAlpha2(code);
    if (alpha2 === undefined) throw new TypeError(`blockedCountries: "${code}" is not an ISO 3166-1 code`);
    return alpha2;
  });
  const keys = options.apiKeys ?? [MOCK_API_KEY];
  // A malformed key could never be accepted: better a loud setup than a test that only ever sees 401.
  if (keys.some((key) => instanceRefOf(key) === undefined)) {
    throw new TypeError('apiKeys: every key must look like trusset_{8 alphanumerics}_{64 lower-case hex}');
  }
  return {
    keys: new Set(keys),
    blocked: new Set(blocked),
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    verifyBaseUrl: options.verifyBaseUrl?.replace(/\/+$/, ''),
    now: options.now ?? Date.now,
    store: createLinkStore(),
    faults: createFaultQueue(),
    limiter: createRateLimiter(options.rateLimit ?? { limit: 200, windowMs: 60_000 }),
    statusLimiter: createRateLimiter(options.statusRateLimit ?? { limit: 120, windowMs: 60_000 }),
    calls: [],
  };
}
