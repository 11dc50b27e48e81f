import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IntentKeys } from '../backend-client/idempotency-key.js';
import type { BackendConfig } from '../backend-client/request.js';
import { isAbort, TrussetVerifyError } from '../errors/base.js';
import { CODE_FIELDS } from '../errors/codes.js';
import { WalletNotFoundError } from '../errors/wallet-not-found.js';
import { TrussetConnectEvent } from '../events/connect.js';
import { TrussetDisconnectEvent } from '../events/disconnect.js';
import { TrussetErrorEvent } from '../events/error.js';
import { TrussetStateChangeEvent } from '../events/state-change.js';
import type { WidgetConfig } from '../schemas/config.js';
import type { InAppBrowser } from '../wallet/in-app-browser.js';
import type { ConnectRequest, InjectedWalletInfo, WalletAccount, WalletSession } from '../wallet/types.js';
import { INITIAL_STATE, reduce, type FlowState } from './reducer.js';
import type { FlowError, FlowEvent } from './table.js';
import type { SavedLink, Tracking } from './tracking.js';

/** What the controller needs of the element. */
export interface FlowHost extends ReactiveControllerHost, HTMLElement {
  /** The validated configuration, or undefined while it is invalid. */
  readonly config: WidgetConfig | undefined;
  /** What the user typed, read at submission; the controller never changes it. */
  readonly formValue: { email: string; country: string };
  /** The sentence the user is shown for an error, for `trusset-error`. */
  errorText(error: FlowError): string;
  /** Until the views after Connect (and their sentences) are there, the promise of them; then undefined. */
  messagesPending(): Promise<void> | undefined;
  /** Mirrors the status on the element: the `status` attribute and the custom state. */
  statusChanged(state: FlowState): void;
  /** Navigates the page (a seam for tests: same-tab navigation ends a test page). */
  navigate(url: string): void;
  /** The wallet app's browser the page runs in (docs/element.md, "Phones and wallet apps' browsers"): the link is shown, not navigated to, since it may block the camera. */
  readonly inApp: InAppBrowser | undefined;
}

/** A nonce from the backend, and when it came. */
export interface Nonce {
  nonce: string;
  serverTime: string;
  fetchedAt: number;
}

// Neither the backend client (flow/submission.ts loads it) nor the wallet loader is needed to draw the Connect button.
// The submission, the register, resuming and tracking come after Connect, in chunks of their own.
const loadFollowUp = () => import('./follow-up.js');
const loadSubmission = () => import('./submission.js');

/** What the lazily loaded follow-up (register, resuming, tracking; flow/follow-up.ts) uses of the controller. */
export interface FlowCore {
  readonly host: FlowHost;
  readonly state: FlowState;
  /** The current work's signal: a disconnect, an account change or leaving the page aborts it. */
  readonly signal: AbortSignal;
  readonly session: WalletSession | undefined;
  resumable: SavedLink | undefined;
  /** The saved link the submission in flight continues. */
  resuming: SavedLink | undefined;
  dispatch(event: FlowEvent): void;
  backend(config: WidgetConfig): BackendConfig;
  /** What the view shows of a failure. */
  flowError(error: TrussetVerifyError): FlowError;
  /** `trusset-error`, after the state moved. */
  report(error: TrussetVerifyError, flowError: FlowError): void;
  /** Moves to the failure and reports it; `toForm` shows it on the form rather than as a failed step. */
  fail(error: TrussetVerifyError, toForm?: boolean): void;
  /** The last nonce fetched, until it is spent (any attempt that reaches the backend spends it) or the account changes; flow/submission.ts keeps it. */
  nonce: Nonce | undefined;
  nonceRequest: Promise<Nonce> | undefined;
  /** The `Idempotency-Key` keeper, created with the first submission (its class comes with the submission's chunk). */
  keys: IntentKeys | undefined;
}

function asError(error: unknown, fallback: () => TrussetVerifyError): TrussetVerifyError {
  return error instanceof TrussetVerifyError ? error : fallback();
}

/**
 * Runs the flow's effects (docs/architecture.md, "The flow"): the wallet, the backend, the redirect. Each
 * piece of work runs under an `AbortController` that a disconnect, an account change or the
 * element leaving the page aborts; a result that arrives after its abort is dropped.
 */
export class FlowController implements ReactiveController {
  state: FlowState = INITIAL_STATE;
  session: WalletSession | undefined;
  injectedWallets: InjectedWalletInfo[] = [];
  /** The built-in list is showing and waits for the user to pick a wallet. */
  picking = false;
  /** The connected wallet's open link from before a reload, offered on the form to continue. */
  resumable: SavedLink | undefined;
  /** The link in `link-ready` is being followed (the user opened it). */
  tracking = false;

  #work = new AbortController();
  #unwatch: (() => void) | undefined;
  #unlist: (() => void) | undefined;
  #tracker: Tracking | undefined;
  /** The submission in flight continues this saved link rather than creating one. */
  #resuming: SavedLink | undefined;
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

  readonly #core: FlowCore;

  constructor(private readonly host: FlowHost) {
    host.addController(this);
    const flow = this;
    this.#core = {
      host,
      get state() {
        return flow.state;
      },
      get signal() {
        return flow.#work.signal;
      },
      get session() {
        return flow.session;
      },
      get resumable() {
        return flow.resumable;
      },
      set resumable(link) {
        flow.resumable = link;
      },
      get resuming() {
        return flow.#resuming;
      },
      set resuming(link) {
        flow.#resuming = link;
      },
      dispatch: (event) => this.dispatch(event),
      backend: (config) => this.#backend(config),
      flowError: (error) => this.#flowError(error),
      report: (error, flowError) => this.#report(error, flowError),
      fail: (error, toForm) => this.#fail(error, toForm),
      nonce: undefined,
      nonceRequest: undefined,
      keys: undefined,
    };
  }

  hostConnected(): void {
    this.configChanged();
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
      if (previous.status === 'link-ready') this.#stopTracking();
      this.host.dispatchEvent(new TrussetStateChangeEvent({ status: next.status, previous: previous.status }));
      // The submission's chunk and a nonce, so that the Submit tap goes straight to the wallet (phones need the gesture).
      if (next.status === 'ready') loadSubmission().then((submission) => submission.prefetchNonce(this.#core), () => undefined);
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
      // Web3Modal fell back to the built-in list (3 s without its modal: docs/architecture.md, "The wallet strategies"): show its rows rather than give up.
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
    this.#resuming = undefined;
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

  /** A submission continues a saved link (its retry needs no form). */
  get resuming(): boolean {
    return this.#resuming !== undefined;
  }

  /** Continues the saved open link (docs/element.md, "After the link"): a fresh signature, and the backend answers with that link. */
  resume(): Promise<void> {
    if (this.state.status !== 'ready' || !this.resumable) return Promise.resolve();
    this.#resuming = this.resumable;
    return this.submit();
  }

  /** Reads the register again after it could not be read. */
  recheck(): void {
    const { account } = this.state;
    if (!account || this.state.error?.code !== 'REGISTRY_UNAVAILABLE') return;
    this.dispatch({ type: 'RECHECK' });
    this.#afterConnect(account, true);
  }

  /** The user opened the link (in another tab, or came back from it): follow its status; `now` polls at once. */
  linkOpened(now = false): void {
    const { config } = this.host;
    const { link, account } = this.state;
    if (this.state.status !== 'link-ready' || !config || !account || !link?.statusToken || this.tracking) return;
    this.tracking = true;
    this.host.requestUpdate();
    const signal = this.#work.signal;
    loadFollowUp().then(
      (followUp) => {
        if (!signal.aborted && this.tracking && this.state.link?.id === link.id) this.#tracker = followUp.track(this.#core, config, link, account, now);
      },
      () => {
        // Not loaded (a flaky network, a redeploy): the link still works, it is just not followed.
        this.tracking = false;
        this.host.requestUpdate();
      },
    );
  }

  /** Back to the form once the tracked link is over: the next submission is a new intent (the old key would replay the dead link). */
  restart(): void {
    if (this.state.status !== 'link-ready') return;
    this.#core.keys?.clear();
    this.dispatch({ type: 'RESTART' });
  }

  /** One submission at a time: the table refuses a second SUBMIT while one runs. */
  async submit(): Promise<void> {
    const { config } = this.host;
    const { account } = this.state;
    const session = this.session;
    if (!config || !account || (this.state.status !== 'ready' && this.state.status !== 'submit-failed')) return;
    const resuming = this.#resuming;
    if (config.signature === 'off') this.dispatch({ type: 'SUBMIT', step: 'creating' });
    else if (session && account.chainId !== config.chainId) this.dispatch({ type: 'SUBMIT', step: 'switching-chain' });
    else this.dispatch({ type: 'SUBMIT', step: 'signing' });

    const signal = this.#work.signal;
    const form = this.host.formValue;
    // Read before any await: the key belongs to what the user asked for at the click.
    const intent = resuming
      ? { email: '', country: '', walletAddress: account.address, resume: resuming.linkId }
      : { email: form.email.trim(), country: form.country, walletAddress: account.address };
    let submission: Awaited<ReturnType<typeof loadSubmission>>;
    try {
      submission = await loadSubmission();
    } catch (error) {
      if (signal.aborted) return;
      return this.#fail(new TrussetVerifyError('NETWORK_ERROR', 'Part of the widget could not be loaded.', { cause: error }));
    }
    return submission.runSubmission(this.#core, { config, account, session, resuming, intent, signal });
  }

  #backend(config: WidgetConfig): BackendConfig {
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
      this.#core.nonce = undefined;
      this.#resuming = this.resumable = undefined;
      const check = this.#checksRegister();
      this.dispatch({ type: 'ACCOUNT_CHANGED', account, check });
      this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
      return this.#afterConnect(account, check);
    } else if (account.chainId !== current.chainId) {
      this.dispatch({ type: 'CHAIN_CHANGED', chainId: account.chainId });
    } else {
      return;
    }
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
  }

  #connected(account: WalletAccount): void {
    // An offer to resume belongs to the wallet it was found for.
    this.#resuming = this.resumable = undefined;
    const check = this.#checksRegister();
    this.dispatch({ type: 'CONNECTED', account, check });
    this.host.dispatchEvent(new TrussetConnectEvent({ address: account.address, chainId: account.chainId }));
    this.#afterConnect(account, check);
  }

  #afterConnect(account: WalletAccount, check: boolean): void {
    const { config } = this.host;
    if (!config || (!check && this.state.status !== 'ready')) return;
    loadFollowUp().then(
      (followUp) => (check ? followUp.checkRegister(this.#core, config, account) : followUp.afterCheck(this.#core, config, account)),
      (error: unknown) => {
        // Not loaded (a flaky network, a redeploy): the register counts as unreadable, never as "not verified".
        if (!check || this.state.status !== 'checking' || this.state.account !== account) return;
        const known = new TrussetVerifyError('REGISTRY_UNAVAILABLE', 'The register could not be read.', { cause: error });
        const flowError = this.#flowError(known);
        this.dispatch({ type: 'CHECKED', error: flowError });
        this.#report(known, flowError);
      },
    );
  }

  /** Whether the register is read at connect (docs/element.md, the `registry` attribute): only through a transport the page named. */
  #checksRegister(): boolean {
    const config = this.host.config;
    return !!config?.registry && !!(config.rpcUrl || config.wagmiConfig);
  }

  #stopTracking(): void {
    this.#tracker?.stop();
    this.#tracker = undefined;
    this.tracking = false;
  }

  #abortWork(): void {
    this.#work.abort();
    this.#work = new AbortController();
  }

  #flowError(error: TrussetVerifyError): FlowError {
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
  #fail(error: TrussetVerifyError, toForm = false): void {
    const flowError = this.#flowError(error);
    const onForm = toForm || flowError.field === 'email' || flowError.field === 'country';
    this.dispatch(onForm && this.state.status === 'creating' ? { type: 'INVALID', error: flowError } : { type: 'FAILED', error: flowError });
    this.#report(error, flowError);
  }

  #report(error: TrussetVerifyError, flowError: FlowError): void {
    const report = () =>
      this.host.dispatchEvent(
        new TrussetErrorEvent({
          code: error.code,
          message: this.host.errorText(flowError),
          retryable: error.retryable,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        }),
      );
    // The sentence for a failure before the views after Connect arrived (a wallet that failed at
    // once) comes with them: the event waits for it rather than carrying none.
    const pending = this.host.messagesPending();
    if (pending) void pending.then(report);
    else report();
  }
}
