import { guarded } from './guarded-store.js';
import { Idempotency } from './idempotency.js';
import { Links } from './links.js';
import { consoleLogger, type TrussetLogger } from './logger.js';
import { resolveOptions, type AuthorizeResult, type RateLimit, type ResolvedOptions, type TrussetHandlerOptions } from './options.js';
import { consumeRateLimit } from './rate-limit.js';
import { authorize } from './steps/authorize.js';
import { type LinkHandedOut, linkHandedOut } from './steps/link-handed-out.js';
import { MemoryStore, type TrussetStore } from './store.js';
import { TrussetClient } from './trusset-client.js';

/**
 * Everything a route needs, built once by `createTrussetHandler` and shared by every request:
 * the checked options, the (guarded) store and what is built on it, and the steps every route
 * takes the same way.
 */
export interface KitContext {
  config: ResolvedOptions;
  logger: TrussetLogger;
  /** The partner's store, its failures answered as `STORE_UNAVAILABLE`. */
  store: TrussetStore;
  client: TrussetClient;
  links: Links;
  idempotency: Idempotency;
  /** The partner's `authorize`: its result, undefined when the kit runs without one, else a KitError. */
  authorize(request: Request): Promise<AuthorizeResult | undefined>;
  /** Counts one request against `key`'s window; over `limit`, `RATE_LIMITED`. */
  rateLimit(key: string, limit: RateLimit): Promise<void>;
  /** Tells `onLinkCreated`, if the partner set one; a hook that throws is logged, never answered. */
  linkHandedOut(event: LinkHandedOut): Promise<void>;
}

const SERVERLESS_ENV = ['VERCEL', 'AWS_LAMBDA_FUNCTION_NAME', 'NETLIFY', 'K_SERVICE', 'FUNCTIONS_WORKER_RUNTIME'];

/** The options checked, the store guarded and what is built on it: once per handler, shared by every request. */
export function createKitContext(options: TrussetHandlerOptions): KitContext {
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
