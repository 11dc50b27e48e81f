import { z } from 'zod';
import { contractStatus, type LinkStatus } from '../contract/link-status.js';
import { checkVerifyUrl } from '../shared/verify-url.js';
import { readTextUpTo } from './body.js';
import { KitError, type KitErrorCode } from './errors.js';
import type { TrussetLogger } from './logger.js';
import type { Channel, ResolvedOptions } from './options.js';

export const LINK_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface CreateLinkInput {
  email: string;
  walletAddress: string;
  country: string;
  channels: Channel[];
  metadata: Record<string, unknown>;
  customerRef: string | undefined;
}

export interface UpstreamLink {
  id: string;
  url: string;
  status: LinkStatus;
  expiresAt: string;
  createdAt: string | undefined;
}

const envelope = z.object({
  success: z.boolean(),
  data: z.unknown().optional(),
  error: z.object({ code: z.string() }).loose().nullish(),
  metadata: z.object({ requestId: z.string().optional(), retryAfter: z.number().optional() }).loose().optional(),
});

const linkData = z.object({
  id: z.string().regex(LINK_ID),
  url: z.string().optional(),
  verificationUrl: z.string().optional(),
  status: z.string(),
  expiresAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  createdAt: z.string().optional(),
});

/**
 * Trusset's refusals, as the contract's codes. Key, service and instance problems are the
 * partner's to fix (`SERVICE_MISCONFIGURED`): the end user is told no more than that.
 */
const UPSTREAM_CODES: Record<string, KitErrorCode> = {
  AUTH_REQUIRED: 'SERVICE_MISCONFIGURED',
  AUTH_FAILED: 'SERVICE_MISCONFIGURED',
  KEY_MATERIAL_REJECTED: 'SERVICE_MISCONFIGURED',
  SERVICE_NOT_ENABLED: 'SERVICE_MISCONFIGURED',
  ACCOUNT_FROZEN: 'SERVICE_MISCONFIGURED',
  CUSTOMER_NOT_FOUND: 'SERVICE_MISCONFIGURED',
  CUSTOMER_WALLET_MISMATCH: 'SERVICE_MISCONFIGURED',
  INVALID_EXPIRY: 'SERVICE_MISCONFIGURED',
  INVALID_INVESTOR_TYPE: 'SERVICE_MISCONFIGURED',
  CREDIT_LIMIT_EXCEEDED: 'SERVICE_QUOTA_EXCEEDED',
  COUNTRY_BLOCKED: 'COUNTRY_BLOCKED',
  INVALID_COUNTRY: 'INVALID_COUNTRY',
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  VALIDATION_ERROR: 'INVALID_REQUEST',
  INVALID_INPUT: 'INVALID_REQUEST',
  MISSING_RECIPIENT: 'INVALID_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

/**
 * Trusset's answers are a few hundred bytes; a larger one is not Trusset's (a proxy's error page,
 * a fault) and is not worth the memory: 200 MB read whole once cost the kit 846 MB.
 */
export const MAX_UPSTREAM_BYTES = 65_536;

const UPSTREAM_TOKEN = /^[A-Za-z0-9_.:-]{1,64}$/;

export class TrussetClient {
  constructor(
    private readonly options: ResolvedOptions,
    private readonly logger: TrussetLogger,
  ) {}

  async createLink(input: CreateLinkInput): Promise<UpstreamLink> {
    const { fieldStyle, investorType, expiryDays } = this.options;
    const body =
      fieldStyle === 'newer'
        ? {
            recipientEmail: input.email,
            recipientWallet: input.walletAddress,
            country: input.country,
            ...(input.channels.length ? { sendVia: input.channels } : {}),
            investorType: investorType ?? 'RETAIL',
            ...(expiryDays ? { expiryDays } : {}),
            ...(input.customerRef ? { externalId: input.customerRef } : {}),
            metadata: input.metadata,
          }
        : {
            email: input.email,
            walletAddress: input.walletAddress,
            country: input.country,
            ...(input.channels.length ? { channels: input.channels } : {}),
            metadata: input.metadata,
          };
    const data = await this.#call('POST', '/customers/api/id-links', body);
    const parsed = linkData.safeParse(data);
    if (!parsed.success) throw new KitError('UPSTREAM_UNAVAILABLE', { details: 'Trusset answered success with an unexpected shape' });
    const link = parsed.data;
    const url = checkVerifyUrl(link.verificationUrl ?? link.url, this.options.verifyHosts);
    if (!url) {
      // Say which host came (it names no one), never the URL: the URL is a credential.
      const raw = link.verificationUrl ?? link.url;
      const host = raw === undefined ? 'no URL' : URL.canParse(raw) ? `host ${new URL(raw).host || '(none)'}, scheme ${new URL(raw).protocol}` : 'an unparsable URL';
      throw new KitError(raw === undefined ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_INVALID_URL', { details: `Trusset answered with ${host}; verifyHosts: ${this.options.verifyHosts.join(', ')}` });
    }
    return {
      id: link.id,
      url: url.href,
      status: contractStatus(link.status, link.expiresAt, fieldStyle, this.options.now()),
      expiresAt: link.expiresAt,
      createdAt: link.createdAt,
    };
  }

  async getStatus(id: string): Promise<{ status: LinkStatus; expiresAt: string }> {
    const data = await this.#call('GET', `/customers/api/id-links/${encodeURIComponent(id)}`);
    const parsed = linkData.pick({ id: true, status: true, expiresAt: true }).safeParse(data);
    if (!parsed.success || parsed.data.id !== id) throw new KitError('UPSTREAM_UNAVAILABLE', { details: 'Trusset answered status with an unexpected shape' });
    const { status, expiresAt } = parsed.data;
    return { status: contractStatus(status, expiresAt, this.options.fieldStyle, this.options.now()), expiresAt };
  }

  async #call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const { apiBase, apiKey, upstreamTimeoutMs } = this.options;
    let response: Response;
    try {
      response = await this.options.fetch(`${apiBase}${path}`, {
        method,
        headers: { 'X-API-Key': apiKey, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(upstreamTimeoutMs),
        redirect: 'error',
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw new KitError(timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE', {
        details: timedOut ? `Trusset did not answer within ${upstreamTimeoutMs} ms` : 'Trusset could not be reached',
        cause,
      });
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > MAX_UPSTREAM_BYTES) {
      await response.body?.cancel().catch(() => {});
      throw new KitError('UPSTREAM_UNAVAILABLE', { details: `Trusset answered ${response.status} with a Content-Length over ${MAX_UPSTREAM_BYTES} bytes` });
    }
    let json: unknown;
    try {
      const text = await readTextUpTo(response.body, MAX_UPSTREAM_BYTES);
      if (text === undefined) throw new KitError('UPSTREAM_UNAVAILABLE', { details: `Trusset answered ${response.status} with a body over ${MAX_UPSTREAM_BYTES} bytes` });
      json = JSON.parse(text);
    } catch (cause) {
      if (cause instanceof KitError) throw cause;
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw new KitError(timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE', { details: `Trusset answered ${response.status} with a body that is not JSON`, cause });
    }
    const parsed = envelope.safeParse(json);
    if (!parsed.success) throw new KitError('UPSTREAM_UNAVAILABLE', { details: `Trusset answered ${response.status} without its envelope` });
    const { success, data, error, metadata } = parsed.data;
    if (success && response.ok) return data;
    // Trusset's `message` can echo what was sent (an e-mail): only the code and ids are kept.
    // Trusset's code and request id reach the log: only in the shape Trusset gives them, so that
    // an answer of 64 KB (or one quoting the request) cannot become a log line.
    const upstreamCode = error?.code === undefined ? 'UNKNOWN' : UPSTREAM_TOKEN.test(error.code) ? error.code : 'UNRECOGNISED';
    const trussetRequestId = metadata?.requestId !== undefined && UPSTREAM_TOKEN.test(metadata.requestId) ? metadata.requestId : undefined;
    const fields = { upstreamStatus: response.status, upstreamCode, trussetRequestId };
    // Own entries only: Trusset's code is its text, and a code such as "toString" is not in the table.
    const mapped = Object.hasOwn(UPSTREAM_CODES, upstreamCode) ? UPSTREAM_CODES[upstreamCode] : undefined;
    let code = mapped ?? (response.status === 429 ? 'RATE_LIMITED' : response.status === 402 ? 'SERVICE_QUOTA_EXCEEDED' : response.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'SERVICE_MISCONFIGURED');
    if (response.status >= 500 && code !== 'SERVICE_QUOTA_EXCEEDED') code = 'UPSTREAM_UNAVAILABLE';
    if (code === 'SERVICE_MISCONFIGURED' || code === 'SERVICE_QUOTA_EXCEEDED') this.logger.error('Trusset refused the request', fields);
    else this.logger.warn('Trusset refused the request', fields);
    // Only a finite, positive hint counts ("Infinity" or 1e400 would reach the browser as null), and
    // at most a day, so that Retry-After stays a plain number of seconds.
    const hint = [Number(response.headers.get('retry-after')), metadata?.retryAfter].find((value) => value !== undefined && Number.isFinite(value) && value > 0);
    const retryAfter = code === 'RATE_LIMITED' ? Math.min(86_400, Math.max(1, Math.ceil(hint ?? 60))) : undefined;
    throw new KitError(code, { details: `Trusset answered ${response.status} ${upstreamCode}`, ...(retryAfter ? { retryAfter } : {}) });
  }
}
