import { recoverMessageAddress } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OTHER_PRIVATE_KEY, TEST_PRIVATE_KEY, otherAccount, testAccount } from '../../test/support/accounts.js';
import { installTestWallet } from '../../test/support/test-wallet.js';
import { TrussetVerifyError } from '../errors/base.js';
import { createInjectedSession } from './injected.js';
import { isWeb3ModalDefinedByHost, loadWallet, prefetchWeb3Modal } from './load.js';
import type { WalletAccount, WalletOptions, WalletSession } from './types.js';

const OPTIONS: WalletOptions = { chainId: 1, projectId: undefined, appName: 'Wallet tests', appIcon: undefined, wagmiConfig: undefined };
const RDNS = 'org.trusset.test-wallet';

function signal(): AbortSignal {
  return new AbortController().signal;
}

async function failure(promise: Promise<unknown>): Promise<TrussetVerifyError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TrussetVerifyError);
  return error as TrussetVerifyError;
}

describe('wallet layer, built-in list (no project id)', () => {
  sessionStorage.clear();
  const wallet = installTestWallet();
  let session: WalletSession;

  beforeAll(async () => {
    session = await loadWallet(OPTIONS);
  });

  afterEach(async () => {
    Object.assign(wallet.behaviour, { rejectConnect: false, rejectSignature: false, rejectSwitch: false, holdSignatures: false, unknownChains: [], ignoreRevoke: false });
    await session.disconnect();
    wallet.setChain(1);
  });

  afterAll(() => {
    sessionStorage.clear();
  });

  it('discovers the wallet that announced itself through EIP-6963', () => {
    expect(session.source).toBe('injected');
    expect(session.injectedWallets()).toEqual([{ rdns: RDNS, name: 'Test Wallet', icon: wallet.info.icon }]);
    expect(session.account()).toBeUndefined();
  });

  it('gives every caller on the page the same session', async () => {
    const again = await loadWallet({ ...OPTIONS, chainId: 11155111 });

    expect(again).toBe(session);
  });

  it('connects the wallet the user picked', async () => {
    const account = await session.connect({ kind: 'injected', rdns: RDNS }, signal());

    expect(account).toEqual({ address: testAccount.address, chainId: 1 });
    expect(session.account()).toEqual(account);
    expect(wallet.count('eth_requestAccounts')).toBeGreaterThan(0);
  });

  it('keeps the connection in session storage under its own keys only', async () => {
    const before = Object.keys(localStorage);

    await session.connect({ kind: 'injected', rdns: RDNS }, signal());

    const keys = Object.keys(sessionStorage);
    expect(keys).toContain('trusset-verify.store');
    expect(keys).toContain('trusset-verify.recentConnectorId');
    expect(keys.every((key) => key.startsWith('trusset-verify.'))).toBe(true);
    expect(Object.keys(localStorage)).toEqual(before);
  });

  it("restores this tab's connection on the next load", async () => {
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());

    const reloaded = await createInjectedSession(OPTIONS);
    const restored = reloaded.account();
    await reloaded.disconnect();

    expect(restored).toEqual({ address: testAccount.address, chainId: 1 });
  });

  it('does not restore a wallet the user disconnected, even one that keeps the site authorised', async () => {
    wallet.behaviour.ignoreRevoke = true;
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());
    await session.disconnect();

    const reloaded = await createInjectedSession(OPTIONS);

    expect(wallet.authorized).toBe(true);
    expect(sessionStorage.getItem(`trusset-verify.${RDNS}.disconnected`)).toBe('true');
    expect(reloaded.account()).toBeUndefined();
  });

  it('treats a declined connection as cancelled, not as an error', async () => {
    wallet.behaviour.rejectConnect = true;

    const account = await session.connect({ kind: 'injected', rdns: RDNS }, signal());

    expect(account).toBeUndefined();
    expect(session.account()).toBeUndefined();
  });

  it('reports a wallet that never announced itself as WALLET_NOT_FOUND', async () => {
    const error = await failure(session.connect({ kind: 'injected', rdns: 'com.example.absent' }, signal()));

    expect(error.code).toBe('WALLET_NOT_FOUND');
  });

  it("connects the only announced wallet when asked for the source's own picker", async () => {
    const account = await session.connect({ kind: 'modal' }, signal());

    expect(account?.address).toBe(testAccount.address);
  });

  it('signs with the connected account', async () => {
    const account = (await session.connect({ kind: 'injected', rdns: RDNS }, signal()))!;

    const signature = await session.signMessage(account, 'Sign in to test.example', signal());

    expect(await recoverMessageAddress({ message: 'Sign in to test.example', signature })).toBe(testAccount.address);
  });

  it('reports a declined signature as USER_REJECTED', async () => {
    const account = (await session.connect({ kind: 'injected', rdns: RDNS }, signal()))!;
    wallet.behaviour.rejectSignature = true;

    const error = await failure(session.signMessage(account, 'Sign in', signal()));

    expect(error.code).toBe('USER_REJECTED');
    expect(error.name).toBe('UserRejectedError');
  });

  it('stops waiting for a signature when the work is aborted, and drops the late answer', async () => {
    const account = (await session.connect({ kind: 'injected', rdns: RDNS }, signal()))!;
    wallet.behaviour.holdSignatures = true;
    const controller = new AbortController();
    const signing = session.signMessage(account, 'Sign in', controller.signal);
    await vi.waitFor(() => expect(wallet.heldSignatures).toBe(1));

    controller.abort();
    const error = await signing.catch((reason: unknown) => reason);
    wallet.releaseSignature();

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('switches the wallet to another chain and reports it', async () => {
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());
    const seen: (WalletAccount | undefined)[] = [];
    const unwatch = session.watch((account) => seen.push(account));

    await session.switchChain(11155111, signal());
    unwatch();

    expect(wallet.chainId).toBe(11155111);
    expect(session.account()).toEqual({ address: testAccount.address, chainId: 11155111 });
    expect(seen).toEqual([{ address: testAccount.address, chainId: 11155111 }]);
  });

  it('reports a declined chain switch as USER_REJECTED', async () => {
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());
    wallet.behaviour.rejectSwitch = true;

    const error = await failure(session.switchChain(11155111, signal()));

    expect(error.code).toBe('USER_REJECTED');
    expect(wallet.chainId).toBe(1);
  });

  it('reports a chain the wallet does not know as WRONG_CHAIN, without offering to add it', async () => {
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());
    wallet.behaviour.unknownChains = [31337];

    const error = await failure(session.switchChain(31337, signal()));

    expect(error.code).toBe('WRONG_CHAIN');
    expect(error.metaMessages).toEqual(['Expected chain: 31337', 'Wallet chain: 1']);
    expect(wallet.count('wallet_addEthereumChain')).toBe(0);
  });

  it('reports an account switch, a chain change and a disconnection made in the wallet', async () => {
    await session.connect({ kind: 'injected', rdns: RDNS }, signal());
    const seen: (WalletAccount | undefined)[] = [];
    const unwatch = session.watch((account) => seen.push(account));

    wallet.switchAccount(OTHER_PRIVATE_KEY);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    wallet.setChain(11155111);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    wallet.disconnect();
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    unwatch();
    wallet.switchAccount(TEST_PRIVATE_KEY);

    expect(seen).toEqual([{ address: otherAccount.address, chainId: 1 }, { address: otherAccount.address, chainId: 11155111 }, undefined]);
    expect(session.account()).toBeUndefined();
  });

  it('preloads the Web3Modal chunk without running it', async () => {
    expect(isWeb3ModalDefinedByHost()).toBe(false);

    const preloads = () => [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter((link) => link.href.includes('/wallet/web3modal'));

    prefetchWeb3Modal();
    const link = preloads()[0];
    expect(link?.href).toMatch(/\/src\/wallet\/web3modal\.ts$/);
    await new Promise((resolve, reject) => {
      link!.addEventListener('load', resolve, { once: true });
      link!.addEventListener('error', reject, { once: true });
    });
    prefetchWeb3Modal();

    expect(preloads()).toHaveLength(1);
    expect(customElements.get('w3m-modal')).toBeUndefined();
    expect('process' in window || 'Buffer' in window || 'global' in window).toBe(false);
  });

  // Last: a second wallet stays announced for the rest of the page.
  it('lists every announced wallet and leaves the choice to the user when there are several', async () => {
    const changed = vi.fn();
    const unlisten = session.onInjectedWalletsChange(changed);

    const second = installTestWallet({ name: 'Second Wallet', rdns: 'org.trusset.second-wallet', setWindowEthereum: false });
    await vi.waitFor(() => expect(session.injectedWallets()).toHaveLength(2));
    const account = await session.connect({ kind: 'modal' }, signal());
    unlisten();
    second.uninstall();

    expect(changed).toHaveBeenCalled();
    expect(session.injectedWallets().map((each) => each.name)).toEqual(['Test Wallet', 'Second Wallet']);
    expect(account).toBeUndefined();
  });
});
