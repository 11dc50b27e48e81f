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
describe('wallet layer, Web3Modal whose wallet-list request hangs', () => {
  sessionStorage.clear();
  const wallet = installTestWallet();
  // A black-holed network: the request neither answers nor fails, until the test lets it go on.
  const realFetch = window.fetch;
  const hung: (() => Promise<unknown>)[] = [];
  window.fetch = (input, init) => {
    if (new URL(new Request(input).url).host !== 'api.web3modal.org') return realFetch(input, init);
    return new Promise((resolve, reject) => hung.push(() => realFetch(input, init).then(resolve, reject)));
  };
  let session: WalletSession;

  beforeAll(async () => {
    session = await loadWallet({ chainId: 1, projectId: 'test-project-id', appName: 'Trusset tests', appIcon: undefined, wagmiConfig: undefined });
  });

  afterAll(() => {
    window.fetch = realFetch;
    sessionStorage.clear();
  });

  it('falls back to the built-in list when no modal shows 3 s after open(), and connects the one wallet', async () => {
    const listChanged = vi.fn();
    session.onInjectedWalletsChange(listChanged);
    expect(session.source).toBe('web3modal');
    const started = performance.now();

    const account = await session.connect({ kind: 'modal' }, signal());

    expect(performance.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(hung.length).toBeGreaterThan(0);
    expect(account).toEqual({ address: testAccount.address, chainId: 1 });
    expect(session.source).toBe('injected');
    expect(session.injectedWallets().map((each) => each.rdns)).toEqual(['org.trusset.test-wallet']);
    expect(listChanged).toHaveBeenCalled();
    expect(document.querySelector('w3m-modal')).toBeNull();
  });

  it('keeps Web3Modal from showing when the hung request finally ends', async () => {
    await Promise.allSettled(hung.splice(0).map((release) => release()));
    await new Promise((resolve) => requestAnimationFrame(resolve));

    expect(document.querySelector('w3m-modal')).toBeNull();
    expect(page.getByTestId('w3m-header-close').query()).toBeNull();
  });

  it('stays the built-in list: the next connect goes straight to the wallet', async () => {
    await session.disconnect();
    const started = performance.now();

    const account = await session.connect({ kind: 'modal' }, signal());

    expect(performance.now() - started).toBeLessThan(3_000);
    expect(account?.address).toBe(testAccount.address);
    expect(wallet.count('eth_requestAccounts')).toBe(2);
  });
});
