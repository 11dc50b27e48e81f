import { KitError } from '../errors.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';

/** `GET /id-links/{id}` with the link's status token: `{ id, status, expiresAt }`. */
export async function linkStatus(ctx: KitContext, request: Request, { ip, id: rawId = '' }: RouteCall): Promise<RouteAnswer> {
  await ctx.authorize(request);
  await ctx.rateLimit(`status:${ip}`, ctx.config.rateLimits.status);
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    throw new KitError('NOT_FOUND', { details: 'link id is not valid percent-encoding' });
  }
  return { status: 200, data: await ctx.links.statusFor(id, request.headers.get('x-status-token')) };
}
