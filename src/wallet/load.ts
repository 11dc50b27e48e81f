/**
 * The only wallet module the element imports statically. Everything that pulls in @wagmi/core,
 * viem or @web3modal is reached from here through `import()`, never in the first render.
 */

import { TrussetVerifyError } from '../errors/base.js';
import { WalletConnectError } from '../errors/wallet.js';
import type { WagmiSession } from './wagmi-session.js';
import { Web3ModalUnavailableError, type ConnectRequest, type Hex, type InjectedWalletInfo, type WalletAccount, type WalletOptions, type WalletSession } from './types.js';

/**
 * Replaced at build time by `chunkUrlPlugin()` (vite-plugin-chunk-url.ts) with the files of the
 * Web3Modal chunk and its static imports, relative to this module's own chunk.
 */
declare const __TRUSSET_WEB3MODAL_CHUNKS__: readonly string[] | undefined;

/** In a variable, so that no bundler mistakes it for an asset reference (`new URL('…', import.meta.url)`). */
const WEB3MODAL_SOURCE = './web3modal.ts';

let sessionPromise: Promise<WalletSession> | undefined;
/** Set before our Web3Modal chunk runs: from then on a defined `<w3m-modal>` may be ours. */
let web3ModalRequested = false;
let prefetched = false;

/**
 * The page's one wallet session (docs/architecture.md, "The wallet strategies"), shared by every `<trusset-verify>` on it:
 * the first call's options choose the source — the host's `wagmiConfig`, then Web3Modal when a
 * `projectId` is set, then the built-in EIP-6963 list. A failed load is forgotten, so Retry loads
 * again.
 */
export function loadWallet(options: WalletOptions): Promise<WalletSession> {
  sessionPromise ??= openSession(options).catch((error: unknown) => {
    sessionPromise = undefined;
    throw error instanceof TrussetVerifyError ? error : new WalletConnectError({ cause: error, details: 'The wallet code did not load.' });
  });
  return sessionPromise;
}

/**
 * `<w3m-modal>` is defined, and not by us: the page runs its own Web3Modal or Reown AppKit, whose
 * element class would be bound to the host's state, not to a modal of ours.
 */
export function isWeb3ModalDefinedByHost(): boolean {
  return !web3ModalRequested && typeof customElements !== 'undefined' && customElements.get('w3m-modal') !== undefined;
}

/**
 * Fetches the Web3Modal chunk ahead of the click without running it (running it changes the host
 * page: docs/architecture.md, "Side-effect rules"): `<link rel="modulepreload">` only fetches, parses and compiles.
 * The element calls it when the pointer reaches the Connect button; `{ idle: true }` waits for the
 * page to be idle first. Does nothing when the chunk's files are not known (see `web3ModalChunkUrls`).
 */
export function prefetchWeb3Modal(options: { idle?: boolean } = {}): void {
  if (prefetched || web3ModalRequested || typeof document === 'undefined' || isWeb3ModalDefinedByHost()) return;
  if (options.idle) {
    whenIdle(() => prefetchWeb3Modal());
    return;
  }
  prefetched = true;
  // Under a nonce-based CSP a preload needs the page's nonce, as the scripts that loaded us had.
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  for (const href of web3ModalChunkUrls()) {
    if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].some((link) => link.href === href)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    if (nonce) link.nonce = nonce;
    document.head.append(link);
  }
}

/**
 * Loads the built-in list's code ahead of the click (the element calls it when the pointer reaches
 * Connect without a project-id): @wagmi/core and viem only define functions as they load, and
 * nothing reaches a wallet or the page until `loadWallet` creates the session.
 */
export function warmInjected(): void {
  if (typeof window === 'undefined' || sessionPromise) return;
  import('./injected.js').catch(() => undefined);
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 10_000 });
  // Safari has no requestIdleCallback: after the page's own load is the nearest thing.
  else if (document.readyState === 'complete') setTimeout(run, 0);
  else window.addEventListener('load', () => setTimeout(run, 0), { once: true });
}

/**
 * The URLs `import('./web3modal.js')` will fetch. A build with `chunkUrlPlugin()` knows its
 * chunks; run from source (vite serve, vitest) the module's own URL is what the import fetches.
 * Otherwise (a consumer's bundler renamed everything) nothing is known and nothing is preloaded.
 */
function web3ModalChunkUrls(): string[] {
  const built = builtWeb3ModalChunks();
  if (built) return built.map((file) => new URL(file, import.meta.url).href);
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('/load.ts') ? [new URL(WEB3MODAL_SOURCE, here).href] : [];
}

/** One mention of the placeholder, so that the build writes the list once. */
function builtWeb3ModalChunks(): readonly string[] | undefined {
  try {
    return __TRUSSET_WEB3MODAL_CHUNKS__;
  } catch {
    // Not replaced: the global does not exist (ReferenceError).
    return undefined;
  }
}

/** Wallets that answer an EIP-6963 request right now (wallets answer synchronously). */
function announcedWalletCount(): number {
  let count = 0;
  const onAnnounce = () => count++;
  window.addEventListener('eip6963:announceProvider', onAnnounce);
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  window.removeEventListener('eip6963:announceProvider', onAnnounce);
  return count;
}

/** Whether Web3Modal can serve this page; when it cannot, the built-in list does (docs/architecture.md, "The wallet strategies"). */
function web3ModalFits(): boolean {
  if (isWeb3ModalDefinedByHost()) {
    console.info('trusset-verify: this page already runs Web3Modal or AppKit (<w3m-modal> is defined), so the widget shows its own list of installed wallets instead.');
    return false;
  }
  // Web3Modal 5.1.11 lists an EIP-6963 wallet only when `window.ethereum` also exists: for a user
  // whose wallet only announces itself, the built-in list is the one that shows it.
  return !(announcedWalletCount() > 0 && !('ethereum' in window && window.ethereum));
}

async function openSession(options: WalletOptions): Promise<WalletSession> {
  if (typeof window === 'undefined') throw new WalletConnectError({ details: 'Wallets exist only in a browser.' });
  if (options.wagmiConfig !== undefined && options.wagmiConfig !== null) {
    const { createHostSession } = await import('./host-config.js');
    return createHostSession(options);
  }
  if (options.projectId && web3ModalFits()) {
    web3ModalRequested = true;
    const { createWeb3ModalSession } = await import('./web3modal.js');
    return new FallbackSession(await createWeb3ModalSession({ ...options, projectId: options.projectId }), options);
  }
  const { createInjectedSession } = await import('./injected.js');
  return createInjectedSession(options);
}

/**
 * The Web3Modal session, which becomes the built-in list when Web3Modal cannot show its modal
 * (`Web3ModalUnavailableError`): over the same wagmi config, so the wallets discovered and any
 * connection made stay. `source` then reads `'injected'` and list listeners are told.
 */
class FallbackSession implements WalletSession {
  #inner: WagmiSession;
  #fallback: Promise<void> | undefined;
  readonly #options: WalletOptions;
  readonly #listListeners = new Set<() => void>();
  readonly #watchers = new Set<(account: WalletAccount | undefined) => void>();
  #unlist: (() => void) | undefined;
  #unwatch: (() => void) | undefined;

  constructor(inner: WagmiSession, options: WalletOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  get source(): WalletSession['source'] {
    return this.#inner.source;
  }

  account(): WalletAccount | undefined {
    return this.#inner.account();
  }

  injectedWallets(): InjectedWalletInfo[] {
    return this.#inner.injectedWallets();
  }

  onInjectedWalletsChange(listener: () => void): () => void {
    this.#listListeners.add(listener);
    this.#unlist ??= this.#inner.onInjectedWalletsChange(() => this.#listListeners.forEach((each) => each()));
    return () => {
      this.#listListeners.delete(listener);
      if (this.#listListeners.size > 0) return;
      this.#unlist?.();
      this.#unlist = undefined;
    };
  }

  watch(listener: (account: WalletAccount | undefined) => void): () => void {
    this.#watchers.add(listener);
    this.#unwatch ??= this.#inner.watch((account) => this.#watchers.forEach((each) => each(account)));
    return () => {
      this.#watchers.delete(listener);
      if (this.#watchers.size > 0) return;
      this.#unwatch?.();
      this.#unwatch = undefined;
    };
  }

  async connect(request: ConnectRequest, signal: AbortSignal): Promise<WalletAccount | undefined> {
    try {
      return await this.#inner.connect(request, signal);
    } catch (error) {
      if (!(error instanceof Web3ModalUnavailableError)) throw error;
      this.#fallback ??= this.#fallBack().catch((failure: unknown) => {
        this.#fallback = undefined;
        throw failure instanceof TrussetVerifyError ? failure : new WalletConnectError({ cause: failure, details: 'The wallet list did not load.' });
      });
      await this.#fallback;
      return this.#inner.connect({ kind: 'modal' }, signal);
    }
  }

  signMessage(account: WalletAccount, message: string, signal: AbortSignal): Promise<Hex> {
    return this.#inner.signMessage(account, message, signal);
  }

  switchChain(chainId: number, signal: AbortSignal): Promise<void> {
    return this.#inner.switchChain(chainId, signal);
  }

  disconnect(): Promise<void> {
    return this.#inner.disconnect();
  }

  async #fallBack(): Promise<void> {
    const { createInjectedSession } = await import('./injected.js');
    const next = await createInjectedSession(this.#options, this.#inner.config);
    this.#unlist?.();
    this.#unwatch?.();
    this.#inner = next;
    this.#unlist = this.#listListeners.size ? next.onInjectedWalletsChange(() => this.#listListeners.forEach((each) => each())) : undefined;
    this.#unwatch = this.#watchers.size ? next.watch((account) => this.#watchers.forEach((each) => each(account))) : undefined;
    this.#listListeners.forEach((each) => each());
  }
}
