import type { ReactiveController } from 'lit';
import { isAbort, TrussetVerifyError } from '../errors/base.js';
import { CODE_FIELDS } from '../errors/codes.js';
import { WalletNotFoundError } from '../errors/wallet-not-found.js';
import { TrussetConnectEvent } from '../events/connect.js';
import { TrussetDisconnectEvent } from '../events/disconnect.js';
import { TrussetErrorEvent } from '../events/error.js';
import { TrussetStateChangeEvent } from '../events/state-change.js';
import type { WidgetConfig } from '../schemas/config.js';
import type { ConnectRequest, InjectedWalletInfo, WalletAccount, WalletSession } from '../wallet/types.js';
import type { FlowCore, FlowHost, SubmissionCache } from './core.js';
import { INITIAL_STATE, reduce, type FlowState } from './reducer.js';
import type { FlowError, FlowEvent } from './table.js';
import type { Tracking } from './tracking.js';

/** What the controller is given besides its host. */
export interface FlowOptions {
  /** The element's validated configuration, or undefined while it is invalid; read again at each update of the host. */
  config(): WidgetConfig | undefined;
  /** The sentence the user is shown for an error, for `trusset-error`; a promise until the views after Connect (and their sentences) are there. */
  errorText(error: FlowError): string | Promise<string>;
}

// Neither the backend client (flow/submission.ts loads it) nor the wallet loader is needed to draw the Connect button.
// The submission, the registry, resuming and tracking come after Connect, in chunks of their own.
const loadFollowUp = () => import('./follow-up.js');
const loadSubmission = () => import('./submission.js');

/**
 * Runs the flow's effects (docs/architecture.md, "The flow"): the wallet, the backend, the redirect. Each
 * piece of work runs under an `AbortController` that a disconnect, an account change or the
 * element leaving the page aborts; a result that arrives after its abort is dropped.
 */
export class FlowController implements ReactiveController, FlowCore {
  state: FlowState = INITIAL_STATE;
  session: WalletSession | undefined;
  injectedWallets: InjectedWalletInfo[] = [];
  readonly cache: SubmissionCache = {};

  #work = new AbortController();
  #unwatch: (() => void) | undefined;
  #unlist: (() => void) | undefined;
  #tracker: Tracking | undefined;
  /** The configuration the flow last moved for. */
  #configured: WidgetConfig | undefined;
  #onVisibility = () => {
    if (document.visibilityState === 'visible') this.#tracker?.now();
  };
  // Back from the verification page, a browser may restore this page as it left it (the back/forward
  // cache): still "redirecting", with nothing to press. The redirect is over: show the link and follow it.
  #onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted || this.state.status !== 'redirecting') return;
    this.dispatch({ type: 'REDIRECT_CANCELLED' });
    this.linkOpened(true);
  };

  readonly #options: FlowOptions;

  constructor(
    readonly host: FlowHost,
    options: FlowOptions,
  ) {
    this.#options = options;
    host.addController(this);
  }

  get config(): WidgetConfig | undefined {
    return this.#options.config();
  }

  /** The current work's signal: a disconnect, an account change or leaving the page aborts it. */
  get signal(): AbortSignal {
    return this.#work.signal;
  }

  hostConnected(): void {
    this.#configure();
    if (this.session) this.#watch(this.session);
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('pageshow', this.#onPageShow);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#abortWork();
    this.#unwatch?.();
    this.#unlist?.();
    this.#unwatch = this.#unlist = undefined;
  }

  /** The element validated its configuration again (an attribute or property changed): the flow follows before the render. */
  hostUpdate(): void {
    if (this.config !== this.#configured) this.#configure();
  }

  #configure(): void {
    const config = this.config;
    this.#configured = config;
    this.dispatch({ type: config ? 'CONFIG_VALID' : 'CONFIG_INVALID' });
    // A host page whose wagmi config is already connected skips the connect step.
    if (config?.wagmiConfig && this.state.status === 'idle') void this.#adoptHostConnection(config);
  }

  dispatch(event: FlowEvent): void {
    const previous = this.state;
    const next = reduce(previous, event);
    if (next === previous) return;
    this.state = next;
    this.host.requestUpdate();
    if (next.status !== previous.status) {
      if (previous.status === 'link-ready') this.#stopTracking();
      this.host.dispatchEvent(new TrussetStateChangeEvent({ status: next.status, previous: previous.status }));
      // The submission's chunk and a nonce, so that the Submit tap goes straight to the wallet (phones need the gesture).
      if (next.status === 'ready')
        loadSubmission().then(
          (submission) => submission.prefetchNonce(this),
          () => undefined,
        );
    }
  }

  async connect(request: ConnectRequest = { kind: 'modal' }): Promise<void> {
    const { config } = this;
    if (!config) return;
    // From the wallet list, the pick; otherwise the Connect button.
    this.dispatch({ type: this.state.picking ? 'WALLET_PICKED' : 'CONNECT' });
    if (this.state.status !== 'connecting') return;
    const signal = this.#work.signal;
    try {
      const session = await this.#session(config);
      // The built-in list shows its rows first; a pick comes back here as an `injected` request.
      if (session.source === 'injected' && request.kind === 'modal') {
        const wallets = session.injectedWallets();
        if (wallets.length === 0) throw new WalletNotFoundError();
        if (wallets.length > 1) return this.dispatch({ type: 'WALLETS_LISTED' });
        request = { kind: 'injected', rdns: wallets[0]!.rdns };
      }
      const account = await session.connect(request, signal);
      if (signal.aborted) return;
      // Web3Modal fell back to the built-in list (3 s without its modal: docs/architecture.md, "The wallet strategies"): show its rows rather than give up.
      if (!account) return this.dispatch({ type: request.kind === 'modal' && session.source === 'injected' && session.injectedWallets().length > 1 ? 'WALLETS_LISTED' : 'CANCELLED' });
      this.#connected(account);
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.fail(error instanceof TrussetVerifyError ? error : new TrussetVerifyError('WALLET_CONNECT_FAILED', 'The wallet did not connect.', { cause: error }));
    }
  }

  /** Back from a failure or the wallet list, as the user asked. */
  dismiss(): void {
    const connecting = this.state.status === 'connecting';
    if (connecting) this.#abortWork();
    this.dispatch({ type: connecting ? 'CANCELLED' : 'DISMISS' });
  }

  async disconnect(): Promise<void> {
    this.#abortWork();
    await this.session?.disconnect().catch(() => undefined);
    if (this.state.account) {
      this.dispatch({ type: 'DISCONNECTED' });
      this.host.dispatchEvent(new TrussetDisconnectEvent({}));
    }
  }

  /** Continues the saved open link (docs/element.md, "After the link"): a fresh signature, and the backend answers with that link. */
  resume(): Promise<void> {
    return this.state.status === 'ready' && this.state.resumable ? this.submit(undefined, true) : Promise.resolve();
  }

  /** Reads the registry again after it could not be read. */
  recheck(): void {
    const { account } = this.state;
    if (!account || this.state.error?.code !== 'REGISTRY_UNAVAILABLE') return;
    this.dispatch({ type: 'RECHECK' });
    this.#afterConnect(account, true);
  }

  /** The user opened the link (in another tab, or came back from it): follow its status; `now` polls at once. */
  linkOpened(now = false): void {
    const { config } = this;
    const { link, account } = this.state;
    if (this.state.status !== 'link-ready' || !config || !account || !link?.statusToken || this.state.tracking) return;
    this.dispatch({ type: 'LINK_OPENED' });
    const signal = this.#work.signal;
    loadFollowUp().then(
      (followUp) => {
        if (!signal.aborted && this.state.tracking && this.state.link?.id === link.id) this.#tracker = followUp.track(this, config, link, account, now);
      },
      () => this.dispatch({ type: 'TRACKING_FAILED' }),
    );
  }

  /** Back to the form once the tracked link is over: the next submission is a new intent (the old key would replay the dead link). */
  restart(): void {
    if (this.state.status !== 'link-ready') return;
    this.cache.keys?.clear();
    this.dispatch({ type: 'RESTART' });
  }

  /**
   * One submission at a time: the table refuses a second SUBMIT while one runs. `form` is what
   * the user typed (none for continuing a saved link, or its retry); `resume` continues the offered link.
   */
  async submit(form?: { email: string; country: string }, resume = false): Promise<void> {
    const { config } = this;
    const { account } = this.state;
    const session = this.session;
    if (!config || !account || (this.state.status !== 'ready' && this.state.status !== 'submit-failed')) return;
    const step = config.signature === 'off' ? 'creating' : session && account.chainId !== config.chainId ? 'switching-chain' : 'signing';
    this.dispatch({ type: 'SUBMIT', step, resume });
    const { resuming } = this.state;

    const signal = this.#work.signal;
    // Read before any await: the key belongs to what the user asked for at the click.
    const intent = resuming
      ? { email: '', country: '', walletAddress: account.address, resume: resuming.linkId }
      : { email: form?.email.trim() ?? '', country: form?.country ?? '', walletAddress: account.address };
    let submission: Awaited<ReturnType<typeof loadSubmission>>;
    try {
      submission = await loadSubmission();
    } catch (error) {
      if (signal.aborted) return;
      return this.fail(new TrussetVerifyError('NETWORK_ERROR', 'Part of the widget could not be loaded.', { cause: error }));
    }
    return submission.runSubmission(this, { config, account, session, resuming, intent, signal });
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
      this.cache.nonce = undefined;
      const check = this.#checksRegistry();
      this.dispatch({ type: 'ACCOUNT_CHANGED', account, check });
      this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
      this.#afterConnect(account, check);
      return;
    } else if (account.chainId !== current.chainId) {
      this.dispatch({ type: 'CHAIN_CHANGED', chainId: account.chainId });
    } else {
      return;
    }
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
  }

  #connected(account: WalletAccount): void {
    const check = this.#checksRegistry();
    this.dispatch({ type: 'CONNECTED', account, check });
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
    this.#afterConnect(account, check);
  }

  #afterConnect(account: WalletAccount, check: boolean): void {
    const { config } = this;
    if (!config || (!check && this.state.status !== 'ready')) return;
    loadFollowUp().then(
      (followUp) => (check ? followUp.checkRegistry(this, config, account) : followUp.afterCheck(this, config, account)),
      (error: unknown) => {
        // Not loaded (a flaky network, a redeploy): the registry counts as unreadable, never as "not verified".
        if (!check || this.state.status !== 'checking' || this.state.account !== account) return;
        const known = new TrussetVerifyError('REGISTRY_UNAVAILABLE', 'The registry could not be read.', { cause: error });
        const flowError = this.flowError(known);
        this.dispatch({ type: 'CHECKED', error: flowError });
        this.report(known, flowError);
      },
    );
  }

  /** Whether the registry is read at connect (docs/element.md, the `registry` attribute): only through a transport the page named. */
  #checksRegistry(): boolean {
    const { config } = this;
    return !!config?.registry && !!(config.rpcUrl || config.wagmiConfig);
  }

  #stopTracking(): void {
    this.#tracker?.stop();
    this.#tracker = undefined;
  }

  #abortWork(): void {
    this.#work.abort();
    this.#work = new AbortController();
  }

  flowError(error: TrussetVerifyError): FlowError {
    return {
      code: error.code,
      retryable: error.retryable,
      field: error.field ?? CODE_FIELDS[error.code],
      retryAfter: error.retryAfter,
      requestId: error.requestId,
      statusCode: error.statusCode,
    };
  }

  /** `toForm`: the failure is shown on the form (as a field's or the form's error) rather than as a failed step. */
  fail(error: TrussetVerifyError, toForm = false): void {
    const flowError = this.flowError(error);
    const onForm = toForm || flowError.field === 'email' || flowError.field === 'country';
    this.dispatch(onForm && this.state.status === 'creating' ? { type: 'INVALID', error: flowError } : { type: 'FAILED', error: flowError });
    this.report(error, flowError);
  }

  report(error: TrussetVerifyError, flowError: FlowError): void {
    const report = (message: string) =>
      this.host.dispatchEvent(
        new TrussetErrorEvent({
          code: error.code,
          message,
          retryable: error.retryable,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        }),
      );
    // The sentence for a failure before the views after Connect arrived (a wallet that failed at
    // once) comes with them: the event waits for it rather than carrying none.
    const message = this.#options.errorText(flowError);
    if (typeof message === 'string') report(message);
    else void message.then(report);
  }
}
