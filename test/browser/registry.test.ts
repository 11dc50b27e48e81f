import { userEvent } from 'vitest/browser';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeEnglish } from '../../src/i18n/en-later.js';
import { TEST_PRIVATE_KEY } from '../support/accounts.js';
import type { TestWallet } from '../support/test-wallet.js';
import { backend, chain, keepLinkOnPage, mountWidget, testWallet, waitFor, watchStrayErrors, type Widget } from './fixture.js';

// English with the groups the views after Connect bring.
const en = completeEnglish();

// The identity registry (docs/element.md, the `registry` attribute) on a real local chain (hardhat, chain id 1), read by
// the widget straight from Chromium through `rpc-url`.

const stray = watchStrayErrors();

beforeAll(() => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
});

let wallet: TestWallet;
let deployed: { rpcUrl: string; registry: `0x${string}` };
beforeEach(async () => {
  wallet = testWallet();
  wallet.switchAccount(TEST_PRIVATE_KEY);
  deployed = await chain.start();
});

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type).map((event) => event.detail);
}

function statuses(widget: Widget): string[] {
  return eventsOf(widget, 'trusset-state-change').map((change) => change.status);
}

async function connected(attributes: Record<string, string>): Promise<Widget> {
  const widget = await mountWidget({ attributes });
  await userEvent.click(await widget.find('[part=connect-button]'));
  await waitFor(() => widget.el.status !== 'connecting' && widget.el.status !== 'checking' && widget.el.status !== 'idle', 'the registry read');
  await widget.el.updateComplete;
  return widget;
}

describe('<trusset-verify> and the identity registry', () => {
  it('shows the form to a wallet the registry does not list, after checking', async () => {
    const widget = await connected({ registry: deployed.registry, 'rpc-url': deployed.rpcUrl });

    expect(widget.el.status).toBe('ready');
    expect(statuses(widget)).toEqual(['idle', 'connecting', 'checking', 'ready']);
    expect(eventsOf(widget, 'trusset-verified')).toEqual([]);
    expect(eventsOf(widget, 'trusset-error')).toEqual([]);
    stray.expectNone();
  });

  it('says "already verified" to a wallet the registry lists, with trusset-verified, and no form', async () => {
    await chain.setVerified(deployed.registry, wallet.address, true);

    const widget = await connected({ registry: deployed.registry, 'rpc-url': deployed.rpcUrl });

    expect(widget.el.status).toBe('verified');
    expect(eventsOf(widget, 'trusset-verified')).toEqual([{ address: wallet.address, chainId: 1 }]);
    expect((await widget.find('[part=verified]')).textContent).toContain(en.verified);
    expect(widget.root.querySelector('[part=form]')).toBeNull();
    expect(await backend.links()).toEqual([]);
    stray.expectNone();
  });

  it('never reads an RPC that is down as "not verified": the form with REGISTRY_UNAVAILABLE, and Check again', async () => {
    const widget = await connected({ registry: deployed.registry, 'rpc-url': await chain.deadRpc() });

    expect(widget.el.status).toBe('ready');
    expect(eventsOf(widget, 'trusset-error')).toEqual([{ code: 'REGISTRY_UNAVAILABLE', message: en.errors.REGISTRY_UNAVAILABLE, retryable: true }]);
    expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.errors.REGISTRY_UNAVAILABLE);
    // The form stays usable meanwhile.
    expect(widget.root.querySelector('[part=email-input]')).not.toBeNull();

    // The RPC is back (here: the page points the widget at a working one) and the user checks again.
    await chain.setVerified(deployed.registry, wallet.address, true);
    widget.el.setAttribute('rpc-url', deployed.rpcUrl);
    await userEvent.click(await widget.find('[part=recheck-button]'));
    await widget.until('verified');

    expect(eventsOf(widget, 'trusset-verified')).toEqual([{ address: wallet.address, chainId: 1 }]);
    stray.expectNone();
  });

  it('gives up on a black-holed RPC within the read timeout', async () => {
    const started = Date.now();
    const widget = await connected({ registry: deployed.registry, 'rpc-url': await chain.blackholeRpc() });

    expect(widget.el.status).toBe('ready');
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(eventsOf(widget, 'trusset-error').map((error) => error.code)).toEqual(['REGISTRY_UNAVAILABLE']);
  });

  it('with a registry but no rpc-url or wagmiConfig: one console warning, no check, no RPC of its own', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => requests.push(...list.getEntries().map((entry) => entry.name)));
    observer.observe({ type: 'resource', buffered: false });

    const widget = await connected({ registry: deployed.registry });
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.disconnect();

    expect(widget.el.status).toBe('ready');
    expect(statuses(widget)).not.toContain('checking');
    expect(warn.mock.calls.filter(([message]) => String(message).includes('rpc-url'))).toHaveLength(1);
    expect(requests.filter((url) => new URL(url).origin !== location.origin)).toEqual([]);
  });

  it('says "verified" once the registration reaches the chain while the link is tracked', async () => {
    const widget = await connected({ registry: deployed.registry, 'rpc-url': deployed.rpcUrl, redirect: 'new-tab' });
    keepLinkOnPage(widget);
    await userEvent.type(await widget.find('[part=email-input]'), 'ada.lovelace@example.com');
    await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), 'FR');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');
    const { id } = eventsOf(widget, 'trusset-link-created')[0];
    await userEvent.click(await widget.find('[part=continue-link]'));

    // The user finishes on the hosted page; the issuer writes the registry a little later.
    await backend.linkAction(id, 'approve');
    await backend.advanceClock(31_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => eventsOf(widget, 'trusset-link-status').length === 1, 'the completed status');
    expect(widget.el.status).toBe('link-ready');
    expect(eventsOf(widget, 'trusset-verified')).toEqual([]);

    await chain.setVerified(deployed.registry, wallet.address, true);
    document.dispatchEvent(new Event('visibilitychange'));
    await widget.until('verified');

    expect(eventsOf(widget, 'trusset-link-status')).toEqual([{ id, status: 'completed' }]);
    expect(eventsOf(widget, 'trusset-verified')).toEqual([{ address: wallet.address, chainId: 1 }]);
    expect((await widget.find('[part=verified]')).textContent).toContain(en.tracking.verifiedNow);
    stray.expectNone();
  });
});
