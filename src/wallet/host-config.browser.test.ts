import { connect, createConfig, disconnect, injected, type Config } from '@wagmi/core';
import { custom, recoverMessageAddress } from 'viem';
import { mainnet, sepolia } from 'viem/chains';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OTHER_PRIVATE_KEY, TEST_PRIVATE_KEY, otherAccount, testAccount } from '../../test/support/accounts.js';
import { installTestWallet } from '../../test/support/test-wallet.js';
import { TrussetVerifyError } from '../errors/base.js';
import { createHostSession } from './host-config.js';
import { loadWallet } from './load.js';
import type { WalletAccount, WalletSession } from './types.js';

function signal(): AbortSignal {
  return new AbortController().signal;
}

describe("wallet layer, a host page's wagmi config", () => {
  sessionStorage.clear();
  const wallet = installTestWallet({ rdns: 'org.trusset.host-wallet', name: 'Host Wallet' });
  // What a partner's page would have: its own config, its own connector, its own transports.
  const createHostConfig = (): Config =>
    createConfig({
      chains: [mainnet, sepolia],
      connectors: [injected({ target: () => ({ id: 'hostWallet', name: 'Host Wallet', provider: wallet.provider as never }) })],
      transports: { [mainnet.id]: custom(wallet.provider), [sepolia.id]: custom(wallet.provider) },
      multiInjectedProviderDiscovery: false,
      storage: null,
    });
  const hostConfig = createHostConfig();
  let session: WalletSession;
  let firstAttempt: unknown;

  beforeAll(async () => {
    firstAttempt = await loadWallet({ chainId: 1, projectId: undefined, appName: 'Host tests', appIcon: undefined, wagmiConfig: {} }).catch((reason: unknown) => reason);
    await connect(hostConfig, { connector: hostConfig.connectors[0]! });
    session = await loadWallet({ chainId: 1, projectId: 'ignored-when-the-host-has-a-config', appName: 'Host tests', appIcon: undefined, wagmiConfig: hostConfig });
  });

  afterEach(() => {
    wallet.behaviour.rejectSignature = false;
    wallet.switchAccount(TEST_PRIVATE_KEY);
  });

  it('forgets a failed load, so that the next attempt (Retry) loads again', () => {
    expect(firstAttempt).toBeInstanceOf(TrussetVerifyError);
    expect((firstAttempt as TrussetVerifyError).code).toBe('CONFIG_INVALID');
    expect(session.source).toBe('host');
  });

  it("uses the host's connection and skips the connect step", async () => {
    const requested = wallet.count('eth_requestAccounts');

    const account = await session.connect({ kind: 'modal' }, signal());

    expect(session.source).toBe('host');
    expect(session.account()).toEqual({ address: testAccount.address, chainId: 1 });
    expect(account).toEqual(session.account());
    expect(wallet.count('eth_requestAccounts')).toBe(requested);
    expect(session.injectedWallets()).toEqual([]);
  });

  it("signs through the connector's provider", async () => {
    const account = session.account()!;

    const signature = await session.signMessage(account, 'Sign in to host.example', signal());

    expect(await recoverMessageAddress({ message: 'Sign in to host.example', signature })).toBe(testAccount.address);
    expect(wallet.requests.at(-1)?.method).toBe('personal_sign');
  });

  it('reports a declined signature as USER_REJECTED', async () => {
    wallet.behaviour.rejectSignature = true;

    const error = await session.signMessage(session.account()!, 'Sign in', signal()).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(TrussetVerifyError);
    expect((error as TrussetVerifyError).code).toBe('USER_REJECTED');
  });

  it("switches chain through the provider and reports the host's changes", async () => {
    const seen: (WalletAccount | undefined)[] = [];
    const unwatch = session.watch((account) => seen.push(account));

    await session.switchChain(11155111, signal());
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    wallet.switchAccount(OTHER_PRIVATE_KEY);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await session.switchChain(1, signal());
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    unwatch();

    expect(seen).toEqual([
      { address: testAccount.address, chainId: 11155111 },
      { address: otherAccount.address, chainId: 11155111 },
      { address: otherAccount.address, chainId: 1 },
    ]);
  });

  it("reports the host disconnecting, and connects through the host's injected connector when asked", async () => {
    const seen: (WalletAccount | undefined)[] = [];
    const unwatch = session.watch((account) => seen.push(account));

    await disconnect(hostConfig);
    await vi.waitFor(() => expect(seen).toEqual([undefined]));
    const account = await session.connect({ kind: 'modal' }, signal());
    unwatch();

    expect(account).toEqual({ address: testAccount.address, chainId: 1 });
    expect(hostConfig.state.status).toBe('connected');
    expect(seen).toEqual([undefined, { address: testAccount.address, chainId: 1 }]);
  });

  it("leaves the host's connection alone when the widget lets go", async () => {
    await session.disconnect();

    expect(hostConfig.state.status).toBe('connected');
    expect(session.account()?.address).toBe(testAccount.address);
  });

  it('tells a host config that never connected about the connection it made', async () => {
    const freshConfig = createHostConfig();
    const fresh = await createHostSession({ wagmiConfig: freshConfig });

    const account = await fresh.connect({ kind: 'modal' }, signal());

    expect(account).toEqual({ address: testAccount.address, chainId: 1 });
    expect(freshConfig.state.status).toBe('connected');
    expect(fresh.account()).toEqual(account);
  });

  it('refuses a value that is not a wagmi config, saying what it expected', async () => {
    const error = await createHostSession({ wagmiConfig: { chains: [] } }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(TrussetVerifyError);
    expect((error as TrussetVerifyError).code).toBe('CONFIG_INVALID');
    expect((error as TrussetVerifyError).metaMessages).toEqual(['Expected: the Config that createConfig() returns (wagmi 2 or 3)', 'Received: an object with chains']);
  });
});
