import { issueNonce } from '../nonces.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';

/** `GET /nonce`: a fresh nonce for the SIWE message, and the server's clock. */
export async function nonce(ctx: KitContext, request: Request, { ip }: RouteCall): Promise<RouteAnswer> {
  await ctx.authorize(request);
  await ctx.rateLimit(`nonce:${ip}`, ctx.config.rateLimits.nonce);
  const value = await issueNonce(ctx.store, ip);
  return { status: 200, data: { nonce: value, serverTime: new Date(ctx.config.now()).toISOString() } };
}
