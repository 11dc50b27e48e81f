import { KitError } from './errors.js';
import { guarded } from './guarded-store.js';
import { Idempotency } from './idempotency.js';
import { Links } from './links.js';
import { logFailure } from './log-failure.js';
import { consoleLogger } from './logger.js';
import { resolveOptions, type TrussetHandlerOptions } from './options.js';
import { clientAddress, consumeRateLimit } from './rate-limit.js';
import { failure, preflight, success, type ResponseContext } from './respond.js';
import type { KitContext } from './routes/context.js';
import { matchRoute } from './routes/table.js';
import { authorize } from './steps/authorize.js';
import { linkHandedOut } from './steps/link-handed-out.js';
import { MemoryStore } from './store.js';
import { TrussetClient } from './trusset-client.js';

export interface TrussetHandlerContext {
  /** The client's address as the server saw it (Node: the socket's); used for rate limits. */
  ip?: string;
}

export type TrussetHandler = (request: Request, context?: TrussetHandlerContext) => Promise<Response>;

const SERVERLESS_ENV = ['VERCEL', 'AWS_LAMBDA_FUNCTION_NAME', 'NETLIFY', 'K_SERVICE', 'FUNCTIONS_WORKER_RUNTIME'];

/**
 * The partner-backend kit: one Fetch-API handler serving `GET {basePath}/nonce`,
 * `POST {basePath}/id-links` and `GET {basePath}/id-links/{id}` (DESIGN.md, "The partner-backend
 * kit"; one file per route in ./routes, their table in ./routes/table.ts). Options are checked
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

/** The options checked, the store guarded and what is built on it: once per handler, shared by every request. */
function createKitContext(options: TrussetHandlerOptions): KitContext {
  const config = resolveOptions(options);
  const logger = options.logger ?? consoleLogger;
  if (!options.store && SERVERLESS_ENV.some((name) => globalThis.process?.env?.[name])) {
    logger.warn('the in-memory store keeps nonces, idempotency records and rate limits per instance; on a serverless platform pass a shared store (e.g. Redis)');
  }
  const store = guarded(options.store ?? new MemoryStore({ now: config.now }));
  const client = new TrussetClient(config, logger);
  return {
    config,
    logger,
    store,
    client,
    links: new Links(store, client, config, logger),
    idempotency: new Idempotency(store, config.idempotencySecret),
    authorize: (request) => authorize(config, request),
    rateLimit: (key, limit) => consumeRateLimit(store, key, limit, config.now()),
    linkHandedOut: (event) => linkHandedOut(config, logger, event),
  };
}
