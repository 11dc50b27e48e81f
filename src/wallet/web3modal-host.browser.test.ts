import { afterAll, describe, expect, it, vi } from 'vitest';
import { installTestWallet } from '../../test/support/test-wallet.js';
import { isWeb3ModalDefinedByHost, loadWallet } from './load.js';

// A page of its own: the host's `<w3m-modal>` stays defined for the page's life.
describe('wallet layer, on a page that already runs Web3Modal or AppKit', () => {
  sessionStorage.clear();
  customElements.define('w3m-modal', class HostModal extends HTMLElement {});
  installTestWallet();

  afterAll(() => {
    sessionStorage.clear();
  });

  it('does not start a Web3Modal of its own: the built-in list, and one line saying why', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);

    const session = await loadWallet({ chainId: 1, projectId: 'test-project-id', appName: 'Trusset tests', appIcon: undefined, wagmiConfig: undefined });
    const lines = info.mock.calls.map((call) => call.join(' '));
    info.mockRestore();

    expect(isWeb3ModalDefinedByHost()).toBe(true);
    expect(session.source).toBe('injected');
    expect(session.injectedWallets()).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/already runs Web3Modal or AppKit/);
    expect('process' in window || 'Buffer' in window).toBe(false);
  });
});
