import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import elementSource from '../../src/element/trusset-verify.ts?raw';
import { STATUSES } from '../../src/flow/table.js';
import { en } from '../../src/i18n/en.js';
import { installTestWallet } from '../support/test-wallet.js';
import { backend, mountWidget, testWallet } from './fixture.js';

// This page starts with no wallet at all (for the "no wallet" view) and gets two later (for the list).
sessionStorage.clear();

/** The class JSDoc is the documentation partners read (and custom-elements.json's source). */
function documented(tag: 'csspart' | 'cssstate'): string[] {
  return [...elementSource.matchAll(new RegExp(`^ \\* @${tag} ([a-z-]+) - `, 'gm'))].map((match) => match[1]!);
}

/** Every part name the shadow root shows, with the statuses it showed in. */
function watchParts(el: HTMLElement & { status: string }): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  const collect = () => {
    for (const node of el.shadowRoot!.querySelectorAll('[part]')) {
      for (const name of node.part) seen.set(name, (seen.get(name) ?? new Set()).add(el.status));
    }
  };
  // Transient statuses (switching chain, creating) can come and go between two awaits of the test.
  new MutationObserver(collect).observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['part'] });
  collect();
  return seen;
}

beforeEach(() => backend.reset());
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

describe('<trusset-verify> parts and states', () => {
  it('documents exactly the parts it renders across every status, and one custom state per status', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const widget = await mountWidget({
      attributes: { endpoint: '/api/trusset-sepolia', 'chain-id': 'abc', 'privacy-url': 'https://partner.example/privacy' },
    });
    const { el } = widget;
    const parts = watchParts(el);
    const states: { status: string; matching: string[] }[] = [];
    const recordState = () => states.push({ status: el.status, matching: STATUSES.filter((status) => el.matches(`:state(${status})`)) });
    recordState();
    el.addEventListener('trusset-state-change', recordState);

    // A phone without a wallet: the "open in a wallet's browser" links.
    el.setAttribute('chain-id', '11155111');
    Object.defineProperty(navigator, 'userAgent', { value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)', configurable: true });
    await userEvent.click(await widget.find('[part=connect-button]'));
    await widget.until('connect-failed');
    await widget.find('[part=wallet-browser-link]');
    delete (navigator as { userAgent?: string }).userAgent;

    // Two wallets: the built-in list.
    const wallet = testWallet();
    installTestWallet({ name: 'Second Wallet', rdns: 'org.trusset.second-wallet', setWindowEthereum: false });
    await userEvent.click(await widget.find('[part=retry-button]'));
    await userEvent.click(await widget.find('[part=wallet-button]'));
    await widget.until('ready');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.find('[part=field-error]');

    // The wallet is on chain 1, the widget on Sepolia: switching, then signing (held), then a 503.
    wallet.behaviour.holdSignatures = true;
    await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
    await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), 'DE');
    await backend.fault('503', 'create');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('signing');
    await widget.find('[part=progress]');
    await expect.poll(() => wallet.heldSignatures).toBe(1);
    wallet.releaseSignature();
    await widget.until('submit-failed');
    wallet.behaviour.holdSignatures = false;
    await userEvent.click(await widget.find('[part=retry-button]'));
    await widget.until('link-ready');
    await widget.find('[part=continue-link]');
    // In a wallet app's browser: the system-browser hint, and the link as text when copying fails.
    Object.defineProperty(navigator, 'userAgent', { value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) WebView MetaMaskMobile', configurable: true });
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied.', 'NotAllowedError'));
    widget.el.requestUpdate();
    await userEvent.click(await widget.find('[part=copy-link-button]'));
    await widget.find('[part=link-text]');
    delete (navigator as { userAgent?: string }).userAgent;

    const documentedParts = documented('csspart');
    const rendered = [...parts.keys()].sort();
    expect(rendered.filter((name) => !documentedParts.includes(name)), 'rendered but not documented').toEqual([]);
    expect(documentedParts.filter((name) => !parts.has(name)), 'documented but never rendered').toEqual([]);
    expect(new Set(states.map((entry) => entry.status))).toEqual(new Set(STATUSES));
    expect(states.filter((entry) => entry.matching.length !== 1 || entry.matching[0] !== entry.status)).toEqual([]);
    expect(documented('cssstate')).toEqual([...STATUSES]);
    await expect.element(page.getByRole('link', { name: en.continue })).toBeVisible();
  });
});
