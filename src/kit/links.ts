import { digestsEqual, hmacSha256 } from './crypto.js';
import { KitError } from './errors.js';
import type { TrussetLogger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { TrussetStore } from './store.js';
import { expiredIfPast, type LinkStatus } from '../contract/link-status.js';
import { LINK_ID, type TrussetClient, type UpstreamLink } from './trusset-client.js';

/**
 * Trusset's status answer is cached and shared between callers for 30 s (docs/kit.md, "Status,
 * reuse and hooks"): a page polling every 5 s costs Trusset one request in six.
 */
export const STATUS_CACHE_MS = 30_000;
const DAY_MS = 86_400_000;

/** What the kit remembers of a link it created: enough to answer status, nothing personal. */
interface LinkRecord {
  walletAddress: string;
  customerRef: string | undefined;
  /** For `onLinkCreated` when the link is resumed; absent in records written before resume existed. */
  country?: string | undefined;
  status: LinkStatus;
  expiresAt: string;
}

/** The contract's `201` answer. */
export interface ContractLink {
  id: string;
  url: string;
  status: LinkStatus;
  walletAddress: string;
  expiresAt: string;
  createdAt?: string;
  statusToken: string;
}

function ttlUntil(expiresAt: string, now: number): number {
  return Math.max(DAY_MS, Date.parse(expiresAt) - now + DAY_MS);
}

export class Links {
  // Callers that ask for the same link's status at once share one upstream request.
  readonly #inflight = new Map<string, Promise<{ status: LinkStatus; expiresAt: string }>>();

  constructor(
    private readonly store: TrussetStore,
    private readonly client: TrussetClient,
    private readonly options: ResolvedOptions,
    private readonly logger: TrussetLogger,
  ) {}

  /**
   * A status token is an HMAC of the link id under the kit's secret: it proves the kit made the
   * link for whoever holds it, and needs no storage of its own.
   */
  statusToken(id: string): Promise<string> {
    return hmacSha256(this.options.idempotencySecret, `status-token:${id}`);
  }

  async remember(link: UpstreamLink, walletAddress: string, customerRef: string | undefined, country: string): Promise<ContractLink> {
    const now = this.options.now();
    const record: LinkRecord = { walletAddress, customerRef, country, status: link.status, expiresAt: link.expiresAt };
    await this.store.set(`link:${link.id}`, JSON.stringify(record), ttlUntil(link.expiresAt, now));
    const answer: ContractLink = {
      id: link.id,
      url: link.url,
      status: link.status,
      walletAddress,
      expiresAt: link.expiresAt,
      ...(link.createdAt ? { createdAt: link.createdAt } : {}),
      statusToken: await this.statusToken(link.id),
    };
    if (this.options.reuseOpenLinks) {
      const remaining = Date.parse(link.expiresAt) - now;
      if (remaining > 0) await this.store.set(`open:${walletAddress.toLowerCase()}`, JSON.stringify(answer), remaining);
    }
    return answer;
  }

  /** The wallet's open link, when `reuseOpenLinks` is on and Trusset still says it is pending. */
  async openLink(walletAddress: string): Promise<ContractLink | undefined> {
    if (!this.options.reuseOpenLinks) return undefined;
    const stored = await this.store.get(`open:${walletAddress.toLowerCase()}`);
    if (stored === undefined) return undefined;
    const link = JSON.parse(stored) as ContractLink;
    const { status } = await this.status(link.id);
    return status === 'pending' ? { ...link, status } : undefined;
  }

  /**
   * The resume form of `POST /id-links`: the same open link, for the wallet and customer it was
   * made for, with its status token. Every refusal is the same `NOT_FOUND`, so that the answer
   * never says which part was wrong; `details` (the partner's log only) does.
   */
  async resume(id: string, token: string, walletAddress: string, customerRef: string | undefined): Promise<{ link: ContractLink; country: string | undefined }> {
    const refuse = (details: string) => new KitError('NOT_FOUND', { details: `resume refused: ${details}` });
    if (!this.options.reuseOpenLinks) throw refuse('reuseOpenLinks is off');
    if (!LINK_ID.test(id)) throw refuse('the link id is not valid');
    if (!digestsEqual(token, await this.statusToken(id))) throw refuse('the status token does not match');
    const stored = await this.store.get(`link:${id}`);
    if (stored === undefined) throw refuse('no record of this link');
    const record = JSON.parse(stored) as LinkRecord;
    if (record.walletAddress.toLowerCase() !== walletAddress.toLowerCase()) throw refuse('the link belongs to another wallet');
    if ((record.customerRef ?? null) !== (customerRef ?? null)) throw refuse('the link belongs to another customer');
    const open = await this.openLink(walletAddress);
    if (open?.id !== id) throw refuse('the link is no longer open');
    return { link: open, country: record.country };
  }

  /** The status route: only for a link this kit created, and only with its token. */
  async statusFor(id: string, token: string | null): Promise<{ id: string; status: LinkStatus; expiresAt: string }> {
    if (!LINK_ID.test(id) || !token || !digestsEqual(token, await this.statusToken(id))) throw new KitError('NOT_FOUND');
    return { id, ...(await this.status(id)) };
  }

  async status(id: string): Promise<{ status: LinkStatus; expiresAt: string }> {
    const stored = await this.store.get(`link:${id}`);
    if (stored === undefined) throw new KitError('NOT_FOUND', { details: 'no record of this link' });
    const record = JSON.parse(stored) as LinkRecord;
    const cached = await this.store.get(`status:${id}`);
    let current: { status: LinkStatus; expiresAt: string };
    if (cached !== undefined) {
      current = JSON.parse(cached) as typeof current;
    } else {
      let pending = this.#inflight.get(id);
      if (!pending) {
        pending = this.client.getStatus(id).finally(() => this.#inflight.delete(id));
        this.#inflight.set(id, pending);
      }
      current = await pending;
      await this.store.set(`status:${id}`, JSON.stringify(current), STATUS_CACHE_MS);
    }
    // A cached "pending" turns "expired" the moment expiresAt passes, not 30 s later.
    const status = expiredIfPast(current.status, current.expiresAt, this.options.now());
    if (status !== record.status) await this.#changed(id, record, status, current.expiresAt);
    return { status, expiresAt: current.expiresAt };
  }

  async #changed(id: string, record: LinkRecord, status: LinkStatus, expiresAt: string): Promise<void> {
    const now = this.options.now();
    // Callers racing on the same change report it once.
    if (!(await this.store.setIfAbsent(`status-seen:${id}:${status}`, '1', ttlUntil(expiresAt, now)))) return;
    await this.store.set(`link:${id}`, JSON.stringify({ ...record, status, expiresAt }), ttlUntil(expiresAt, now));
    if (status !== 'pending') await this.store.delete(`open:${record.walletAddress.toLowerCase()}`);
    this.logger.info('link status changed', { linkId: id, status, previous: record.status });
    try {
      await this.options.onStatus?.({ id, status, previous: record.status, walletAddress: record.walletAddress, customerRef: record.customerRef });
    } catch (error) {
      this.logger.error('onStatus hook threw', { linkId: id, error: error instanceof Error ? error.name : typeof error });
    }
  }
}
