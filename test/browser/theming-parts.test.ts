import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import elementSource from '../../src/element/trusset-verify.ts?raw';
import { STATUSES } from '../../src/flow/table.js';
import { en } from '../../src/i18n/en.js';
import { installTestWallet } from '../support/test-wallet.js';
import { OTHER_PRIVATE_KEY, TEST_PRIVATE_KEY } from '../support/accounts.js';
import { backend, chain, keepLinkOnPage, mountWidget, testWallet } from './fixture.js';

// This page starts with no wallet at all (for the "no wallet" view) and gets two later (for the list).
sessionStorage.clear();

/** The class JSDoc is the documentation partners read (and custom-elements.json's source). */
function documented(tag: 'csspart' | 'cssstate'): string[] {
  return [...elementSource.matchAll(new RegExp(`^ \\* @${tag} ([a-z-]+) - `, 'gm'))].map((match) => match[1]!);
}

/** Every part name the shadow root shows, with the statuses it showed in. */
function watchParts(el: HTMLElement & { status: string }, seen = new Map<string, Set<string>>()): Map<string, Set<string>> {
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
    await expect.element(page.getByRole('link', { name: en.continue })).toBeVisible();
    widget.remove();

    // After the link, on a second widget: the registry (unreadable, then read), a tracked link that
    // is rejected, the offer to resume the next one, and verified.
    const deployed = await chain.start();
    const after = await mountWidget({ attributes: { endpoint: '/api/trusset-reuse', redirect: 'new-tab', registry: deployed.registry, 'rpc-url': await chain.deadRpc() } });
    watchParts(after.el, parts);
    after.el.addEventListener('trusset-state-change', () => states.push({ status: after.el.status, matching: STATUSES.filter((status) => after.el.matches(`:state(${status})`)) }));
    keepLinkOnPage(after);
    await userEvent.click(await after.find('[part=connect-button]'));
    await userEvent.click(await after.find('[part=wallet-button]'));
    after.el.setAttribute('rpc-url', deployed.rpcUrl);
    await userEvent.click(await after.find('[part=recheck-button]'));
    await after.until('ready');
    const submitLink = async () => {
      await userEvent.click(await after.find('[part=submit-button]'));
      await after.until('link-ready');
    };
    await userEvent.type(await after.find('[part=email-input]'), 'ada@example.com');
    await userEvent.selectOptions(await after.find<HTMLSelectElement>('[part=country-select]'), 'DE');
    await submitLink();
    await userEvent.click(await after.find('[part=continue-link]'));
    await backend.linkAction((await backend.links()).at(-1)!.id, 'reject');
    await backend.advanceClock(31_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await userEvent.click(await after.find('[part=restart-button]'));
    await submitLink();
    const comeBack = async (status: string) => {
      wallet.switchAccount(OTHER_PRIVATE_KEY);
      await after.until('ready');
      wallet.switchAccount(TEST_PRIVATE_KEY);
      await after.until(status);
    };
    await comeBack('ready');
    await after.find('[part=resume-button]');
    await chain.setVerified(deployed.registry, wallet.address, true);
    await comeBack('verified');
    await after.find('[part=verified]');

    const documentedParts = documented('csspart');
    const rendered = [...parts.keys()].sort();
    expect(
      rendered.filter((name) => !documentedParts.includes(name)),
      'rendered but not documented',
    ).toEqual([]);
    expect(
      documentedParts.filter((name) => !parts.has(name)),
      'documented but never rendered',
    ).toEqual([]);
    expect(new Set(states.map((entry) => entry.status))).toEqual(new Set(STATUSES));
    expect(states.filter((entry) => entry.matching.length !== 1 || entry.matching[0] !== entry.status)).toEqual([]);
    expect(documented('cssstate')).toEqual([...STATUSES]);
  });
});
