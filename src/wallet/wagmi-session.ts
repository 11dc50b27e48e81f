import {
  connect as wagmiConnect,
  createStorage,
  disconnect as wagmiDisconnect,
  getAccount,
  reconnect,
  signMessage as wagmiSignMessage,
  switchChain as wagmiSwitchChain,
  watchAccount,
  watchConnectors,
  type Config,
  type Connector,
  type Storage,
} from '@wagmi/core';
import { createClient, custom, defineChain, numberToHex, type Chain, type Client, type Transport } from 'viem';
import { mainnet, sepolia } from 'viem/chains';
import { WalletConnectError, WalletNotFoundError, WrongChainError } from '../errors/wallet.js';
import { abortable, connectOutcome, requestFailure, switchFailure } from './rpc-errors.js';
import type { ConnectRequest, Hex, InjectedWalletInfo, WalletAccount, WalletSession } from './types.js';

/** Prefix of every key wagmi writes for the widget (see `walletStorage`). */
export const STORAGE_KEY = 'trusset-verify';

const KNOWN_CHAINS: Record<number, Chain> = { [mainnet.id]: mainnet, [sepolia.id]: sepolia };

/**
 * The chain for `chainId`. Its RPC URLs are descriptive only: every read goes through the
 * connected wallet (`walletClient`), so a URL here is never called by the widget. `rpcUrl`
 * replaces them where a connector takes its RPC from the chain (WalletConnect's `rpcMap`).
 */
export function chainFor(chainId: number, rpcUrl?: string): Chain {
  const rpcUrls = { default: { http: rpcUrl ? [rpcUrl] : [] } };
  const known = KNOWN_CHAINS[chainId];
  if (known) return rpcUrl ? { ...known, rpcUrls } : known;
  return defineChain({ id: chainId, name: `Chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls });
}

/**
 * wagmi's persistence, set explicitly (docs/architecture.md, "The wallet strategies"): session storage, and only what
 * describes the connection. The keys written, each prefixed `trusset-verify.`:
 * - `store`: the connection (connector id, name, type and uid, accounts, chain id, which one is current);
 * - `recentConnectorId`: the connector to restore after a reload in the same tab;
 * - `<connector id>.disconnected`: the user disconnected that wallet, so it is not restored;
 * - `injected.connected`: the generic `window.ethereum` connector was connected (Web3Modal only);
 * - `walletConnect.requestedChains`: the chains a WalletConnect session was asked for (Web3Modal only).
 * Anything else wagmi or a connector would store lives in memory for the page's life.
 */
export function walletStorage(): Storage {
  const memory = new Map<string, string>();
  const persisted = (key: string) => {
    const name = key.slice(STORAGE_KEY.length + 1);
    return (
      key.startsWith(`${STORAGE_KEY}.`) && (name === 'store' || name === 'recentConnectorId' || name === 'injected.connected' || name.endsWith('.disconnected') || name.endsWith('.requestedChains'))
    );
  };
  const session = (): globalThis.Storage | undefined => {
    try {
      return window.sessionStorage;
    } catch {
      // Sandboxed frames and disabled storage throw on access: the connection then lasts the page.
      return undefined;
    }
  };
  return createStorage({
    key: STORAGE_KEY,
    storage: {
      getItem(key) {
        if (!persisted(key)) return memory.get(key) ?? null;
        try {
          return session()?.getItem(key) ?? memory.get(key) ?? null;
        } catch {
          return memory.get(key) ?? null;
        }
      },
      setItem(key, value) {
        memory.set(key, value);
        if (!persisted(key)) return;
        try {
          session()?.setItem(key, value);
        } catch {
          // Quota or privacy mode: the copy in memory still serves this page.
        }
      },
      removeItem(key) {
        memory.delete(key);
        try {
          if (persisted(key)) session()?.removeItem(key);
        } catch {
          // As above.
        }
      },
    },
  });
}

interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

async function activeProvider(config: Config | undefined): Promise<Eip1193 | undefined> {
  const current = config?.state.current;
  const connection = current ? config.state.connections.get(current) : undefined;
  const provider = await connection?.connector.getProvider?.().catch(() => undefined);
  return provider as Eip1193 | undefined;
}

/**
 * The `client` of a wagmi config that never reaches an RPC of its own: reads go to the connected
 * wallet's provider, and fail loudly when none is connected. `decorate` overrides actions on it
 * (Web3Modal's, web3modal.ts); the built-in list needs none, and so does not carry them.
 */
export function walletClient<Extension extends Record<string, unknown> = Record<never, never>>(getConfig: () => Config | undefined, decorate?: (client: Client<Transport, Chain>) => Extension) {
  const transport = custom(
    {
      async request({ method, params }: { method: string; params?: unknown }) {
        const provider = await activeProvider(getConfig());
        if (!provider) throw new Error(`trusset-verify has no RPC of its own, and no wallet is connected to answer ${method}.`);
        return provider.request({ method, params });
      },
    },
    { retryCount: 0 },
  );
  return ({ chain }: { chain: Chain }) => {
    const client = createClient({ chain, transport });
    return decorate ? client.extend(decorate as (client: Client) => Extension) : client;
  };
}

/**
 * After a reload in the same tab, the wallet this tab was connected to, and only that one: a
 * wallet that merely authorised the site some other day is not connected without a click.
 */
export async function restoreConnection(config: Config): Promise<void> {
  const recent = await Promise.resolve(config.storage?.getItem('recentConnectorId')).catch(() => null);
  const connector = recent ? config.connectors.find((candidate) => candidate.id === recent) : undefined;
  if (!connector) return;
  await reconnect(config, { connectors: [connector] }).catch(() => undefined);
}

function toAccount(config: Config): WalletAccount | undefined {
  const account = getAccount(config);
  if (account.status !== 'connected' || !account.address || account.chainId === undefined) return undefined;
  return { address: account.address, chainId: account.chainId };
}

function sameAccount(a: WalletAccount | undefined, b: WalletAccount | undefined): boolean {
  return a?.address.toLowerCase() === b?.address.toLowerCase() && a?.chainId === b?.chainId;
}

/** EIP-6963 connectors: wagmi names them after the wallet's rdns; `injected` is the generic `window.ethereum` one. */
function isAnnounced(connector: Connector): boolean {
  return connector.type === 'injected' && connector.id !== 'injected';
}

/** Opens a source's own connect UI; resolves like `WalletSession.connect`. */
export type ModalConnect = (signal: AbortSignal) => Promise<WalletAccount | undefined>;

/** The wallet interface over a @wagmi/core config of the widget's own (built-in list or Web3Modal). */
export class WagmiSession implements WalletSession {
  readonly source: 'web3modal' | 'injected';
  readonly config: Config;
  readonly #modal: ModalConnect | undefined;

  constructor(config: Config, source: 'web3modal' | 'injected', modal?: ModalConnect) {
    this.config = config;
    this.source = source;
    this.#modal = modal;
  }

  account(): WalletAccount | undefined {
    return toAccount(this.config);
  }

  injectedWallets(): InjectedWalletInfo[] {
    if (this.source !== 'injected') return [];
    return this.config.connectors.filter(isAnnounced).map((connector) => ({ rdns: connector.id, name: connector.name, icon: connector.icon ?? '' }));
  }

  onInjectedWalletsChange(listener: () => void): () => void {
    return watchConnectors(this.config, { onChange: () => listener() });
  }

  async connect(request: ConnectRequest, signal: AbortSignal): Promise<WalletAccount | undefined> {
    if (request.kind === 'modal') {
      if (this.#modal) return this.#modal(signal);
      const wallets = this.injectedWallets();
      if (wallets.length === 0) throw new WalletNotFoundError();
      if (wallets.length > 1) return undefined;
      request = { kind: 'injected', rdns: wallets[0]!.rdns };
    }
    const { rdns } = request;
    const connector = this.config.connectors.find((candidate) => isAnnounced(candidate) && candidate.id === rdns);
    if (!connector) throw new WalletNotFoundError({ details: `No wallet announced itself as ${rdns}.` });
    const current = getAccount(this.config);
    if (current.status === 'connected' && current.connector?.uid === connector.uid) return this.account();
    try {
      const result = await abortable(wagmiConnect(this.config, { connector }), signal);
      const address = result.accounts[0];
      if (!address) throw new WalletConnectError({ details: 'The wallet connected without an account.' });
      return { address, chainId: result.chainId };
    } catch (error) {
      return connectOutcome(error, signal);
    }
  }

  async signMessage(account: WalletAccount, message: string, signal: AbortSignal): Promise<Hex> {
    try {
      return await abortable(wagmiSignMessage(this.config, { account: account.address, message }), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw requestFailure(error);
    }
  }

  async switchChain(chainId: number, signal: AbortSignal): Promise<void> {
    const account = getAccount(this.config);
    if (account.status !== 'connected' || !account.connector) throw new WalletConnectError({ details: 'No wallet is connected.' });
    if (account.chainId === chainId) return;
    try {
      if (account.connector.type === 'injected') await abortable(this.#switchInjected(account.connector, chainId), signal);
      else await abortable(wagmiSwitchChain(this.config, { chainId }), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw switchFailure(error, chainId, account.chainId);
    }
  }

  /**
   * Straight through the wallet's provider rather than wagmi's `switchChain`: on 4902 wagmi would
   * offer the wallet `wallet_addEthereumChain` with the chain's RPC URL, which for a local chain is
   * a placeholder, and report the wallet's refusal as the user's. 4902 is `WRONG_CHAIN` here.
   */
  async #switchInjected(connector: Connector, chainId: number): Promise<void> {
    const provider = (await connector.getProvider()) as Eip1193 | undefined;
    if (!provider) throw new WalletNotFoundError();
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: numberToHex(chainId) }] });
    const actual = Number(await provider.request({ method: 'eth_chainId' }));
    if (actual !== chainId) throw new WrongChainError({ expected: chainId, actual });
    // MetaMask does not always emit `chainChanged` after a switch (metamask-extension#24247).
    connector.emitter.emit('change', { chainId });
  }

  watch(listener: (account: WalletAccount | undefined) => void): () => void {
    let last = this.account();
    return watchAccount(this.config, {
      onChange: () => {
        const status = getAccount(this.config).status;
        if (status === 'connecting' || status === 'reconnecting') return;
        const next = this.account();
        if (sameAccount(next, last)) return;
        last = next;
        listener(next);
      },
    });
  }

  async disconnect(): Promise<void> {
    await wagmiDisconnect(this.config);
  }
}
