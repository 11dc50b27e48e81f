import { recoverMessageAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { testAccount } from '../../test/support/accounts.js';
import { installTestWallet } from '../../test/support/test-wallet.js';
import { loadWallet } from './load.js';
import type { WalletSession } from './types.js';

function signal(): AbortSignal {
  return new AbortController().signal;
}

// A page of its own: Web3Modal defines its elements and its client once per page.
describe('wallet layer, Web3Modal (project id set, offline)', () => {
  sessionStorage.clear();
  const wallet = installTestWallet();
  // Passes every request through; records where the page went.
  const fetched: string[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    fetched.push(new Request(input).url);
    return realFetch(input, init);
  };
  let session: WalletSession;

  beforeAll(async () => {
    session = await loadWallet({ chainId: 1, projectId: 'test-project-id', appName: 'Trusset tests', appIcon: undefined, wagmiConfig: undefined });
  });

  afterAll(() => {
    window.fetch = realFetch;
    sessionStorage.clear();
  });

  it('is the Web3Modal source, which draws its own wallet rows', () => {
    expect(session.source).toBe('web3modal');
    expect(session.injectedWallets()).toEqual([]);
  });

  it('resolves without an account when the user closes the modal', async () => {
    const connecting = session.connect({ kind: 'modal' }, signal());

    await page.getByTestId('w3m-header-close').click();

    expect(await connecting).toBeUndefined();
    expect(session.account()).toBeUndefined();
  });

  it('closes the modal when the work is aborted', async () => {
    const controller = new AbortController();
    const connecting = session.connect({ kind: 'modal' }, controller.signal);
    await expect.element(page.getByTestId('w3m-header-close')).toBeVisible();

    controller.abort();
    const error = await connecting.catch((reason: unknown) => reason);

    expect((error as DOMException).name).toBe('AbortError');
    await vi.waitFor(() => expect(page.getByTestId('w3m-header-close').query()).toBeNull());
  });

  it('lists the installed wallet, connects the one clicked and closes', async () => {
    const connecting = session.connect({ kind: 'modal' }, signal());

    await page.getByTestId('wallet-selector-org.trusset.test-wallet').click();
    const account = await connecting;

    expect(account).toEqual({ address: testAccount.address, chainId: 1 });
    expect(session.account()).toEqual(account);
    await vi.waitFor(() => expect(page.getByTestId('w3m-header-close').query()).toBeNull());
  });

  it('answers a second connect with the connection it has, without opening the modal', async () => {
    const account = await session.connect({ kind: 'modal' }, signal());

    expect(account?.address).toBe(testAccount.address);
    expect(page.getByTestId('w3m-header-close').query()).toBeNull();
  });

  it('signs through the wallet it connected', async () => {
    const signature = await session.signMessage(session.account()!, 'Sign in through Web3Modal', signal());

    expect(await recoverMessageAddress({ message: 'Sign in through Web3Modal', signature })).toBe(testAccount.address);
  });

  it('reads the balance Web3Modal shows from the wallet, and calls no RPC or analytics host', () => {
    const hosts = new Set(fetched.map((url) => new URL(url).host));

    expect(wallet.count('eth_getBalance')).toBeGreaterThan(0);
    expect(hosts.has('api.web3modal.org')).toBe(true);
    expect([...hosts].filter((host) => host !== location.host && host !== 'api.web3modal.org' && host !== 'rpc.walletconnect.org')).toEqual([]);
  });
});
