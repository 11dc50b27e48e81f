import { createConfig, createStorage, injected, type Config } from '@wagmi/core';
import { createWeb3Modal } from '@web3modal/wagmi';
import { custom, encodeErrorResult, parseAbi } from 'viem';
import { mainnet } from 'viem/chains';
import type { TestWallet } from '../support/test-wallet.js';

/**
 * What a partner's page that already runs its own Web3Modal holds (docs/element.md, "Beside another wallet UI"): its own
 * wagmi config with the injected connector and its own `createWeb3Modal`, set up before the
 * widget's script arrives. Reown AppKit defines the same `<w3m-modal>` element; its newer packages
 * cannot share this dependency tree, so a real Web3Modal 5 stands for both kinds of host.
 * Call once per page: Web3Modal defines its elements once per page.
 */
export async function startHostWeb3Modal(wallet: TestWallet) {
  // The host's RPC node, answered in the page so that nothing leaves 127.0.0.1: an empty chain
  // where every balance is 0 (the wallet answers `eth_getBalance`) and no address has an ENS
  // name. Once a wallet connects, the host's Web3Modal asks for both and leaves an unhandled
  // rejection when either fails.
  const rpc = custom({
    async request({ method, params }: { method: string; params?: unknown }) {
      if (method !== 'eth_call') return wallet.provider.request({ method, params });
      // The only contract read left (see `chain`) is ENS's universal resolver: what it answers
      // for an address without a name.
      const data = encodeErrorResult({ abi: parseAbi(['error ResolverNotFound(bytes name)']), errorName: 'ResolverNotFound', args: ['0x'] });
      throw Object.assign(new Error('execution reverted'), { code: 3, data });
    },
  });
  // Mainnet without Multicall3, so that a balance is a plain `eth_getBalance` rather than a batched contract call.
  const chain = { ...mainnet, contracts: { ensUniversalResolver: mainnet.contracts.ensUniversalResolver } };
  const config: Config = createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: rpc },
    storage: createStorage({ storage: sessionStorage, key: 'host' }),
  });
  const modal = createWeb3Modal({
    wagmiConfig: config,
    projectId: 'host-project-id',
    metadata: { name: 'Host page', description: 'Host page', url: location.origin, icons: [] },
    enableAnalytics: false,
    enableOnramp: false,
    enableSwaps: false,
  });
  // Web3Modal defines `<w3m-modal>` from a chunk of its own, shortly after `createWeb3Modal`.
  const modalClass = await customElements.whenDefined('w3m-modal');
  return { config, modal, modalClass };
}

/** Module files this page fetched: under vitest each lazy chunk of the widget is a source file of its own. */
export function fetchedModules(): string[] {
  return performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
}

/** Removes what Web3Modal and WalletConnect left in localStorage, which outlives the page. */
export function localStorageCleaner(): () => void {
  const before = new Set(Object.keys(localStorage));
  return () => {
    for (const key of Object.keys(localStorage)) if (!before.has(key)) localStorage.removeItem(key);
  };
}
