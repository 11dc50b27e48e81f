import { connect, createConfig, injected, type Config } from '@wagmi/core';
import { custom } from 'viem';
import { mainnet, sepolia } from 'viem/chains';
import { userEvent } from 'vitest/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, mountWidget, testWallet } from './fixture.js';

// A page of its own: the wallet session (here: the host's config) is shared per page.
sessionStorage.clear();
const wallet = testWallet({ rdns: 'org.trusset.host-wallet', name: 'Host Wallet' });

// What a partner's page would have: its own config, connector and transports (as in
// src/wallet/host-config.browser.test.ts).
const hostConfig: Config = createConfig({
  chains: [mainnet, sepolia],
  connectors: [injected({ target: () => ({ id: 'hostWallet', name: 'Host Wallet', provider: wallet.provider as never }) })],
  transports: { [mainnet.id]: custom(wallet.provider), [sepolia.id]: custom(wallet.provider) },
  multiInjectedProviderDiscovery: false,
  storage: null,
});

beforeAll(async () => {
  await backend.reset();
  // The host connected its wallet before the widget arrives.
  await connect(hostConfig, { connector: hostConfig.connectors[0]! });
});
afterAll(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  sessionStorage.clear();
});

describe("<trusset-verify> with a host page's wagmiConfig, already connected", () => {
  it("skips the connect step, signs through the host's connection and creates the link for its account", async () => {
    expect(hostConfig.state.status).toBe('connected');
    const connectRequests = wallet.count('eth_requestAccounts') + wallet.count('wallet_requestPermissions');

    const widget = await mountWidget({ attributes: { country: 'DE' }, properties: { wagmiConfig: hostConfig } });
    await widget.until('ready');

    // No click reached the widget: it never showed its wallet list or asked the wallet to connect.
    const statuses = widget.events.filter((event) => event.type === 'trusset-state-change').map((event) => event.detail.status);
    expect(statuses).not.toContain('connecting');
    expect(widget.root.querySelector('[part=connect-button]')).toBeNull();
    expect(wallet.count('eth_requestAccounts') + wallet.count('wallet_requestPermissions')).toBe(connectRequests);
    const connected = widget.events.filter((event) => event.type === 'trusset-connect');
    expect(connected).toHaveLength(1);
    expect(connected[0]?.detail).toEqual({ address: wallet.address, chainId: 1 });
    expect((await widget.find('[part=account] code')).getAttribute('title')).toBe(wallet.address);

    await userEvent.type(await widget.find('[part=email-input]'), 'host@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');

    const links = await backend.links();
    expect(links).toHaveLength(1);
    expect(links[0]?.walletAddress).toBe(wallet.address);
    expect(links[0]?.walletAddress).toBe(hostConfig.state.connections.get(hostConfig.state.current!)?.accounts[0]);
    expect(wallet.count('personal_sign')).toBe(1);
    expect(widget.events.find((event) => event.type === 'trusset-link-created')?.detail.url).toBe(links[0]?.url);
    // The widget left the host's connection as it was.
    expect(hostConfig.state.status).toBe('connected');
  });
});
