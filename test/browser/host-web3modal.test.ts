import { page, userEvent } from 'vitest/browser';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installTestWallet } from '../support/test-wallet.js';
import { fetchedModules, localStorageCleaner, startHostWeb3Modal } from './host-web3modal-page.js';

// A page of its own: Web3Modal defines its elements (`w3m-modal`, `wui-*`) once per page.
sessionStorage.clear();
const cleanLocalStorage = localStorageCleaner();
const wallet = installTestWallet();
// A second installed wallet, so that the widget shows its list rather than connecting the only one.
const secondWallet = installTestWallet({ rdns: 'org.trusset.second-wallet', name: 'Second Wallet', setWindowEthereum: false });
// The host's Web3Modal runs before the widget's code is even imported.
const host = await startHostWeb3Modal(wallet);
const { mountWidget } = await import('./fixture.js');

afterAll(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  sessionStorage.clear();
  cleanLocalStorage();
});

describe('<trusset-verify project-id> on a page that already runs its own Web3Modal (or Reown AppKit)', () => {
  it("shows its built-in wallet list, says so in one log line and leaves the host's Web3Modal working", async () => {
    const info = vi.spyOn(console, 'info');
    const hostStateBefore = { ...host.modal.getState() };

    const widget = await mountWidget({ attributes: { 'project-id': 'test-project-id', country: 'DE' } });
    await userEvent.click(await widget.find('[part=connect-button]'));
    const list = page.getByRole('list', { name: 'Choose a wallet' });
    await expect.element(list).toBeVisible();
    const rows = list
      .getByRole('button')
      .elements()
      .map((row) => row.textContent?.trim());
    await list.getByRole('button', { name: wallet.info.name }).click();
    await widget.until('ready');
    const lines = info.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('trusset-verify'));
    info.mockRestore();

    expect(rows).toEqual([wallet.info.name, secondWallet.info.name]);
    expect(widget.events.find((event) => event.type === 'trusset-connect')?.detail).toEqual({ address: wallet.address, chainId: 1 });
    expect(await widget.find('[part=email-input]')).toBeTruthy();
    expect(lines).toEqual([expect.stringMatching(/already runs Web3Modal or AppKit/)]);
    // No second Web3Modal client: the widget's Web3Modal module was neither run nor preloaded,
    // while its built-in list's module was (so this way of looking does see lazy chunks).
    expect(fetchedModules()).toContainEqual(expect.stringMatching(/\/src\/wallet\/injected\.ts$/));
    expect(fetchedModules()).not.toContainEqual(expect.stringMatching(/\/src\/wallet\/web3modal\.ts$/));
    expect(customElements.get('w3m-modal')).toBe(host.modalClass);
    expect(document.querySelectorAll('w3m-modal')).toHaveLength(1);
    // The widget never opened or steered the host's modal.
    expect(host.modal.getState()).toEqual(hostStateBefore);
    expect(host.modal.getState().open).toBe(false);

    // Its Connect view: the host's wagmi may already follow the wallet the widget connected
    // (an injected connector listens for `accountsChanged`), which would open the account view.
    await host.modal.open({ view: 'Connect' });
    const hostRow = page.getByTestId(`wallet-selector-${wallet.info.rdns}`);
    await expect.element(hostRow, { timeout: 15_000 }).toBeVisible();
    expect(document.querySelectorAll('w3m-modal')).toHaveLength(1);
    expect(host.modal.getState().open).toBe(true);
    await host.modal.close();

    await vi.waitFor(() => expect(page.getByTestId('w3m-header-close').query()).toBeNull(), { timeout: 5_000 });
    expect(host.modal.getState().open).toBe(false);
    expect(widget.el.status).toBe('ready');
  });
});
