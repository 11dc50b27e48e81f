import { isAddress } from 'viem';
import { z } from 'zod';
import { isAlpha2 } from '../../shared/countries.js';
import { readLimitedText } from '../body.js';
import { KitError } from '../errors.js';
import { parseBoundedJson } from '../json.js';
import type { ResolvedOptions } from '../options.js';

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
export type CreateBody = z.infer<typeof createBody>;

/**
 * The resume form: the widget kept `{ id, statusToken }` of its open link and asks for it again.
 * Strict, so that nothing of a creation (e-mail, country, channels, metadata) rides along.
 */
const resumeBody = z.strictObject({
  walletAddress: z.string().max(64),
  resume: z.strictObject({ id: z.string().max(256), statusToken: z.string().max(256) }),
  siwe: siweBody.optional(),
});
export type ResumeBody = z.infer<typeof resumeBody>;

export type LinkRequest = { kind: 'create'; body: CreateBody } | { kind: 'resume'; body: ResumeBody };

const emailSchema = z.email().max(254);

/** The body of `POST /id-links`, read within the size and time limits and checked: a creation or a resume. */
export async function readLinkRequest(config: ResolvedOptions, request: Request): Promise<LinkRequest> {
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
