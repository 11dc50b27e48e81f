import * as z from 'zod/mini';
import { contractStatus, type LinkStatus } from '../contract/link-status.js';
import { InvalidResponseError } from '../errors/backend.js';
import { backendExchange, parseData, type BackendAnswer, type BackendConfig } from './request.js';

export type { LinkStatus } from '../contract/link-status.js';

export interface CreateLinkBody {
  email: string;
  walletAddress: string;
  country: string;
  channels?: readonly string[] | undefined;
  metadata?: Record<string, unknown> | undefined;
  siwe?: { message: string; signature: string } | undefined;
}

export interface CreatedLink {
  id: string;
  /** As the backend sent it, NOT yet checked: only `checkLinkUrl`'s result may be used. */
  url: string;
  status: LinkStatus;
  walletAddress?: string | undefined;
  expiresAt: string;
  createdAt?: string | undefined;
  statusToken?: string | undefined;
}

export const linkId = z.string().check(z.refine((id) => id.length > 0 && id.length <= 256));
export const isoDate = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value))));

const schema = z.object({
  id: linkId,
  status: z.string(),
  expiresAt: isoDate,
  // The contract's name, and Trusset's for backends that pass its answer through.
  url: z.optional(z.unknown()),
  verificationUrl: z.optional(z.unknown()),
  walletAddress: z.optional(z.unknown()),
  recipientWallet: z.optional(z.unknown()),
  createdAt: z.optional(z.unknown()),
  // Never Trusset's own `token`: only the kit's status token may be sent back.
  statusToken: z.optional(z.unknown()),
});

/** Optional members of the wrong type read as absent (Trusset's newer style sends null). */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * `POST {endpoint}/id-links` with an `Idempotency-Key`. The URL in the answer is returned raw:
 * the controller runs the redirect check before anything uses it, and it is in no error.
 */
export async function createLink(config: BackendConfig, body: CreateLinkBody, idempotencyKey: string, signal: AbortSignal): Promise<CreatedLink> {
  const answer = await backendExchange(config, '/id-links', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey }, signal });
  return readCreatedLink(answer);
}

/**
 * The link in a successful answer of `POST {endpoint}/id-links`, whichever form asked for it
 * (a creation or a resume), in either field style; the URL raw, as `createLink` says.
 */
export function readCreatedLink(answer: BackendAnswer): CreatedLink {
  const data = parseData(schema, answer, '{ id, url, status, expiresAt, statusToken? }');
  const url = text(data.url) ?? text(data.verificationUrl);
  if (url === undefined) {
    throw new InvalidResponseError(answer.request, 'a verification URL in data.url (or data.verificationUrl)', 'a success without a verification URL', {
      statusCode: answer.statusCode,
      requestId: answer.requestId,
    });
  }
  return {
    id: data.id,
    url,
    // 'either': a backend may pass Trusset's answer straight through (docs/kit.md, "Routes").
    status: contractStatus(data.status, data.expiresAt, 'either', Date.now()),
    walletAddress: text(data.walletAddress) ?? text(data.recipientWallet),
    expiresAt: data.expiresAt,
    createdAt: text(data.createdAt),
    statusToken: text(data.statusToken),
  };
}
