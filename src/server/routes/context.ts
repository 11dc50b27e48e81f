import type { AuthorizeResult, RateLimit, ResolvedOptions } from '../options.js';
import type { Idempotency } from '../idempotency.js';
import type { ContractLink, Links } from '../links.js';
import type { TrussetLogger } from '../logger.js';
import type { TrussetStore } from '../store.js';
import type { TrussetClient } from '../trusset-client.js';

/** What `onLinkCreated` is told, before the kit picks the hook's fields from it. */
export type LinkHandedOut = ContractLink & { country: string; customerRef: string | undefined; reused: boolean; resumed: boolean };

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

/** What a route knows of the request beyond the Request itself. */
export interface RouteCall {
  /** The client's address (rate limits). */
  ip: string;
  /** The request's `Origin`, already checked against `allowedOrigins`. */
  origin: string | undefined;
  /** The path's `{id}` segment as sent (still percent-encoded), for the routes that have one. */
  id?: string;
}

/** A success: the router wraps `data` in the contract's envelope. Refusals are thrown as KitError. */
export interface RouteAnswer {
  status: number;
  data: unknown;
}

export type Route = (ctx: KitContext, request: Request, call: RouteCall) => Promise<RouteAnswer>;
