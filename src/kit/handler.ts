import { KitError } from './errors.js';
import { logFailure } from './log-failure.js';
import { createKitContext } from './kit-context.js';
import type { TrussetHandlerOptions } from './options.js';
import { clientAddress } from './rate-limit.js';
import { failure, preflight, success, type ResponseContext } from './respond.js';
import { matchRoute } from './routes/table.js';

export interface TrussetHandlerContext {
  /** The client's address as the server saw it (Node: the socket's); used for rate limits. */
  ip?: string;
}

export type TrussetHandler = (request: Request, context?: TrussetHandlerContext) => Promise<Response>;

/**
 * The partner-backend kit: one Fetch-API handler serving `GET {basePath}/nonce`,
 * `POST {basePath}/id-links` and `GET {basePath}/id-links/{id}` (docs/kit.md,
 * "Routes"; one file per route in ./routes, their table in ./routes/table.ts). Options are checked
 * here, once: a mistake throws `TrussetConfigError` at start-up.
 */
export function createTrussetHandler(options: TrussetHandlerOptions): TrussetHandler {
  const ctx = createKitContext(options);
  const { config } = ctx;

  return async function trussetHandler(request, context = {}) {
    const responseContext: ResponseContext = { requestId: crypto.randomUUID(), corsOrigin: undefined, now: config.now };
    const { pathname } = new URL(request.url);
    const { name, route, id } = matchRoute(config.basePath, request.method, pathname);
    try {
      const declared = Number(request.headers.get('content-length'));
      if (declared > config.maxBodyBytes) throw new KitError('PAYLOAD_TOO_LARGE', { details: `Content-Length over ${config.maxBodyBytes}` });
      const origin = request.headers.get('origin') ?? undefined;
      if (origin !== undefined) {
        // Before anything else happens: no nonce issued, no counter moved, no body read.
        if (!config.allowedOrigins.has(origin)) throw new KitError('ORIGIN_NOT_ALLOWED');
        responseContext.corsOrigin = origin;
      }
      if (request.method === 'OPTIONS') return preflight(responseContext, config.allowedHeaders);
      const ip = clientAddress(request, context.ip, config.trustProxyHops);
      const { status, data } = await route(ctx, request, { ip, origin, ...(id === undefined ? {} : { id }) });
      return success(responseContext, data, status);
    } catch (error) {
      const kitError = error instanceof KitError ? error : new KitError('INTERNAL_ERROR', { cause: error });
      logFailure(ctx.logger, kitError, error, responseContext.requestId, name);
      return failure(responseContext, kitError);
    }
  };
}
