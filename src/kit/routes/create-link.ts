import { getAddress } from 'viem';
import { KitError } from '../errors.js';
import { isValidIdempotencyKey } from '../idempotency.js';
import type { ContractLink } from '../links.js';
import type { Channel } from '../options.js';
import type { CreateBody } from '../steps/read-body.js';
import { walletProof } from '../steps/wallet-proof.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';

/**
 * `POST /id-links`, a creation: the wallet's open link if it has one, else a new one from
 * Trusset; with an `Idempotency-Key`, the same answer to the same request.
 */
export async function createLink(ctx: KitContext, request: Request, { ip, origin }: RouteCall, body: CreateBody): Promise<RouteAnswer> {
  const { config, idempotency } = ctx;
  const auth = await ctx.authorize(request);
  await ctx.rateLimit(`create:${ip}`, config.rateLimits.create);
  const walletAddress = getAddress(body.walletAddress);
  const email = auth?.email ?? body.email.trim();
  const country = body.country.toUpperCase();
  const channels = body.channels?.length ? body.channels.filter((c): c is Channel => config.allowedChannels.has(c as Channel)) : config.defaultChannels;
  const { siwe, verify } = walletProof(ctx, body.siwe, origin, walletAddress);

  const key = request.headers.get('idempotency-key');
  if (key === null) {
    await verify();
    return produce();
  }
  if (!isValidIdempotencyKey(key)) throw new KitError('INVALID_REQUEST', { details: 'Idempotency-Key must be 8-255 visible ASCII characters' });
  const scope = await idempotency.scope(walletAddress, key);
  const intent = await idempotency.intent({ email, walletAddress, country, channels, customerRef: auth?.customerRef });
  const claim = await idempotency.claim(scope, (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  if ('record' in claim) {
    // A replay is answered only to someone who proves the same wallet again.
    await verify(claim.record.nonce);
    if (claim.record.intent !== intent) throw new KitError('IDEMPOTENCY_CONFLICT');
    return { status: claim.record.status, data: claim.record.data as ContractLink };
  }
  try {
    await verify();
    const answer = await produce();
    await idempotency.save(scope, { intent, nonce: siwe?.nonce, ...answer });
    return answer;
  } finally {
    await claim.release();
  }

  async function produce(): Promise<{ status: number; data: ContractLink }> {
    const open = await ctx.links.openLink(walletAddress);
    if (open) {
      await ctx.linkHandedOut({ ...open, country, customerRef: auth?.customerRef, reused: true, resumed: false });
      return { status: 200, data: open };
    }
    if (config.linksPerHour !== undefined) {
      const { count, resetAt } = await ctx.store.increment('budget:links', 3_600_000);
      if (count > config.linksPerHour) {
        ctx.logger.warn('global link budget reached', { linksPerHour: config.linksPerHour });
        throw new KitError('RATE_LIMITED', { retryAfter: Math.max(1, Math.ceil((resetAt - config.now()) / 1000)), details: 'linksPerHour' });
      }
    }
    const serverMetadata = typeof config.metadata === 'function' ? config.metadata(request, auth) : (config.metadata ?? {});
    const metadata = {
      ...(body.metadata ? { client: body.metadata } : {}),
      ...(auth ? { customerRef: auth.customerRef } : {}),
      ...serverMetadata,
    };
    const upstream = await ctx.client.createLink({ email, walletAddress, country, channels, metadata, customerRef: auth?.customerRef });
    const data = await ctx.links.remember(upstream, walletAddress, auth?.customerRef, country);
    ctx.logger.info('link created', { linkId: data.id, country, status: data.status });
    await ctx.linkHandedOut({ ...data, country, customerRef: auth?.customerRef, reused: false, resumed: false });
    return { status: 201, data };
  }
}
