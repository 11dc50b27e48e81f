import { userEvent } from 'vitest/browser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installTestWallet } from '../support/test-wallet.js';
import { fetchedModules, localStorageCleaner, startHostWeb3Modal } from './host-web3modal-page.js';

// A page of its own: Web3Modal defines its elements (`w3m-modal`, `wui-*`) once per page.
sessionStorage.clear();
const cleanLocalStorage = localStorageCleaner();
const wallet = installTestWallet();
// The host's Web3Modal runs before the widget's code is even imported.
const host = await startHostWeb3Modal(wallet);
const { backend, mountWidget } = await import('./fixture.js');

beforeAll(() => backend.reset());
afterAll(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  sessionStorage.clear();
  cleanLocalStorage();
});

describe('<trusset-verify> given the wagmiConfig of a page that runs its own Web3Modal (or Reown AppKit)', () => {
  it("connects through the host's config, which then holds the account, and creates the link", async () => {
    expect(host.config.state.status).toBe('disconnected');

    const widget = await mountWidget({ attributes: { 'project-id': 'test-project-id', country: 'DE' }, properties: { wagmiConfig: host.config } });
    await userEvent.click(await widget.find('[part=connect-button]'));
    await widget.until('ready');

    expect(widget.events.find((event) => event.type === 'trusset-connect')?.detail).toEqual({ address: wallet.address, chainId: 1 });
    expect(host.config.state.status).toBe('connected');
    expect(host.config.state.connections.get(host.config.state.current!)?.accounts).toEqual([wallet.address]);
    // The host's Web3Modal saw its config connect, as if its own button had done it.
    await vi.waitFor(() => expect(host.modal.getCaipAddress()).toBe(`eip155:1:${wallet.address}`));
    expect(fetchedModules()).toContainEqual(expect.stringMatching(/\/src\/wallet\/host-config\.ts$/));
    expect(fetchedModules()).not.toContainEqual(expect.stringMatching(/\/src\/wallet\/(web3modal|injected)\.ts$/));
    expect(document.querySelectorAll('w3m-modal')).toHaveLength(1);
    expect(host.modal.getState().open).toBe(false);

    await userEvent.type(await widget.find('[part=email-input]'), 'host@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');

    const links = await backend.links();
    expect(links).toHaveLength(1);
    expect(links[0]?.walletAddress).toBe(wallet.address);
    expect(widget.events.find((event) => event.type === 'trusset-link-created')?.detail.url).toBe(links[0]?.url);
    expect(wallet.count('personal_sign')).toBe(1);
    expect(host.config.state.status).toBe('connected');
  });
});
