export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/** Trusset counts requests per key in fixed windows that start with the first request. */
export function createRateLimiter({ limit, windowMs }: RateLimit) {
  const windows = new Map<string, { start: number; count: number }>();

  function take(key: string, now: number): RateDecision {
    let window = windows.get(key);
    if (window === undefined || now >= window.start + windowMs) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    const allowed = window.count < limit;
    if (allowed) window.count += 1;
    const resetAt = window.start + windowMs;
    return {
      allowed,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
        'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
      },
    };
  }

  return { take, clear: () => windows.clear() };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
