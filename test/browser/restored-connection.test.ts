import { userEvent } from 'vitest/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { backend, disconnectWhileSigning, mountWidget, testWallet, watchStrayErrors } from './fixture.js';

// After a reload in the same tab, wagmi restores the connection this tab had (session storage)
// with a wallet that still authorises the site. This page starts in that state: the storage a
// connected tab leaves behind, and a wallet that answers `eth_accounts` at once.

const stray = watchStrayErrors();

beforeAll(() => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
  const wallet = testWallet({ authorized: true });
  // What wagmi wrote in this tab before the reload (captured from a real connection of this wallet).
  const connection = { accounts: [wallet.address], chainId: 1, connector: { id: wallet.info.rdns, name: wallet.info.name, type: 'injected', uid: 'a88849da364' } };
  const store = { state: { connections: { __type: 'Map', value: [[connection.connector.uid, connection]] }, chainId: 1, current: connection.connector.uid }, version: 2 };
  sessionStorage.setItem('trusset-verify.store', JSON.stringify(store));
  sessionStorage.setItem('trusset-verify.recentConnectorId', JSON.stringify(wallet.info.rdns));
});

describe('<trusset-verify> on a restored connection (after a reload)', () => {
  it('connects to the restored wallet and still drops a signing when that wallet disconnects meanwhile', async () => {
    const wallet = testWallet();
    const widget = await mountWidget();
    await userEvent.click(await widget.find('[part=connect-button]'));
    await widget.until('ready');
    expect(wallet.count('eth_requestAccounts')).toBe(0);
    await userEvent.type(await widget.find('[part=email-input]'), 'ada.lovelace@example.com');
    await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), 'FR');

    await disconnectWhileSigning(widget, wallet);

    expect(widget.events.filter((event) => event.type === 'trusset-disconnect')).toHaveLength(1);
    expect(widget.events.filter((event) => event.type === 'trusset-error')).toEqual([]);
    expect(await backend.links()).toEqual([]);
    stray.expectNone();
  });
});
