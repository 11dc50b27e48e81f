import type { KitContext } from '../kit-context.js';

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
