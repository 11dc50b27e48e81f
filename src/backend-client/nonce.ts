import * as z from 'zod/mini';
import { backendExchange, parseData, type BackendConfig } from './request.js';

export interface Nonce {
  nonce: string;
  /** The server's clock, used as the SIWE message's issued-at. */
  serverTime: string;
}

// EIP-4361 asks for at least 8 alphanumeric characters.
const schema = z.object({
  nonce: z.string().check(z.refine((nonce) => /^[A-Za-z0-9]{8,128}$/.test(nonce))),
  serverTime: z.string().check(z.refine((time) => /^\d{4}-\d{2}-\d{2}T/.test(time) && !Number.isNaN(Date.parse(time)))),
});

/** `GET {endpoint}/nonce`: a fresh nonce for the sign-in message. */
export async function fetchNonce(config: BackendConfig, signal: AbortSignal): Promise<Nonce> {
  const answer = await backendExchange(config, '/nonce', { method: 'GET', signal });
  return parseData(schema, answer, '{ nonce: 8+ alphanumerics, serverTime: an ISO date }');
}
