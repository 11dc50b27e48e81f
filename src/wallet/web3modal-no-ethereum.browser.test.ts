import { afterAll, describe, expect, it } from 'vitest';
import { installTestWallet } from '../../test/support/test-wallet.js';
import { loadWallet } from './load.js';

// A page of its own: the choice of source is made once per page.
describe('wallet layer, a project id and a wallet that announces itself without window.ethereum', () => {
  sessionStorage.clear();
  installTestWallet({ setWindowEthereum: false });

  afterAll(() => {
    sessionStorage.clear();
  });

  it('uses the built-in list, since Web3Modal 5.1.11 would hide that wallet', async () => {
    const session = await loadWallet({ chainId: 1, projectId: 'test-project-id', appName: 'Trusset tests', appIcon: undefined, wagmiConfig: undefined });

    expect('ethereum' in window).toBe(false);
    expect(session.source).toBe('injected');
    expect(session.injectedWallets().map((each) => each.name)).toEqual(['Test Wallet']);
    expect(customElements.get('w3m-modal')).toBeUndefined();
  });
});
