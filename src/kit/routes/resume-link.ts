import { getAddress } from 'viem';
import { KitError } from '../errors.js';
import { isValidIdempotencyKey } from '../idempotency.js';
import type { ResumeBody } from '../steps/read-body.js';
import { walletProof } from '../steps/wallet-proof.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';

/**
 * `POST /id-links` with `resume`: the same open link, never a new one. Checked in the order of
 * a creation (authorize, rate limits, SIWE); only then the link, so that someone without the
 * wallet's fresh signature learns nothing about it. No idempotency record: each answer costs an
 * unspent nonce and reflects the link's state now, where a stored answer could replay a URL.
 */
export async function resumeLink(ctx: KitContext, request: Request, { ip, origin }: RouteCall, body: ResumeBody): Promise<RouteAnswer> {
  const auth = await ctx.authorize(request);
  // A resume hands out a link as a creation does, so it counts as one; it spends no Trusset
  // credit, so not against linksPerHour.
  await ctx.rateLimit(`create:${ip}`, ctx.config.rateLimits.create);
  const walletAddress = getAddress(body.walletAddress);
  const key = request.headers.get('idempotency-key');
  if (key !== null && !isValidIdempotencyKey(key)) throw new KitError('INVALID_REQUEST', { details: 'Idempotency-Key must be 8-255 visible ASCII characters' });
  await walletProof(ctx, body.siwe, origin, walletAddress).verify();
  const { link, country } = await ctx.links.resume(body.resume.id, body.resume.statusToken, walletAddress, auth?.customerRef);
  ctx.logger.info('link resumed', { linkId: link.id, status: link.status });
  await ctx.linkHandedOut({ ...link, country: country ?? '', customerRef: auth?.customerRef, reused: true, resumed: true });
  return { status: 200, data: link };
}
