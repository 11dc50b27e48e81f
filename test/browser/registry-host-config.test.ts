import { connect, createConfig, http, injected, type Config } from '@wagmi/core';
import { mainnet, sepolia } from 'viem/chains';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { expectNoAxeViolations } from './a11y-fixture.js';
import { backend, chain, mountWidget, testWallet, watchStrayErrors, type Widget } from './fixture.js';

// The identity registry (docs/element.md, the `registry` attribute) through the host's wagmi config: `registry` set, no `rpc-url`, and the host's
// `wagmiConfig` whose transport for chain 1 is the local hardhat chain (chain id 1). The widget
// must read the registry through that transport and through nothing else.

const stray = watchStrayErrors();

// A page of its own: the wallet session (here: the host's config) is shared per page.
for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
const wallet = testWallet({ rdns: 'org.trusset.host-wallet', name: 'Host Wallet' });

let rpcUrl: string;
let deadRpcUrl: string;
let hostConfig: Config;
/** JSON-RPC bodies the host's chain-1 transport sent. */
const hostRpcBodies: string[] = [];

beforeAll(async () => {
  ({ rpcUrl } = await chain.start());
  // Another chain of the host, on an RPC that refuses every connection: it must never be asked.
  deadRpcUrl = await chain.deadRpc();
  hostConfig = createConfig({
    chains: [mainnet, sepolia],
    connectors: [injected({ target: () => ({ id: 'hostWallet', name: 'Host Wallet', provider: wallet.provider as never }) })],
    transports: {
      [mainnet.id]: http(rpcUrl, { onFetchRequest: async (request) => void hostRpcBodies.push(await request.clone().text()) }),
      [sepolia.id]: http(deadRpcUrl),
    },
    multiInjectedProviderDiscovery: false,
    storage: null,
  });
  // The host connected its wallet before the widget arrives.
  await connect(hostConfig, { connector: hostConfig.connectors[0]! });
});
afterAll(() => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
});

/** Every URL the page fetched (fetch itself, and the browser's resource timing for anything else). */
let fetched: string[];
let observer: PerformanceObserver;
const realFetch = window.fetch;
beforeEach(() => {
  fetched = [];
  hostRpcBodies.length = 0;
  window.fetch = (input, init) => {
    fetched.push(input instanceof Request ? input.url : String(new URL(String(input), location.href)));
    return realFetch(input, init);
  };
  observer = new PerformanceObserver((list) => fetched.push(...list.getEntries().map((entry) => entry.name)));
  observer.observe({ type: 'resource', buffered: false });
});
afterEach(() => {
  window.fetch = realFetch;
  observer.disconnect();
});

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type).map((event) => event.detail);
}

/** The widget, mounted after the host connected: it checks the registry at once (no Connect). */
async function checked(registry: `0x${string}`): Promise<Widget> {
  const widget = await mountWidget({ attributes: { registry }, properties: { wagmiConfig: hostConfig } });
  const deadline = Date.now() + 15_000;
  while (['idle', 'connecting', 'checking'].includes(widget.el.status)) {
    if (Date.now() > deadline) throw new Error(`the registry read did not end (status ${widget.el.status})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await widget.el.updateComplete;
  return widget;
}

/** The read went out through the host's chain-1 transport, and no request left the page for any other RPC. */
function expectOnlyTheHostsRpc(registry: `0x${string}`): void {
  const calls = hostRpcBodies.flatMap((body) => [JSON.parse(body)].flat() as { method: string; params: unknown[] }[]);
  expect(calls.filter((call) => call.method === 'eth_call').map((call) => (call.params[0] as { to: string }).to.toLowerCase())).toEqual([registry.toLowerCase()]);
  expect(calls.map((call) => call.method)).toContain('eth_chainId');
  const elsewhere = fetched.filter((url) => new URL(url).origin !== location.origin);
  expect(elsewhere.length).toBeGreaterThan(0);
  expect(new Set(elsewhere.map((url) => new URL(url).origin))).toEqual(new Set([new URL(rpcUrl).origin]));
  // Nor through the wallet: its provider is not the host's RPC.
  expect(wallet.count('eth_call')).toBe(0);
}

describe("<trusset-verify> reads the registry through the host's wagmiConfig (no rpc-url)", () => {
  it('says "already verified" to a wallet the registry lists: trusset-verified, no form', async () => {
    const { registry } = await chain.start();
    await chain.setVerified(registry, wallet.address, true);
    expect(hostConfig.state.status).toBe('connected');

    const widget = await checked(registry);

    expect(widget.el.status).toBe('verified');
    expect(eventsOf(widget, 'trusset-state-change').map((change) => change.status)).toContain('checking');
    expect(eventsOf(widget, 'trusset-verified')).toEqual([{ address: wallet.address, chainId: 1 }]);
    expect((await widget.find('[part=verified]')).textContent).toContain(en.verified);
    expect(widget.root.querySelector('[part=form]')).toBeNull();
    expect(eventsOf(widget, 'trusset-error')).toEqual([]);
    expect(await backend.links()).toEqual([]);
    expectOnlyTheHostsRpc(registry);
    await expectNoAxeViolations(widget.el, 'verified');
    stray.expectNone();
  });

  it('shows the form to a wallet the registry does not list, after checking', async () => {
    // A fresh registry on the same chain: nobody is listed there.
    const { registry } = await chain.start();

    const widget = await checked(registry);

    expect(widget.el.status).toBe('ready');
    expect(eventsOf(widget, 'trusset-state-change').map((change) => change.status)).toContain('checking');
    expect(eventsOf(widget, 'trusset-verified')).toEqual([]);
    expect(eventsOf(widget, 'trusset-error')).toEqual([]);
    expect(await widget.find('[part=email-input]')).not.toBeNull();
    expect(widget.root.querySelector('[part=verified]')).toBeNull();
    expectOnlyTheHostsRpc(registry);
    await expectNoAxeViolations(widget.el, 'the form after checking');
    stray.expectNone();
  });
});
