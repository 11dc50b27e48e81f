import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, http, type Abi, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { resolveConfig } from 'hardhat/internal/core/config/config-resolution';
import { createProvider } from 'hardhat/internal/core/providers/construction';
import { JsonRpcServer } from 'hardhat/internal/hardhat-network/jsonrpc/server';
import type { ContractArtifact } from '../../scripts/compile-contracts.js';
import { TEST_PRIVATE_KEY, testAccount } from './accounts.js';

/** The committed artifact of test/contracts/OwnerWallet.sol (`npx tsx scripts/compile-contracts.ts`). */
export const ownerWalletArtifact = JSON.parse(readFileSync(new URL('../contracts/OwnerWallet.json', import.meta.url), 'utf8')) as ContractArtifact;

/** The committed artifact of test/contracts/OwnerWalletFactory.sol: CREATE2 `deploy(owner, salt)` and `addressOf(owner, salt)`. */
export const ownerWalletFactoryArtifact = JSON.parse(readFileSync(new URL('../contracts/OwnerWalletFactory.json', import.meta.url), 'utf8')) as ContractArtifact;

/** The committed artifact of test/contracts/IdentityRegistry.sol: `isVerified(address)`, `setVerified` for its owner. */
export const identityRegistryArtifact = JSON.parse(readFileSync(new URL('../contracts/IdentityRegistry.json', import.meta.url), 'utf8')) as ContractArtifact;

/** A running local chain: its JSON-RPC URL on 127.0.0.1, and a way to stop it. */
export interface LocalChain {
  rpcUrl: string;
  /** Deploys an OwnerWallet (EIP-1271) owned by `owner`, from the funded test account; resolves to its address. */
  deployOwnerWallet(owner: Address): Promise<Address>;
  /** Deploys an OwnerWalletFactory, whose wallets have an address before they have code (ERC-6492); resolves to its address. */
  deployOwnerWalletFactory(): Promise<Address>;
  /** Has `factory` deploy the OwnerWallet of `owner` and `salt` (`factory.deploy`); resolves once the transaction is mined. */
  deployFromFactory(factory: Address, owner: Address, salt: Hex): Promise<void>;
  /** Deploys a fresh IdentityRegistry owned by the funded test account, where no wallet is verified yet. */
  deployRegistry(): Promise<Address>;
  /** Marks `address` verified or not in `registry` (as its owner); resolves once the transaction is mined. */
  setVerified(registry: Address, address: Address, verified: boolean): Promise<void>;
  /** Stops the node and closes its port; a second call is a no-op. */
  stop(): Promise<void>;
}

/**
 * Hardhat 2's in-process network (EDR) behind its own JSON-RPC server, on 127.0.0.1 and a free
 * port, as chain 1 (the kit's default SIWE chain), with `testAccount` funded. No project, no
 * config file, no network: the config is resolved in memory.
 */
export async function startLocalChain(): Promise<LocalChain> {
  // Hardhat wants an existing config file to root its project paths at; an unforked in-memory
  // network writes nothing there, so this module stands in for one.
  const config = resolveConfig(fileURLToPath(import.meta.url), {
    networks: {
      hardhat: {
        chainId: 1,
        accounts: [{ privateKey: TEST_PRIVATE_KEY, balance: '1000000000000000000000' }],
        loggingEnabled: false,
      },
    },
  });
  const provider = await createProvider(config, 'hardhat');
  const server = new JsonRpcServer({ hostname: '127.0.0.1', port: 0, provider });
  const { address, port } = await server.listen();
  const rpcUrl = `http://${address}:${port}`;
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain: mainnet, transport });
  const walletClient = createWalletClient({ chain: mainnet, transport, account: testAccount });
  let stopped: Promise<void> | undefined;
  // One transaction at a time from the one test account: two in flight could take the same nonce.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(send: () => Promise<T>): Promise<T> {
    const next = queue.then(send, send);
    queue = next.catch(() => undefined);
    return next;
  }
  async function deploy(artifact: ContractArtifact, args: readonly unknown[]): Promise<Address> {
    const hash = await walletClient.deployContract({ abi: artifact.abi as Abi, bytecode: artifact.bytecode as Hex, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`${artifact.contractName} deployment failed: ${receipt.status}`);
    return receipt.contractAddress;
  }
  return {
    rpcUrl,
    deployOwnerWallet: (owner) => serial(() => deploy(ownerWalletArtifact, [owner])),
    deployOwnerWalletFactory: () => serial(() => deploy(ownerWalletFactoryArtifact, [])),
    deployFromFactory: (factory, owner, salt) =>
      serial(async () => {
        const hash = await walletClient.writeContract({ address: factory, abi: ownerWalletFactoryArtifact.abi as Abi, functionName: 'deploy', args: [owner, salt] });
        const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
        if (receipt.status !== 'success') throw new Error(`factory deploy failed: ${receipt.status}`);
      }),
    deployRegistry: () => serial(() => deploy(identityRegistryArtifact, [])),
    setVerified: (registry, address, verified) =>
      serial(async () => {
        const hash = await walletClient.writeContract({ address: registry, abi: identityRegistryArtifact.abi as Abi, functionName: 'setVerified', args: [address, verified] });
        const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
        if (receipt.status !== 'success') throw new Error(`setVerified failed: ${receipt.status}`);
      }),
    stop() {
      stopped ??= server.close();
      return stopped;
    },
  };
}
