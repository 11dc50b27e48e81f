import * as z from 'zod/mini';
import { contractStatus, type LinkStatus } from '../contract/link-status.js';
import { isoDate, linkId } from './create-link.js';
import { backendExchange, parseData, type BackendConfig } from './request.js';

export interface LinkStatusAnswer {
  id: string;
  status: LinkStatus;
  expiresAt: string;
}

const schema = z.object({ id: linkId, status: z.string(), expiresAt: isoDate });

/** `GET {endpoint}/id-links/{id}` with the link's status token. */
export async function fetchLinkStatus(config: BackendConfig, id: string, statusToken: string, signal: AbortSignal): Promise<LinkStatusAnswer> {
  const answer = await backendExchange(config, `/id-links/${encodeURIComponent(id)}`, { method: 'GET', headers: { 'X-Status-Token': statusToken }, signal });
  const data = parseData(schema, answer, '{ id, status, expiresAt }');
  return { id: data.id, status: contractStatus(data.status, data.expiresAt, 'either', Date.now()), expiresAt: data.expiresAt };
}
