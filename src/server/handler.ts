import { getAddress, isAddress } from 'viem';
import { z } from 'zod';
import { isAlpha2 } from '../shared/countries.js';
import { KitError } from './errors.js';
import { Idempotency, isValidIdempotencyKey } from './idempotency.js';
import { Links, type ContractLink } from './links.js';
import { consoleLogger, type TrussetLogger } from './logger.js';
import { consumeNonce, issueNonce, nonceIsOpen } from './nonces.js';
import { resolveOptions, type AuthorizeResult, type Channel, type ResolvedOptions, type TrussetHandlerOptions } from './options.js';
import { clientAddress, consumeRateLimit } from './rate-limit.js';
import { failure, preflight, success, type ResponseContext } from './respond.js';
import { readLimitedText } from './body.js';
import { parseBoundedJson } from './json.js';
import { checkSiweFields, verifySiweSignature, type CheckedSiwe } from './siwe.js';
import { MemoryStore, type TrussetStore } from './store.js';
import { TrussetClient } from './trusset-client.js';

export interface TrussetHandlerContext {
  /** The client's address as the server saw it (Node: the socket's); used for rate limits. */
  ip?: string;
}

export type TrussetHandler = (request: Request, context?: TrussetHandlerContext) => Promise<Response>;

const MAX_CLIENT_METADATA_BYTES = 2_048;

const siweBody = z.object({ message: z.string().max(4_096), signature: z.string().max(20_000) });

const createBody = z.object({
  email: z.string().max(320),
  walletAddress: z.string().max(64),
  country: z.string().max(8),
  channels: z.array(z.string().max(16)).max(4).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  siwe: siweBody.optional(),
});
type CreateBody = z.infer<typeof createBody>;

/**
 * The resume form: the widget kept `{ id, statusToken }` of its open link and asks for it again.
 * Strict, so that nothing of a creation (e-mail, country, channels, metadata) rides along.
 */
const resumeBody = z.strictObject({
  walletAddress: z.string().max(64),
  resume: z.strictObject({ id: z.string().max(256), statusToken: z.string().max(256) }),
  siwe: siweBody.optional(),
});
type ResumeBody = z.infer<typeof resumeBody>;

type LinkRequest = { kind: 'create'; body: CreateBody } | { kind: 'resume'; body: ResumeBody };

const emailSchema = z.email().max(254);

// A Fetch Request carries any token as its method: only these are logged as sent.
const LOGGED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const SERVERLESS_ENV = ['VERCEL', 'AWS_LAMBDA_FUNCTION_NAME', 'NETLIFY', 'K_SERVICE', 'FUNCTIONS_WORKER_RUNTIME'];

/** A store that fails says so as `STORE_UNAVAILABLE`, whatever it threw. */
function guarded(store: TrussetStore): TrussetStore {
  const wrap =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method.apply(store, args);
      } catch (cause) {
        throw new KitError('STORE_UNAVAILABLE', { details: 'the store could not be reached', cause });
      }
    };
  return {
    get: wrap(store.get),
    set: wrap(store.set),
    setIfAbsent: wrap(store.setIfAbsent),
    take: wrap(store.take),
    delete: wrap(store.delete),
    increment: wrap(store.increment),
    addMember: wrap(store.addMember),
    removeMember: wrap(store.removeMember),
  };
}

/**
 * The partner-backend kit: one Fetch-API handler serving `GET {basePath}/nonce`,
 * `POST {basePath}/id-links` and `GET {basePath}/id-links/{id}` (DESIGN.md, "The partner-backend
 * kit"). Options are checked here, once: a mistake throws `TrussetConfigError` at start-up.
 */
export function createTrussetHandler(options: TrussetHandlerOptions): TrussetHandler {
  const config = resolveOptions(options);
  const logger = options.logger ?? consoleLogger;
  if (!options.store && SERVERLESS_ENV.some((name) => globalThis.process?.env?.[name])) {
    logger.warn('the in-memory store keeps nonces, idempotency records and rate limits per instance; on a serverless platform pass a shared store (e.g. Redis)');
  }
  const store = guarded(options.store ?? new MemoryStore({ now: config.now }));
  const client = new TrussetClient(config, logger);
  const links = new Links(store, client, config, logger);
  const idempotency = new Idempotency(store, config.idempotencySecret);
  const routes = { nonce: `${config.basePath}/nonce`, links: `${config.basePath}/id-links` };

  return async function trussetHandler(request, context = {}) {
    const responseContext: ResponseContext = { requestId: crypto.randomUUID(), corsOrigin: undefined, now: config.now };
    const { pathname } = new URL(request.url);
    const route = routeName(request.method, pathname);
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
      if (pathname === routes.nonce && request.method === 'GET') {
        await authorize(request);
        await consumeRateLimit(store, `nonce:${ip}`, config.rateLimits.nonce, config.now());
        const nonce = await issueNonce(store, ip);
        return success(responseContext, { nonce, serverTime: new Date(config.now()).toISOString() });
      }
      if (pathname === routes.links && request.method === 'POST') {
        const linkRequest = await readBody(request);
        const { status, data } = linkRequest.kind === 'resume' ? await resumeLink(request, linkRequest.body, origin, ip) : await createLink(request, linkRequest.body, origin, ip);
        return success(responseContext, data, status);
      }
      if (pathname.startsWith(`${routes.links}/`) && request.method === 'GET') {
        await authorize(request);
        await consumeRateLimit(store, `status:${ip}`, config.rateLimits.status, config.now());
        let id: string;
        try {
          id = decodeURIComponent(pathname.slice(routes.links.length + 1));
        } catch {
          throw new KitError('NOT_FOUND', { details: 'link id is not valid percent-encoding' });
        }
        return success(responseContext, await links.statusFor(id, request.headers.get('x-status-token')));
      }
      // Counted too: a stream of junk paths costs a store write each, and is refused like any other flood.
      await consumeRateLimit(store, `unmatched:${ip}`, config.rateLimits.status, config.now());
      throw new KitError('NOT_FOUND', { details: 'no such route' });
    } catch (error) {
      const kitError = error instanceof KitError ? error : new KitError('INTERNAL_ERROR', { cause: error });
      log(logger, kitError, error, responseContext.requestId, route);
      return failure(responseContext, kitError);
    }
  };

  /**
   * The route as a log may name it: a template, never the path itself, which is the client's text
   * (a link id, or an e-mail or a status token pasted into the URL) and of any length.
   */
  function routeName(method: string, pathname: string): string {
    const verb = LOGGED_METHODS.has(method) ? method : 'other method';
    if (pathname === routes.nonce) return `${verb} ${config.basePath}/nonce`;
    if (pathname === routes.links) return `${verb} ${config.basePath}/id-links`;
    if (pathname.startsWith(`${routes.links}/`)) return `${verb} ${config.basePath}/id-links/{id}`;
    return `${verb} unmatched (path of ${pathname.length} characters)`;
  }

  async function authorize(request: Request): Promise<AuthorizeResult | undefined> {
    if (!config.authorize) return undefined;
    let result: Awaited<ReturnType<NonNullable<ResolvedOptions['authorize']>>>;
    try {
      result = await config.authorize(request);
    } catch (cause) {
      throw cause instanceof KitError ? cause : new KitError('INTERNAL_ERROR', { details: 'authorize threw', cause });
    }
    if (!result || typeof result.customerRef !== 'string' || !result.customerRef) throw new KitError('UNAUTHORIZED');
    return result;
  }

  /**
   * The SIWE fields checked now (with `siwe` off: nothing, as for a creation); the returned
   * `verify` checks the nonce and the signature, then spends the nonce.
   */
  function walletProof(signed: { message: string; signature: string } | undefined, origin: string | undefined, walletAddress: string) {
    let siwe: CheckedSiwe | undefined;
    if (config.siweRequired) {
      if (!signed) throw new KitError('SIWE_INVALID', { details: 'no siwe in the body' });
      siwe = checkSiweFields(signed.message, { domains: config.siweDomains, origin, chainIds: config.chainIds, walletAddress, statement: config.siweStatement, now: config.now() });
    }
    const proof = signed && siwe ? { ...signed, checked: siwe } : undefined;
    const verify = async (acceptSpentNonce?: string): Promise<void> => {
      if (!proof) return;
      const reused = acceptSpentNonce !== undefined && proof.checked.nonce === acceptSpentNonce;
      if (!reused && !(await nonceIsOpen(store, proof.checked.nonce))) throw new KitError('SIWE_NONCE_UNKNOWN');
      await verifySiweSignature(proof.message, proof.signature, proof.checked, config.rpc.get(proof.checked.chainId));
      // Last, and atomically: of two requests racing with one signed message, one wins.
      if (!reused && !(await consumeNonce(store, proof.checked.nonce))) throw new KitError('SIWE_NONCE_UNKNOWN');
    };
    return { siwe, verify };
  }

  /**
   * `POST /id-links` with `resume`: the same open link, never a new one. Checked in the order of
   * a creation (authorize, rate limits, SIWE); only then the link, so that someone without the
   * wallet's fresh signature learns nothing about it. No idempotency record: each answer costs an
   * unspent nonce and reflects the link's state now, where a stored answer could replay a URL.
   */
  async function resumeLink(request: Request, body: ResumeBody, origin: string | undefined, ip: string): Promise<{ status: number; data: ContractLink }> {
    const auth = await authorize(request);
    // A resume hands out a link as a creation does, so it counts as one; it spends no Trusset
    // credit, so not against linksPerHour.
    await consumeRateLimit(store, `create:${ip}`, config.rateLimits.create, config.now());
    const walletAddress = getAddress(body.walletAddress);
    const key = request.headers.get('idempotency-key');
    if (key !== null && !isValidIdempotencyKey(key)) throw new KitError('INVALID_REQUEST', { details: 'Idempotency-Key must be 8-255 visible ASCII characters' });
    await walletProof(body.siwe, origin, walletAddress).verify();
    const { link, country } = await links.resume(body.resume.id, body.resume.statusToken, walletAddress, auth?.customerRef);
    logger.info('link resumed', { linkId: link.id, status: link.status });
    await hook({ ...link, country: country ?? '', customerRef: auth?.customerRef, reused: true, resumed: true });
    return { status: 200, data: link };
  }

  async function createLink(request: Request, body: CreateBody, origin: string | undefined, ip: string): Promise<{ status: number; data: ContractLink }> {
    const auth = await authorize(request);
    await consumeRateLimit(store, `create:${ip}`, config.rateLimits.create, config.now());
    const walletAddress = getAddress(body.walletAddress);
    const email = auth?.email ?? body.email.trim();
    const country = body.country.toUpperCase();
    const channels = body.channels?.length ? body.channels.filter((c): c is Channel => config.allowedChannels.has(c as Channel)) : config.defaultChannels;
    const { siwe, verify } = walletProof(body.siwe, origin, walletAddress);

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
      const open = await links.openLink(walletAddress);
      if (open) {
        await hook({ ...open, country, customerRef: auth?.customerRef, reused: true, resumed: false });
        return { status: 200, data: open };
      }
      if (config.linksPerHour !== undefined) {
        const { count, resetAt } = await store.increment('budget:links', 3_600_000);
        if (count > config.linksPerHour) {
          logger.warn('global link budget reached', { linksPerHour: config.linksPerHour });
          throw new KitError('RATE_LIMITED', { retryAfter: Math.max(1, Math.ceil((resetAt - config.now()) / 1000)), details: 'linksPerHour' });
        }
      }
      const serverMetadata = typeof config.metadata === 'function' ? config.metadata(request, auth) : (config.metadata ?? {});
      const metadata = {
        ...(body.metadata ? { client: body.metadata } : {}),
        ...(auth ? { customerRef: auth.customerRef } : {}),
        ...serverMetadata,
      };
      const upstream = await client.createLink({ email, walletAddress, country, channels, metadata, customerRef: auth?.customerRef });
      const data = await links.remember(upstream, walletAddress, auth?.customerRef, country);
      logger.info('link created', { linkId: data.id, country, status: data.status });
      await hook({ ...data, country, customerRef: auth?.customerRef, reused: false, resumed: false });
      return { status: 201, data };
    }
  }

  async function hook(event: ContractLink & { country: string; customerRef: string | undefined; reused: boolean; resumed: boolean }): Promise<void> {
    if (!config.onLinkCreated) return;
    const { id, walletAddress, country, status, expiresAt, createdAt, customerRef, reused, resumed } = event;
    try {
      await config.onLinkCreated({ id, walletAddress, country, status, expiresAt, createdAt, customerRef, reused, resumed });
    } catch (error) {
      logger.error('onLinkCreated hook threw', { linkId: id, error: error instanceof Error ? error.name : typeof error });
    }
  }

  async function readBody(request: Request): Promise<LinkRequest> {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new KitError('INVALID_REQUEST', { details: 'Content-Type is not application/json' });
    const text = await readLimitedText(request, config.maxBodyBytes, config.bodyTimeoutMs);
    const json = parseBoundedJson(text);
    // A `resume` member makes it a resume, whatever else the body holds: a body with both is
    // refused rather than read as a creation with an ignored member.
    if (typeof json === 'object' && json !== null && Object.hasOwn(json, 'resume')) {
      const resume = resumeBody.safeParse(json);
      // No member names in the log: an unknown one is whatever the client wrote (an e-mail, say).
      if (!resume.success) throw new KitError('INVALID_REQUEST', { details: `resume body does not match (${resume.error.issues[0]?.code})` });
      if (!isAddress(resume.data.walletAddress, { strict: true })) throw new KitError('INVALID_ADDRESS');
      return { kind: 'resume', body: resume.data };
    }
    const parsed = createBody.safeParse(json);
    if (!parsed.success) throw new KitError('INVALID_REQUEST', { details: `body does not match: ${parsed.error.issues[0]?.path.join('.')}` });
    const body = parsed.data;
    if (!emailSchema.safeParse(body.email.trim()).success) throw new KitError('INVALID_EMAIL');
    if (!isAddress(body.walletAddress, { strict: true })) throw new KitError('INVALID_ADDRESS');
    // ASCII letters before upper-casing: toUpperCase folds 'ß' into 'SS', 'ﬁ' into 'FI', 'ı' into 'I'.
    if (!/^[A-Za-z]{2}$/.test(body.country)) throw new KitError('INVALID_COUNTRY');
    const country = body.country.toUpperCase();
    if (!isAlpha2(country) || (config.countries && !config.countries.has(country))) throw new KitError('INVALID_COUNTRY');
    if (body.metadata && new TextEncoder().encode(JSON.stringify(body.metadata)).byteLength > MAX_CLIENT_METADATA_BYTES) {
      throw new KitError('INVALID_REQUEST', { details: `metadata over ${MAX_CLIENT_METADATA_BYTES} bytes` });
    }
    return { kind: 'create', body };
  }
}

function log(logger: TrussetLogger, kitError: KitError, original: unknown, requestId: string, route: string): void {
  const fields: Record<string, unknown> = { code: kitError.code, status: kitError.status, requestId, route };
  if (kitError.details) fields.details = kitError.details;
  if (kitError.code === 'INTERNAL_ERROR' || kitError.code === 'STORE_UNAVAILABLE') {
    const cause = original instanceof KitError ? original.cause : original;
    // The name and stack frames locate the fault; the message is left out, since it may quote data.
    fields.error = cause instanceof Error ? cause.name : typeof cause;
    fields.stack = cause instanceof Error ? cause.stack?.split('\n').slice(1, 4).join(' | ') : undefined;
    logger.error('request failed', fields);
  } else if (kitError.status >= 500) {
    logger.warn('request failed', fields);
  } else {
    logger.info('request refused', fields);
  }
}
