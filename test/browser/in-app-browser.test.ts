import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFormView } from '../../src/element/views/index.js';
import { completeEnglish } from '../../src/i18n/en-later.js';
import { expectNoAxeViolations } from './a11y-fixture.js';
import { backend, mountWidget, testWallet, textOf, waitFor, type Widget, recordNavigations } from './fixture.js';

// English with the groups the views after Connect bring.
const en = completeEnglish();

/** Wallet apps' browsers and ordinary browsers, as src/wallet/in-app-browser.test.ts has them. */
const UA = {
  metamaskIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 WebView MetaMaskMobile',
  okxAndroid:
    'Mozilla/5.0 (Linux; Android 15; CPH2821 Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/145.0.7632.79 Mobile Safari/537.36 OKEx-ACE528206/6.148.1 (CPH2821; U; Android 15; id-ID;) locale=id-ID statusBarHeight/83 OKApp/(OKEx/6.148.1) brokerDomain/www.okx.com brokerId/0 jsbridge/1.1.0 theme/dark',
  iosWebView: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  androidWebView: 'Mozilla/5.0 (Linux; Android 16; SM-S901U Build/BP2A.250605.031.A3; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/141.0.7390.124 Mobile Safari/537.36',
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
} as const;

const wallet = testWallet();
let flagsSet: string[] = [];

/** The page looks like `userAgent` on a device with `touchPoints`, and the wallet's provider carries `flags`. */
function asDevice(userAgent: string, touchPoints: number, flags: Record<string, boolean> = {}): void {
  Object.defineProperty(navigator, 'userAgent', { get: () => userAgent, configurable: true });
  Object.defineProperty(navigator, 'maxTouchPoints', { get: () => touchPoints, configurable: true });
  Object.assign(wallet.provider, flags);
  flagsSet = Object.keys(flags);
}

beforeEach(async () => {
  await backend.reset();
  // The hint and the detection come with the views after Connect; loaded here so that a view without them is a real "no".
  await loadFormView();
});
afterEach(() => {
  delete (navigator as { userAgent?: string }).userAgent;
  delete (navigator as { maxTouchPoints?: number }).maxTouchPoints;
  for (const flag of flagsSet) delete (wallet.provider as unknown as Record<string, unknown>)[flag];
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

/** Connects, fills the form and submits on the kit; same-tab navigation goes to a recorder. */
async function submit(redirect: 'same-tab' | 'new-tab' | 'none' = 'same-tab') {
  const widget = await mountWidget({ attributes: { country: 'DE', redirect }, allowNavigation: true });
  const navigations = recordNavigations();

  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
  await userEvent.click(await widget.find('[part=submit-button]'));
  await waitFor(() => widget.el.status === 'link-ready' || widget.el.status === 'redirecting', 'the link');
  await widget.el.updateComplete;
  const [link] = await backend.links();
  return { widget, navigations, url: link!.url };
}

function liveRegion(widget: Widget): string {
  return widget.root.querySelector('[role=status]')?.textContent?.trim() ?? '';
}

const IN_APP = [
  ['MetaMask on iOS', UA.metamaskIos, {}, 'MetaMask', en.inApp.ios],
  ['OKX on Android', UA.okxAndroid, { isMetaMask: true }, 'OKX Wallet', en.inApp.android],
  ['Coinbase Wallet on Android', UA.androidWebView, { isCoinbaseWallet: true, isCoinbaseBrowser: true }, 'Coinbase Wallet', en.inApp.android],
  ['Trust Wallet on iOS', UA.iosWebView, { isMetaMask: true, isTrust: true }, 'Trust Wallet', en.inApp.ios],
  ['Rainbow on iOS', UA.iosWebView, { isMetaMask: true, isRainbow: true }, 'Rainbow', en.inApp.ios],
] as const;

describe('<trusset-verify>', () => {
  describe("in a wallet app's browser", () => {
    it.each(IN_APP)('%s: same-tab shows the link with the hint instead of navigating', async (_label, userAgent, flags, name, howTo) => {
      asDevice(userAgent, 5, flags);

      const { widget, navigations, url } = await submit('same-tab');

      expect(widget.el.status).toBe('link-ready');
      expect(navigations).toEqual([]);
      expect(widget.events.filter((event) => event.type === 'trusset-redirect')).toEqual([]);
      expect(widget.events.find((event) => event.type === 'trusset-link-created')?.detail.url).toBe(url);
      const hint = textOf(widget, '[part=system-browser-hint]');
      expect(hint).toContain(en.inApp.camera.replace('{wallet}', name));
      expect(hint).toContain(howTo);
      expect(hint).toContain(en.inApp.continueHere);
      const link = widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      expect(link.href).toBe(url);
      expect(link.target).toBe('_self');
      // The hint sits above the continue link.
      expect(widget.root.querySelector('[part=system-browser-hint]')!.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(liveRegion(widget)).toBe(`${en.linkReady} ${en.inApp.camera.replace('{wallet}', name)} ${howTo}`);
    });

    it('copies the checked URL, says so, and leaves focus on the button', async () => {
      asDevice(UA.metamaskIos, 5);
      const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
      const { widget, url } = await submit('same-tab');
      const button = await widget.find('[part=copy-link-button]');

      await userEvent.click(button);
      await widget.find('[part=copy-status]');

      expect(writeText.mock.calls).toEqual([[url]]);
      expect(textOf(widget, '[part=copy-status]')).toBe(en.inApp.copied);
      expect(liveRegion(widget)).toBe(en.inApp.copied);
      expect(widget.root.activeElement).toBe(button);
      expect(widget.root.querySelector('[part=link-text]')).toBeNull();
      await expectNoAxeViolations(widget.el, 'the hint after copying');
    });

    it('shows the link as text to select when the clipboard refuses', async () => {
      asDevice(UA.androidWebView, 5, { isCoinbaseWallet: true, isCoinbaseBrowser: true });
      vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
      const { widget, url } = await submit('same-tab');

      await userEvent.click(await widget.find('[part=copy-link-button]'));
      const field = await widget.find<HTMLInputElement>('[part=link-text]');

      expect(textOf(widget, '[part=copy-status]')).toBe(en.inApp.copyFailed);
      expect(liveRegion(widget)).toBe(en.inApp.copyFailed);
      expect(field.value).toBe(url);
      expect(field.readOnly).toBe(true);
      expect(field.getAttribute('aria-label')).toBe(en.inApp.linkText);
      await userEvent.click(field);
      expect([field.selectionStart, field.selectionEnd]).toEqual([0, url.length]);
      await expectNoAxeViolations(widget.el, 'the hint after a refused copy');
    });

    it('moves focus to the continue link, not to the hint, and the link still opens the verification', async () => {
      asDevice(UA.iosWebView, 5, { isTrust: true });
      const { widget, url } = await submit('same-tab');
      const link = widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      const followed: string[] = [];
      // A followed same-tab link would leave the test page: the click is recorded, then stopped.
      widget.root.addEventListener('click', (event) => {
        const anchor = (event.target as Element).closest('a');
        if (anchor) followed.push(anchor.href);
        event.preventDefault();
      });

      await userEvent.click(link);

      expect(widget.root.activeElement).toBe(link);
      expect(followed).toEqual([url]);
      await expectNoAxeViolations(widget.el, 'the hint');
    });

    it.each(['new-tab', 'none'] as const)('shows the hint with redirect="%s" too', async (redirect) => {
      asDevice(UA.metamaskIos, 5);

      const { widget, navigations } = await submit(redirect);

      expect(widget.el.status).toBe('link-ready');
      expect(navigations).toEqual([]);
      expect(textOf(widget, '[part=system-browser-hint]')).toContain(en.inApp.camera.replace('{wallet}', 'MetaMask'));
    });

    it('names no wallet it does not know (a web view whose provider has no known flag)', async () => {
      asDevice(UA.iosWebView, 5, {});

      const { widget } = await submit('same-tab');

      expect(textOf(widget, '[part=system-browser-hint]')).toContain(`${en.inApp.cameraUnnamed} ${en.inApp.ios}`);
    });
  });

  describe('in a browser', () => {
    it.each([
      ['Safari on iOS', UA.safariIos, 5, {}],
      ['desktop Chrome with a MetaMask extension', UA.chromeWindows, 0, { isMetaMask: true }],
      ['Chrome on Android with a wallet that sets isMetaMask', UA.chromeAndroid, 5, { isMetaMask: true }],
    ] as const)('%s: same-tab navigates as before, with no hint', async (_label, userAgent, touchPoints, flags) => {
      asDevice(userAgent, touchPoints, flags);

      const { widget, navigations, url } = await submit('same-tab');

      expect(widget.el.status).toBe('redirecting');
      expect(navigations).toEqual([url]);
      expect(widget.events.find((event) => event.type === 'trusset-redirect')?.detail.url).toBe(url);
      expect(widget.root.querySelector('[part=system-browser-hint]')).toBeNull();
    });

    it('shows the continue link without the hint in new-tab mode', async () => {
      asDevice(UA.safariIos, 5);

      const { widget } = await submit('new-tab');

      expect(widget.el.status).toBe('link-ready');
      expect(widget.root.querySelector('[part=continue-link]')).not.toBeNull();
      expect(widget.root.querySelector('[part=system-browser-hint]')).toBeNull();
    });
  });

  describe('on a phone without a wallet', () => {
    let ethereum: unknown;
    beforeEach(() => {
      ethereum = (window as { ethereum?: unknown }).ethereum;
      delete (window as { ethereum?: unknown }).ethereum;
    });
    afterEach(() => {
      (window as { ethereum?: unknown }).ethereum = ethereum;
    });

    it.each([
      ['Chrome on Android', UA.chromeAndroid],
      ['Safari on iOS', UA.safariIos],
      ['Safari on an iPad (a Mac user agent, touch)', UA.safariIpad],
    ])("%s: offers the wallet apps' browsers under Connect", async (_label, userAgent) => {
      asDevice(userAgent, 5);

      const widget = await mountWidget();
      await widget.find('[part=wallet-browser-link]');

      const links = [...widget.root.querySelectorAll<HTMLAnchorElement>('[part=wallet-browser-link]')];
      expect(widget.el.status).toBe('idle');
      expect(links.map((link) => link.textContent?.trim())).toEqual(['MetaMask', 'Coinbase Wallet', 'Trust Wallet', 'Rainbow'].map((name) => en.openInWallet.replace('{wallet}', name)));
      expect(links[0]!.href).toBe(`https://metamask.app.link/dapp/${location.host}${location.pathname}${location.search}`);
      expect(textOf(widget, 'p.muted')).toBe(en.inApp.phoneWallets);
      await expectNoAxeViolations(widget.el, 'the idle view on a phone');
    });

    it('offers none on a computer (a Mac without touch)', async () => {
      asDevice(UA.safariIpad, 0);

      const widget = await mountWidget();

      expect(widget.root.querySelector('[part=connect-button]')).not.toBeNull();
      expect(widget.root.querySelector('[part=wallet-browser-link]')).toBeNull();
    });

    it('offers none when Web3Modal handles phones (project-id)', async () => {
      asDevice(UA.chromeAndroid, 5);

      const widget = await mountWidget({ attributes: { 'project-id': 'test-project' } });

      expect(widget.root.querySelector('[part=connect-button]')).not.toBeNull();
      expect(widget.root.querySelector('[part=wallet-browser-link]')).toBeNull();
    });
  });

  describe('on a phone with an injected wallet', () => {
    it('offers no wallet links under Connect', async () => {
      asDevice(UA.chromeAndroid, 5);

      const widget = await mountWidget();

      expect(widget.root.querySelector('[part=connect-button]')).not.toBeNull();
      expect(widget.root.querySelector('[part=wallet-browser-link]')).toBeNull();
    });
  });
});
