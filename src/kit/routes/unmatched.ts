import { KitError } from '../errors.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';

/** Any other method or path: `NOT_FOUND`. */
export async function unmatched(ctx: KitContext, _request: Request, { ip }: RouteCall): Promise<RouteAnswer> {
  // Counted too: a stream of junk paths costs a store write each, and is refused like any other flood.
  await ctx.rateLimit(`unmatched:${ip}`, ctx.config.rateLimits.status);
  throw new KitError('NOT_FOUND', { details: 'no such route' });
}
