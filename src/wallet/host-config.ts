import { getAddress, numberToHex, stringToHex } from 'viem';
import { TrussetVerifyError } from '../errors/base.js';
import { WalletConnectError, WalletNotFoundError, WrongChainError } from '../errors/wallet.js';
import { abortable, connectOutcome, requestFailure, switchFailure } from './rpc-errors.js';
import type { ConnectRequest, Hex, InjectedWalletInfo, WalletAccount, WalletOptions, WalletSession } from './types.js';

/**
 * What the widget reads of a host page's wagmi `Config`. Structural on purpose: the host may run
 * wagmi 2 or 3, with its own copy of @wagmi/core; the widget never calls that copy's actions,
 * only reads its state and talks to the wallet through the connector's EIP-1193 provider.
 */
interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): void;
  removeListener?(event: string, listener: (...args: never[]) => void): void;
}

interface HostConnector {
  readonly id: string;
  readonly type: string;
  readonly uid: string;
  getProvider(): Promise<unknown>;
  readonly emitter?: { emit?(event: string, data: unknown): void };
}

interface HostConnection {
  readonly accounts: readonly string[];
  readonly chainId: number;
  readonly connector: HostConnector;
}

interface HostState {
  readonly status: string;
  readonly current: string | null;
  readonly connections: Map<string, HostConnection>;
}

interface HostConfig {
  readonly state: HostState;
  readonly connectors: readonly HostConnector[];
  subscribe<T>(selector: (state: HostState) => T, listener: (next: T, previous: T) => void): () => void;
}

/** How long a host that is still restoring its connection (`reconnect()` on page load) is waited for. */
const HOST_SETTLE_MS = 2_000;

function isHostConfig(value: unknown): value is HostConfig {
  if (!value || typeof value !== 'object') return false;
  const config = value as Partial<HostConfig>;
  return typeof config.subscribe === 'function' && Array.isArray(config.connectors) && config.state?.connections instanceof Map;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const keys = Object.keys(value).slice(0, 6);
  return keys.length ? `an object with ${keys.join(', ')}` : 'an empty object';
}

function isPending(state: HostState): boolean {
  return state.status === 'reconnecting' || state.status === 'connecting';
}

function hostAccount(state: HostState): WalletAccount | undefined {
  if (state.status !== 'connected' || !state.current) return undefined;
  const connection = state.connections.get(state.current);
  const address = connection?.accounts[0];
  if (!connection || !address) return undefined;
  return { address: getAddress(address), chainId: connection.chainId };
}

function accountKey(account: WalletAccount | undefined): string {
  return account ? `${account.address.toLowerCase()}:${account.chainId}` : '';
}

/** A connection the widget made itself, when the host's config did not take it up (see `connect`). */
interface OwnConnection {
  provider: Eip1193;
  account: WalletAccount;
}

/**
 * The host's wallet connection (docs/architecture.md, "The wallet strategies", source 1). The host owns its connect UI and
 * its connection:
 * - already connected: `account()` has it and the connect step is skipped;
 * - `connect()` otherwise asks the first injected connector's provider for `eth_requestAccounts`
 *   and tells the host's config through that connector's `connect` event, the same way a wallet
 *   that connects itself does; a config that does not take it up still gets a working session;
 * - `disconnect()` leaves the host's connection alone: only the widget lets go of it.
 */
export class HostSession implements WalletSession {
  readonly source = 'host' as const;
  readonly #config: HostConfig;
  #own: OwnConnection | undefined;
  readonly #ownListeners = new Set<() => void>();
  #unadopt: (() => void) | undefined;

  constructor(config: HostConfig) {
    this.#config = config;
  }

  account(): WalletAccount | undefined {
    return hostAccount(this.#config.state) ?? this.#own?.account;
  }

  injectedWallets(): InjectedWalletInfo[] {
    return [];
  }

  onInjectedWalletsChange(): () => void {
    return () => undefined;
  }

  async connect(_request: ConnectRequest, signal: AbortSignal): Promise<WalletAccount | undefined> {
    const existing = this.account();
    if (existing) return existing;
    const found = await this.#injectedProvider();
    if (!found) throw new WalletNotFoundError({ details: "The host page's wagmi config has no injected connector with a wallet behind it." });
    const { connector, provider } = found;
    try {
      const accounts = (await abortable(provider.request({ method: 'eth_requestAccounts' }), signal)) as string[];
      const chainId = Number(await abortable(provider.request({ method: 'eth_chainId' }), signal));
      const first = accounts[0];
      if (!first) throw new WalletConnectError({ details: 'The wallet connected without an account.' });
      const addresses = accounts.map((address) => getAddress(address));
      connector.emitter?.emit?.('connect', { accounts: addresses, chainId });
      const adopted = hostAccount(this.#config.state);
      if (adopted) return adopted;
      this.#adopt(provider, { address: getAddress(first), chainId });
      return this.#own!.account;
    } catch (error) {
      return connectOutcome(error, signal);
    }
  }

  async signMessage(account: WalletAccount, message: string, signal: AbortSignal): Promise<Hex> {
    const current = this.account();
    if (!current || current.address.toLowerCase() !== account.address.toLowerCase()) {
      throw new WalletConnectError({ details: 'The wallet is no longer connected with the account asked to sign.' });
    }
    try {
      const provider = await this.#provider();
      return (await abortable(provider.request({ method: 'personal_sign', params: [stringToHex(message), account.address] }), signal)) as Hex;
    } catch (error) {
      if (signal.aborted) throw error;
      throw requestFailure(error);
    }
  }

  async switchChain(chainId: number, signal: AbortSignal): Promise<void> {
    const before = this.account();
    if (before?.chainId === chainId) return;
    try {
      const provider = await this.#provider();
      await abortable(provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: numberToHex(chainId) }] }), signal);
      const actual = Number(await abortable(provider.request({ method: 'eth_chainId' }), signal));
      if (actual !== chainId) throw new WrongChainError({ expected: chainId, actual });
    } catch (error) {
      if (signal.aborted) throw error;
      throw switchFailure(error, chainId, before?.chainId);
    }
  }

  watch(listener: (account: WalletAccount | undefined) => void): () => void {
    let last = accountKey(this.account());
    const report = () => {
      if (isPending(this.#config.state)) return;
      const next = this.account();
      const key = accountKey(next);
      if (key === last) return;
      last = key;
      listener(next);
    };
    const unsubscribe = this.#config.subscribe((state) => `${state.status}|${accountKey(hostAccount(state))}`, report);
    this.#ownListeners.add(report);
    return () => {
      unsubscribe();
      this.#ownListeners.delete(report);
    };
  }

  async disconnect(): Promise<void> {
    this.#release();
  }

  async #provider(): Promise<Eip1193> {
    const { state } = this.#config;
    const connection = state.status === 'connected' && state.current ? state.connections.get(state.current) : undefined;
    const provider = connection ? ((await connection.connector.getProvider()) as Eip1193 | undefined) : this.#own?.provider;
    if (!provider) throw new WalletConnectError({ details: 'No wallet is connected.' });
    return provider;
  }

  async #injectedProvider(): Promise<{ connector: HostConnector; provider: Eip1193 } | undefined> {
    for (const connector of this.#config.connectors) {
      if (connector.type !== 'injected') continue;
      const provider = (await connector.getProvider().catch(() => undefined)) as Eip1193 | undefined;
      if (provider && typeof provider.request === 'function') return { connector, provider };
    }
    return undefined;
  }

  #adopt(provider: Eip1193, account: WalletAccount): void {
    this.#release();
    const notify = () => this.#ownListeners.forEach((listener) => listener());
    const onAccounts = (accounts: string[]) => {
      const first = accounts[0];
      if (!first) return this.#release(true);
      if (this.#own) this.#own = { provider, account: { ...this.#own.account, address: getAddress(first) } };
      notify();
    };
    const onChain = (chainId: string) => {
      if (this.#own) this.#own = { provider, account: { ...this.#own.account, chainId: Number(chainId) } };
      notify();
    };
    const onDisconnect = () => this.#release(true);
    provider.on?.('accountsChanged', onAccounts);
    provider.on?.('chainChanged', onChain);
    provider.on?.('disconnect', onDisconnect);
    this.#own = { provider, account };
    this.#unadopt = () => {
      provider.removeListener?.('accountsChanged', onAccounts);
      provider.removeListener?.('chainChanged', onChain);
      provider.removeListener?.('disconnect', onDisconnect);
    };
  }

  #release(notify = false): void {
    this.#unadopt?.();
    this.#unadopt = undefined;
    if (!this.#own) return;
    this.#own = undefined;
    if (notify) this.#ownListeners.forEach((listener) => listener());
  }
}

/** Wraps the host page's config; waits briefly for a connection it is still restoring. */
export async function createHostSession(options: Pick<WalletOptions, 'wagmiConfig'>): Promise<HostSession> {
  const config = options.wagmiConfig;
  if (!isHostConfig(config)) {
    throw new TrussetVerifyError('CONFIG_INVALID', 'The wagmiConfig property is not a wagmi Config.', {
      metaMessages: ['Expected: the Config that createConfig() returns (wagmi 2 or 3)', `Received: ${describeValue(config)}`],
    });
  }
  if (isPending(config.state)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, HOST_SETTLE_MS);
      const unsubscribe = config.subscribe(isPending, (pending) => {
        if (!pending) done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }
  return new HostSession(config);
}
