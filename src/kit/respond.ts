import type { KitError } from './errors.js';

export interface ResponseContext {
  requestId: string;
  /** The request's `Origin` when it is allowed, for the CORS headers. */
  corsOrigin: string | undefined;
  now: () => number;
}

const EXPOSED = 'Retry-After, X-Request-Id';

function headers(context: ResponseContext, extra: Record<string, string> = {}): Headers {
  const result = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Request-Id': context.requestId,
    'X-Content-Type-Options': 'nosniff',
    // Every answer depends on the Origin (CORS headers or not): caches must key on it.
    Vary: 'Origin',
    ...extra,
  });
  if (context.corsOrigin) {
    result.set('Access-Control-Allow-Origin', context.corsOrigin);
    result.set('Access-Control-Allow-Credentials', 'true');
    result.set('Access-Control-Expose-Headers', EXPOSED);
  }
  return result;
}

function metadata(context: ResponseContext) {
  return { requestId: context.requestId, timestamp: new Date(context.now()).toISOString() };
}

export function success(context: ResponseContext, data: unknown, status = 200): Response {
  return new Response(JSON.stringify({ success: true, data, metadata: metadata(context) }), { status, headers: headers(context) });
}

export function failure(context: ResponseContext, error: KitError): Response {
  const extra: Record<string, string> = error.retryAfter === undefined ? {} : { 'Retry-After': String(error.retryAfter) };
  const body = {
    success: false,
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    },
    metadata: metadata(context),
  };
  return new Response(JSON.stringify(body), { status: error.status, headers: headers(context, extra) });
}

export function preflight(context: ResponseContext, allowedHeaders: string[]): Response {
  const result = headers(context);
  result.delete('Content-Type');
  result.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  result.set('Access-Control-Allow-Headers', ['Content-Type', 'Idempotency-Key', 'X-Status-Token', ...allowedHeaders].join(', '));
  result.set('Access-Control-Max-Age', '600');
  return new Response(null, { status: 204, headers: result });
}
