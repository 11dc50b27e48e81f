import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IntentKeys } from '../backend/idempotency-key.js';
import { TrussetVerifyError } from '../errors/base.js';
import { CODE_FIELDS } from '../errors/codes.js';
import { WalletNotFoundError } from '../errors/wallet.js';
import { TrussetConnectEvent } from '../events/connect.js';
import { TrussetDisconnectEvent } from '../events/disconnect.js';
import { TrussetErrorEvent } from '../events/error.js';
import { TrussetLinkCreatedEvent } from '../events/link-created.js';
import { TrussetRedirectEvent } from '../events/redirect.js';
import { TrussetStateChangeEvent } from '../events/state-change.js';
import type { WidgetConfig } from '../schemas/config.js';
import type { InAppBrowser } from '../wallet/in-app-browser.js';
import type { ConnectRequest, InjectedWalletInfo, WalletAccount, WalletSession } from '../wallet/types.js';
import { INITIAL_STATE, reduce, type FlowState } from './reducer.js';
import type { FlowError, FlowEvent } from './table.js';

/** What the controller needs of the element. */
export interface FlowHost extends ReactiveControllerHost, HTMLElement {
  /** The validated configuration, or undefined while it is invalid. */
  readonly config: WidgetConfig | undefined;
  /** What the user typed, read at submission; the controller never changes it. */
  readonly formValue: { email: string; country: string };
  /** The sentence the user is shown for an error, for `trusset-error`. */
  errorText(error: FlowError): string;
  /** Mirrors the status on the element: the `status` attribute and the custom state. */
  statusChanged(state: FlowState): void;
  /** Navigates the page (a seam for tests: same-tab navigation ends a test page). */
  navigate(url: string): void;
  /** The wallet app's browser the page runs in (issue #7): the link is shown, not navigated to, since it may block the camera. */
  readonly inApp: InAppBrowser | undefined;
}

interface Nonce {
  nonce: string;
  serverTime: string;
  fetchedAt: number;
}

// Neither the backend client nor the wallet loader is needed to draw the Connect button.
const loadBackend = () => import('../backend/client.js');

/** A nonce lives ten minutes on the server; one older than nine is fetched again before use. */
const NONCE_MAX_AGE_MS = 9 * 60_000;

function asError(error: unknown, fallback: () => TrussetVerifyError): TrussetVerifyError {
  return error instanceof TrussetVerifyError ? error : fallback();
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Runs the flow's effects (DESIGN.md, "The flow"): the wallet, the backend, the redirect. Each
 * piece of work runs under an `AbortController` that a disconnect, an account change or the
 * element leaving the page aborts; a result that arrives after its abort is dropped.
 */
export class FlowController implements ReactiveController {
  state: FlowState = INITIAL_STATE;
  session: WalletSession | undefined;
  injectedWallets: InjectedWalletInfo[] = [];
  /** The built-in list is showing and waits for the user to pick a wallet. */
  picking = false;

  #work = new AbortController();
  #nonce: Nonce | undefined;
  #nonceRequest: Promise<Nonce> | undefined;
  #keys = new IntentKeys();
  #unwatch: (() => void) | undefined;
  #unlist: (() => void) | undefined;

  constructor(private readonly host: FlowHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.configChanged();
    if (this.session) this.#watch(this.session);
  }

  hostDisconnected(): void {
    this.#abortWork();
    this.#unwatch?.();
    this.#unlist?.();
    this.#unwatch = this.#unlist = undefined;
  }

  /** The element validated its configuration again (an attribute or property changed). */
  configChanged(): void {
    const { config } = this.host;
    this.dispatch({ type: config ? 'CONFIG_VALID' : 'CONFIG_INVALID' });
    // A host page whose wagmi config is already connected skips the connect step.
    if (config?.wagmiConfig && this.state.status === 'idle') void this.#adoptHostConnection(config);
  }

  dispatch(event: FlowEvent): void {
    const previous = this.state;
    const next = reduce(previous, event);
    if (next === previous) return;
    this.state = next;
    this.host.statusChanged(next);
    this.host.requestUpdate();
    if (next.status !== previous.status) {
      this.host.dispatchEvent(new TrussetStateChangeEvent({ status: next.status, previous: previous.status }));
      if (next.status === 'ready') this.#prefetchNonce();
    }
  }

  async connect(request: ConnectRequest = { kind: 'modal' }): Promise<void> {
    const { config } = this.host;
    if (!config) return;
    this.dispatch({ type: 'CONNECT' });
    if (this.state.status !== 'connecting') return;
    this.picking = false;
    const signal = this.#work.signal;
    try {
      const session = await this.#session(config);
      // The built-in list shows its rows first; a pick comes back here as an `injected` request.
      if (session.source === 'injected' && request.kind === 'modal') {
        const wallets = session.injectedWallets();
        if (wallets.length === 0) throw new WalletNotFoundError();
        if (wallets.length > 1) {
          this.picking = true;
          return this.host.requestUpdate();
        }
        request = { kind: 'injected', rdns: wallets[0]!.rdns };
      }
      const account = await session.connect(request, signal);
      if (signal.aborted) return;
      // Web3Modal fell back to the built-in list (DESIGN.md's 3 s): show its rows rather than give up.
      if (!account && request.kind === 'modal' && session.source === 'injected' && session.injectedWallets().length > 1) {
        this.picking = true;
        return this.host.requestUpdate();
      }
      if (!account) return this.dispatch({ type: 'CANCELLED' });
      this.#connected(account);
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.#fail(asError(error, () => new TrussetVerifyError('WALLET_CONNECT_FAILED', 'The wallet did not connect.', { cause: error })));
    }
  }

  /** Back from a failure or the wallet list, as the user asked. */
  dismiss(): void {
    if (this.state.status === 'connecting') this.#abortWork();
    this.dispatch({ type: this.state.status === 'connecting' ? 'CANCELLED' : 'DISMISS' });
  }

  async disconnect(): Promise<void> {
    this.#abortWork();
    await this.session?.disconnect().catch(() => undefined);
    if (this.state.account) {
      this.dispatch({ type: 'DISCONNECTED' });
      this.host.dispatchEvent(new TrussetDisconnectEvent({}));
    }
  }

  /** One submission at a time: the table refuses a second SUBMIT while one runs. */
  async submit(): Promise<void> {
    const { config } = this.host;
    const { account } = this.state;
    const session = this.session;
    if (!config || !account || (this.state.status !== 'ready' && this.state.status !== 'submit-failed')) return;
    if (config.signature === 'off') this.dispatch({ type: 'SUBMIT', step: 'creating' });
    else if (session && account.chainId !== config.chainId) this.dispatch({ type: 'SUBMIT', step: 'switching-chain' });
    else this.dispatch({ type: 'SUBMIT', step: 'signing' });

    const signal = this.#work.signal;
    const form = this.host.formValue;
    // Read before any await: the key belongs to what the user asked for at the click.
    const intent = { email: form.email.trim(), country: form.country, walletAddress: account.address };
    const idempotencyKey = this.#keys.keyFor(intent);
    try {
      if (this.#status() === 'switching-chain') {
        await session!.switchChain(config.chainId, signal);
        if (signal.aborted) return;
        this.dispatch({ type: 'SWITCHED' });
      }
      let siwe: { message: string; signature: `0x${string}` } | undefined;
      if (this.#status() === 'signing') {
        siwe = await this.#sign(config, account, signal);
        if (signal.aborted) return;
        this.dispatch({ type: 'SIGNED' });
      }
      const { createLink, checkLinkUrl } = await loadBackend();
      const created = await createLink(
        this.#backend(config),
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
      // DESIGN.md, "Redirect safety": checked once, here, before any event or link carries it.
      const url = checkLinkUrl(created.url, config.verifyHosts);
      const link = { id: created.id, url, status: created.status, expiresAt: created.expiresAt, statusToken: created.statusToken };
      const navigate = config.redirect === 'same-tab' && !this.host.inApp;
      this.dispatch({ type: 'CREATED', link, navigate });
      this.host.dispatchEvent(new TrussetLinkCreatedEvent({ id: link.id, url, status: link.status, expiresAt: link.expiresAt }));
      if (!navigate) return;
      const redirect = new TrussetRedirectEvent({ url });
      this.host.dispatchEvent(redirect);
      if (redirect.defaultPrevented) this.dispatch({ type: 'REDIRECT_CANCELLED' });
      else this.host.navigate(url);
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      const known = asError(error, () => new TrussetVerifyError('WALLET_CONNECT_FAILED', 'The wallet request failed.', { cause: error }));
      if (known.code === 'USER_REJECTED') {
        const wrongChain = this.#status() === 'switching-chain';
        return this.dispatch({ type: 'REJECTED', ...(wrongChain ? { error: { code: 'WRONG_CHAIN', retryable: true } } : {}) });
      }
      this.#fail(known);
    }
  }

  /** Read fresh after an await: TypeScript would keep the narrowing from before it. */
  #status(): FlowState['status'] {
    return this.state.status;
  }

  async #sign(config: WidgetConfig, account: WalletAccount, signal: AbortSignal): Promise<{ message: string; signature: `0x${string}` }> {
    const [nonce, { buildSiweMessage }] = await Promise.all([this.#freshNonce(config), import('../wallet/siwe-message.js')]);
    // A nonce is spent by any attempt that reaches the backend: the next attempt fetches another.
    this.#nonce = undefined;
    const message = buildSiweMessage({
      address: account.address,
      chainId: config.chainId,
      nonce: nonce.nonce,
      serverTime: nonce.serverTime,
      domain: location.host,
      uri: location.origin,
      statement: 'Verify your identity with Trusset to hold tokens on this platform.',
    });
    const signature = await this.session!.signMessage(account, message, signal);
    return { message, signature };
  }

  #freshNonce(config: WidgetConfig): Promise<Nonce> {
    if (this.#nonce && Date.now() - this.#nonce.fetchedAt < NONCE_MAX_AGE_MS) return Promise.resolve(this.#nonce);
    this.#nonceRequest ??= loadBackend()
      .then(({ fetchNonce }) => fetchNonce(this.#backend(config), this.#work.signal))
      .then((answer) => (this.#nonce = { ...answer, fetchedAt: Date.now() }))
      .finally(() => (this.#nonceRequest = undefined));
    return this.#nonceRequest;
  }

  /** Fetched as the form appears, so that the Submit tap goes straight to the wallet (phones need the gesture). */
  #prefetchNonce(): void {
    const { config } = this.host;
    if (config && config.signature !== 'off') this.#freshNonce(config).catch(() => undefined);
  }

  #backend(config: WidgetConfig) {
    return { endpoint: config.endpoint, headers: config.headers, credentials: config.credentials };
  }

  async #session(config: WidgetConfig): Promise<WalletSession> {
    if (this.session) return this.session;
    const { loadWallet } = await import('../wallet/load.js');
    const session = await loadWallet({
      chainId: config.chainId,
      projectId: config.projectId,
      appName: config.appName,
      appIcon: config.appIcon,
      wagmiConfig: config.wagmiConfig,
    });
    this.session = session;
    this.#watch(session);
    return session;
  }

  async #adoptHostConnection(config: WidgetConfig): Promise<void> {
    try {
      const account = (await this.#session(config)).account();
      if (account && this.state.status === 'idle') this.#connected(account);
    } catch {
      // The user can still press Connect, which reports the failure properly.
    }
  }

  #watch(session: WalletSession): void {
    this.#unwatch?.();
    this.#unlist?.();
    this.injectedWallets = session.injectedWallets();
    this.#unlist = session.onInjectedWalletsChange(() => {
      this.injectedWallets = session.injectedWallets();
      this.host.requestUpdate();
    });
    this.#unwatch = session.watch((account) => this.#walletChanged(account));
  }

  #walletChanged(account: WalletAccount | undefined): void {
    const current = this.state.account;
    if (!current) {
      // A host page that connects after the widget loaded skips the connect step then.
      if (account && this.session?.source === 'host' && this.state.status === 'idle') this.#connected(account);
      return;
    }
    if (!account) {
      this.#abortWork();
      this.dispatch({ type: 'DISCONNECTED' });
      this.host.dispatchEvent(new TrussetDisconnectEvent({}));
      return;
    }
    if (account.address.toLowerCase() !== current.address.toLowerCase()) {
      // Whatever was in flight belongs to the old account: its link is never shown or opened.
      this.#abortWork();
      this.#nonce = undefined;
      this.dispatch({ type: 'ACCOUNT_CHANGED', account });
    } else if (account.chainId !== current.chainId) {
      this.dispatch({ type: 'CHAIN_CHANGED', chainId: account.chainId });
    } else {
      return;
    }
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
  }

  #connected(account: WalletAccount): void {
    this.dispatch({ type: 'CONNECTED', account });
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
  }

  #abortWork(): void {
    this.#work.abort();
    this.#work = new AbortController();
  }

  #fail(error: TrussetVerifyError): void {
    const flowError: FlowError = {
      code: error.code,
      retryable: error.retryable,
      field: error.field ?? CODE_FIELDS[error.code],
      retryAfter: error.retryAfter,
      requestId: error.requestId,
      statusCode: error.statusCode,
    };
    const onForm = flowError.field === 'email' || flowError.field === 'country';
    this.dispatch(onForm && this.state.status === 'creating' ? { type: 'INVALID', error: flowError } : { type: 'FAILED', error: flowError });
    this.host.dispatchEvent(
      new TrussetErrorEvent({
        code: error.code,
        message: this.host.errorText(flowError),
        retryable: error.retryable,
        ...(error.requestId ? { requestId: error.requestId } : {}),
      }),
    );
  }
}
