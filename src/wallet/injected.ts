import { createConfig, type Config } from '@wagmi/core';
import type { WalletOptions } from './types.js';
import { chainFor, restoreConnection, walletClient, walletStorage, WagmiSession } from './wagmi-session.js';

/**
 * The built-in list (docs/architecture.md, "The wallet strategies", source 3): the wallets that announce themselves through
 * EIP-6963, and nothing else — no WalletConnect, no RPC of its own.
 */
export function createInjectedConfig(options: Pick<WalletOptions, 'chainId'>): Config {
  const config: Config = createConfig({
    chains: [chainFor(options.chainId)],
    connectors: [],
    multiInjectedProviderDiscovery: true,
    storage: walletStorage(),
    client: walletClient(() => config),
  });
  return config;
}

/**
 * The built-in list as a session. `config` is Web3Modal's own config when its modal did not show
 * (load.ts): it already discovers the same wallets and holds any connection made through it.
 */
export async function createInjectedSession(options: WalletOptions, config?: Config): Promise<WagmiSession> {
  const ownConfig = config ?? createInjectedConfig(options);
  if (!config) await restoreConnection(ownConfig);
  return new WagmiSession(ownConfig, 'injected');
}
