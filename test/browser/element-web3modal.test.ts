import { userEvent, page } from 'vitest/browser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backend, mountWidget, testWallet } from './fixture.js';

// A page of its own: Web3Modal defines its elements and its client once per page, and the
// wallet session is shared by every widget on the page.
sessionStorage.clear();
const wallet = testWallet();

beforeAll(() => backend.reset());
afterAll(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  sessionStorage.clear();
});

describe('<trusset-verify project-id> (Web3Modal, offline)', () => {
  it('runs Web3Modal only at the Connect click, connects the wallet picked in its modal and creates the link', async () => {
    const widget = await mountWidget({ attributes: { 'project-id': 'test-project-id', country: 'DE' } });
    const connectButton = await widget.find('[part=connect-button]');

    // Mounted, configured, idle: nothing of Web3Modal has run on the host page yet.
    expect(widget.el.status).toBe('idle');
    expect(customElements.get('w3m-modal')).toBeUndefined();
    expect((window as { process?: unknown }).process).toBeUndefined();
    expect((window as { Buffer?: unknown }).Buffer).toBeUndefined();

    await userEvent.click(connectButton);
    await widget.until('connecting');
    const row = page.getByTestId(`wallet-selector-${wallet.info.rdns}`);
    await expect.element(row, { timeout: 15_000 }).toBeVisible();
    // …and now it has (the checks above are not vacuous).
    expect(customElements.get('w3m-modal')).toBeDefined();
    expect((window as { process?: unknown }).process).toBeDefined();
    await row.click();

    await widget.until('ready');
    await vi.waitFor(() => expect(page.getByTestId('w3m-header-close').query()).toBeNull());
    expect(widget.events.find((event) => event.type === 'trusset-connect')?.detail).toEqual({ address: wallet.address, chainId: 1 });
    expect((await widget.find('[part=account] code')).getAttribute('title')).toBe(wallet.address);

    await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');

    const links = await backend.links();
    expect(links).toHaveLength(1);
    expect(links[0]?.walletAddress).toBe(wallet.address);
    const created = widget.events.find((event) => event.type === 'trusset-link-created');
    expect(created?.detail.url).toBe(links[0]?.url);
    const redirect = widget.events.find((event) => event.type === 'trusset-redirect');
    expect(redirect?.detail.url).toBe(links[0]?.url);
    expect(redirect?.defaultPrevented).toBe(true);
    expect(widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')?.href).toBe(links[0]?.url);
    expect(wallet.count('personal_sign')).toBe(1);
  });
});
