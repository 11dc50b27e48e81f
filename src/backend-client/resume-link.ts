import { readCreatedLink, type CreatedLink } from './create-link.js';
import { backendExchange, type BackendConfig } from './request.js';

export interface ResumeLinkBody {
  walletAddress: string;
  /** What the widget kept of its open link: the id and the kit's status token, nothing else. */
  resume: { id: string; statusToken: string };
  siwe?: { message: string; signature: string } | undefined;
}

/**
 * The resume form of `POST {endpoint}/id-links`: the same open link again, after a reload, with a
 * fresh signature. The answer is read as `createLink` reads it; the URL is returned raw, for the
 * controller's redirect check. `NOT_FOUND` means the link cannot be resumed: start over.
 */
export async function resumeLink(config: BackendConfig, body: ResumeLinkBody, idempotencyKey: string, signal: AbortSignal): Promise<CreatedLink> {
  const answer = await backendExchange(config, '/id-links', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey }, signal });
  return readCreatedLink(answer);
}
