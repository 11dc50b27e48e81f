import { WalletConnectError } from '../errors/wallet.js';
import type { TrussetVerifyErrorOptions } from '../errors/base.js';

/**
 * The one small interface the element knows of wallets (docs/architecture.md, "The wallet strategies"). Three sources
 * implement it — the host's wagmi config, Web3Modal, the built-in EIP-6963 list — each in its own
 * module behind `import()`, so that nothing here pulls wallet code into the first render.
 */

export type Address = `0x${string}`;
export type Hex = `0x${string}`;

export interface WalletAccount {
  address: Address;
  chainId: number;
}

/** An installed wallet found through EIP-6963, for the built-in list. */
export interface InjectedWalletInfo {
  /** Reverse-DNS id announced by the wallet (`io.metamask`); the connector id. */
  rdns: string;
  name: string;
  /** A data: URI as the wallet announced it; shown only when it is a data: image. */
  icon: string;
}

export interface WalletOptions {
  chainId: number;
  /** WalletConnect Cloud project id: Web3Modal when set. */
  projectId: string | undefined;
  /** How wallets name the app (WalletConnect metadata); default the page's title, else its host. */
  appName: string | undefined;
  appIcon: string | undefined;
  /** A host page's wagmi `Config` (v2 or v3). */
  wagmiConfig: unknown;
}

/**
 * How a connect attempt ended for the user: `cancelled` (closed the prompt or the modal: not an
 * error), or an error with a code (`WALLET_NOT_FOUND`, `WALLET_CONNECT_FAILED`).
 */
export type ConnectRequest =
  /** Web3Modal or the host's own UI: the source shows its own way to pick. */
  | { kind: 'modal' }
  /** The built-in list: the user picked this wallet. */
  | { kind: 'injected'; rdns: string };

export interface WalletSession {
  /** Which source this is; the built-in list asks `injectedWallets()` for its rows. */
  readonly source: 'host' | 'web3modal' | 'injected';
  /** The connected account, if any, right now (a host page may already be connected). */
  account(): WalletAccount | undefined;
  /** Wallets announced through EIP-6963 so far (built-in list only; empty for other sources). */
  injectedWallets(): InjectedWalletInfo[];
  /**
   * Called whenever the announced wallets change, and when a Web3Modal session falls back to the
   * built-in list (`source` is then `'injected'`).
   */
  onInjectedWalletsChange(listener: () => void): () => void;
  /**
   * Connects; resolves with the account, or `undefined` when the user closed the prompt.
   * Rejects with a `TrussetVerifyError` (`WALLET_NOT_FOUND`, `WALLET_CONNECT_FAILED`).
   *
   * `{ kind: 'modal' }` on the built-in list (also right after a Web3Modal fallback): no wallet
   * announced rejects with `WALLET_NOT_FOUND`, exactly one is connected, several resolve
   * `undefined` so that the element shows the list.
   */
  connect(request: ConnectRequest, signal: AbortSignal): Promise<WalletAccount | undefined>;
  /** Signs an EIP-191 personal message; rejects with `UserRejectedError` when declined. */
  signMessage(account: WalletAccount, message: string, signal: AbortSignal): Promise<Hex>;
  /** Asks the wallet to move to `chainId`; rejects with `UserRejectedError` when declined. */
  switchChain(chainId: number, signal: AbortSignal): Promise<void>;
  /** Account and chain changes, and disconnection (`undefined`). */
  watch(listener: (account: WalletAccount | undefined) => void): () => void;
  disconnect(): Promise<void>;
}

/**
 * The fallback contract between the Web3Modal source and the loader (docs/architecture.md, "The wallet strategies"): no
 * modal was visible 3 s after `open()` (its wallet-list request hung), so Web3Modal was put away
 * for the rest of the page. The session `loadWallet` returns catches it and continues as the
 * built-in list; it reaches the element only if that switch itself fails.
 */
export class Web3ModalUnavailableError extends WalletConnectError {
  override name = 'Web3ModalUnavailableError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super({ details: 'Web3Modal did not show its modal in time; the built-in wallet list takes over.', ...options });
  }
}
