import type { Intent } from '../backend-client/idempotency-key.js';
import { isAbort, TrussetVerifyError } from '../errors/base.js';
import { TrussetLinkCreatedEvent } from '../events/link-created.js';
import { TrussetRedirectEvent } from '../events/redirect.js';
import type { WidgetConfig } from '../schemas/config.js';
import { SIWE_STATEMENT } from '../shared/siwe.js';
import { currentInAppBrowser } from '../wallet/in-app-browser.js';
import type { WalletAccount, WalletSession } from '../wallet/types.js';
import { IntentKeys } from '../backend-client/idempotency-key.js';
import type { FlowCore, Nonce } from './core.js';
import type { FlowState } from './reducer.js';
import type { SavedLink } from './tracking.js';

/** A nonce lives ten minutes on the server; one older than nine is fetched again before use. */
const NONCE_MAX_AGE_MS = 9 * 60_000;

/** How the page is navigated to the checked URL: a seam for tests, since a same-tab navigation ends the test page. */
export const navigation = { assign: (url: string): void => location.assign(url) };

/** A nonce younger than its lifetime, fetched when needed: one request at a time, kept in the core's cache. */
function freshNonce(core: FlowCore, config: WidgetConfig): Promise<Nonce> {
  const { cache } = core;
  const kept = cache.nonce;
  if (kept && Date.now() - kept.fetchedAt < NONCE_MAX_AGE_MS) return Promise.resolve(kept);
  cache.nonceRequest ??= import('../backend-client/client.js')
    .then(({ fetchNonce }) => fetchNonce(config, core.signal))
    .then((answer) => (cache.nonce = { ...answer, fetchedAt: Date.now() }))
    .finally(() => (cache.nonceRequest = undefined));
  return cache.nonceRequest;
}

/** Fetched as the form appears (the controller loads this chunk then), so that the Submit tap goes straight to the wallet. */
export function prefetchNonce(core: FlowCore): void {
  const { config } = core;
  if (config && config.signature !== 'off') freshNonce(core, config).catch(() => undefined);
}

/** One submission, as the click left it: what was asked for is read before any await. */
export interface Submission {
  config: WidgetConfig;
  account: WalletAccount;
  session: WalletSession | undefined;
  /** The saved link this submission continues, instead of creating one. */
  resuming: SavedLink | undefined;
  intent: Intent;
  signal: AbortSignal;
}

/** Read fresh after an await: TypeScript would keep the narrowing from before it. */
function statusOf(core: FlowCore): FlowState['status'] {
  return core.state.status;
}

async function sign(core: FlowCore, { config, account, signal }: Submission): Promise<{ message: string; signature: `0x${string}` }> {
  const [nonce, { buildSiweMessage }] = await Promise.all([freshNonce(core, config), import('../wallet/siwe-message.js')]);
  // A nonce is spent by any attempt that reaches the backend: the next attempt fetches another.
  core.cache.nonce = undefined;
  const message = buildSiweMessage({
    address: account.address,
    chainId: config.chainId,
    nonce: nonce.nonce,
    serverTime: nonce.serverTime,
    domain: location.host,
    uri: location.origin,
    statement: SIWE_STATEMENT,
  });
  const signature = await core.session!.signMessage(account, message, signal);
  return { message, signature };
}

/**
 * The submission's effects after the click (docs/architecture.md, "The flow"): chain switch, signature, the
 * backend, the redirect check, the redirect. A chunk of its own, loaded with the form.
 */
export async function runSubmission(core: FlowCore, submission: Submission): Promise<void> {
  const { config, account, session, resuming, intent, signal } = submission;
  // The key belongs to the intent, read at the click: a retry of the same intent sends the same key.
  core.cache.keys ??= new IntentKeys();
  const idempotencyKey = core.cache.keys.keyFor(intent);
  try {
    if (statusOf(core) === 'switching-chain') {
      await session!.switchChain(config.chainId, signal);
      if (signal.aborted) return;
      core.dispatch({ type: 'SWITCHED' });
    }
    let siwe: { message: string; signature: `0x${string}` } | undefined;
    if (statusOf(core) === 'signing') {
      siwe = await sign(core, submission);
      if (signal.aborted) return;
      core.dispatch({ type: 'SIGNED' });
    }
    const [{ createLink, resumeLink, checkLinkUrl }, { saveLink, forgetLink }] = await Promise.all([import('../backend-client/client.js'), import('./tracking.js')]);
    const created = resuming
      ? await resumeLink(config, { walletAddress: account.address, resume: { id: resuming.linkId, statusToken: resuming.statusToken }, ...(siwe ? { siwe } : {}) }, idempotencyKey, signal).catch(
          (error: unknown) => {
            if (!(error instanceof TrussetVerifyError) || error.code !== 'NOT_FOUND') throw error;
            // The link is over, or the backend does not know it: the form is the way forward.
            forgetLink();
            throw new TrussetVerifyError('RESUME_UNAVAILABLE', 'The open link can no longer be continued.', { cause: error, requestId: error.requestId });
          },
        )
      : await createLink(
          config,
          {
            email: intent.email,
            walletAddress: account.address,
            country: intent.country,
            ...(config.channels.length ? { channels: config.channels } : {}),
            ...(config.metadata ? { metadata: config.metadata } : {}),
            ...(siwe ? { siwe } : {}),
          },
          idempotencyKey,
          signal,
        );
    if (signal.aborted) return;
    // docs/architecture.md, "Security rules": checked once, here, before any event or link carries it.
    const url = checkLinkUrl(created.url, config.verifyHosts);
    const link = { id: created.id, url, status: created.status, expiresAt: created.expiresAt, statusToken: created.statusToken };
    // In a wallet app's browser the camera may be blocked: the link is shown with a hint instead (docs/element.md, "Phones and wallet apps' browsers").
    const navigate = config.redirect === 'same-tab' && !currentInAppBrowser();
    // Kept for resuming after a reload or the back button: the id, wallet, expiry and status token only.
    if (link.statusToken && link.status === 'pending') saveLink({ linkId: link.id, wallet: account.address, expiresAt: link.expiresAt, statusToken: link.statusToken });
    core.dispatch({ type: 'CREATED', link, navigate });
    core.host.dispatchEvent(new TrussetLinkCreatedEvent({ id: link.id, url, status: link.status, expiresAt: link.expiresAt }));
    if (!navigate) return;
    const redirect = new TrussetRedirectEvent({ url });
    core.host.dispatchEvent(redirect);
    if (redirect.defaultPrevented) core.dispatch({ type: 'REDIRECT_CANCELLED' });
    else navigation.assign(url);
  } catch (error) {
    if (signal.aborted || isAbort(error)) return;
    const known = error instanceof TrussetVerifyError ? error : new TrussetVerifyError('WALLET_CONNECT_FAILED', 'The wallet request failed.', { cause: error });
    if (known.code === 'USER_REJECTED') {
      const wrongChain = statusOf(core) === 'switching-chain';
      return core.dispatch({ type: 'REJECTED', ...(wrongChain ? { error: { code: 'WRONG_CHAIN', retryable: true } } : {}) });
    }
    core.fail(known, known.code === 'RESUME_UNAVAILABLE');
  }
}
