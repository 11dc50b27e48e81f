import type { ResolvedOptions } from '../options.js';
import type { TrussetLogger } from '../logger.js';
import type { ContractLink } from '../links.js';

/** What `onLinkCreated` is told, before the kit picks the hook's fields from it. */
export type LinkHandedOut = ContractLink & { country: string; customerRef: string | undefined; reused: boolean; resumed: boolean };

/** Tells the partner's `onLinkCreated` of a link handed out; a hook that throws is logged, and the answer goes out regardless. */
export async function linkHandedOut(config: ResolvedOptions, logger: TrussetLogger, event: LinkHandedOut): Promise<void> {
  if (!config.onLinkCreated) return;
  const { id, walletAddress, country, status, expiresAt, createdAt, customerRef, reused, resumed } = event;
  try {
    await config.onLinkCreated({ id, walletAddress, country, status, expiresAt, createdAt, customerRef, reused, resumed });
  } catch (error) {
    logger.error('onLinkCreated hook threw', { linkId: id, error: error instanceof Error ? error.name : typeof error });
  }
}
