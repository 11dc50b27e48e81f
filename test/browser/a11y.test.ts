import { cdp, page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { TEST_PRIVATE_KEY } from '../support/accounts.js';
import { contrast, expectNoAxeViolationsInBothThemes, gate, installSecondWallet, waitFor } from './a11y-fixture.js';
import { backend, chain, keepLinkOnPage, type MountOptions, mountWidget, testWallet, recordNavigations } from './fixture.js';

sessionStorage.clear();
// Two installed wallets: Connect shows the built-in list, and the second one's prompt can be held or failed.
const wallet = testWallet();
const second = installSecondWallet();
const switchGate = gate(wallet.provider, ['wallet_switchEthereumChain']);

type Widget = Awaited<ReturnType<typeof mountWidget>>;

beforeEach(async () => {
  Object.assign(wallet.behaviour, { rejectSignature: false, holdSignatures: false });
  while (wallet.heldSignatures > 0) wallet.releaseSignature();
  wallet.switchAccount(TEST_PRIVATE_KEY);
  wallet.setChain(1);
  second.connectGate.mode = 'pass';
  switchGate.mode = 'pass';
  await backend.reset();
});
afterEach(async () => {
  second.connectGate.releaseAll();
  switchGate.releaseAll();
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  document.documentElement.style.zoom = '';
  vi.restoreAllMocks();
  await page.viewport(414, 896);
});

async function pick(widget: Widget, name: string): Promise<void> {
  await waitFor(() => widget.root.querySelectorAll('[part=wallet-button]').length === 2, 'both wallets in the list');
  const row = [...widget.root.querySelectorAll<HTMLButtonElement>('[part=wallet-button]')].find((button) => button.textContent?.includes(name));
  await userEvent.click(row!);
}

/** Connects the test wallet through the built-in list and waits for the form. */
async function connected(options: MountOptions = {}): Promise<Widget> {
  const widget = await mountWidget(options);
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.find('[part=wallet-list]');
  await pick(widget, wallet.info.name);
  await widget.until('ready');
  await widget.find('[part=form]');
  return widget;
}

async function fill(widget: Widget): Promise<void> {
  await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
  await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), 'FR');
}

function liveRegion(widget: Widget): HTMLElement {
  const regions = widget.root.querySelectorAll<HTMLElement>('[role=status], [aria-live], [role=alert]');
  expect(regions).toHaveLength(1);
  return regions[0]!;
}

describe('<trusset-verify> accessibility (WCAG 2.2 AA)', () => {
  describe('axe-core finds no violation', () => {
    it('while unavailable, idle, picking a wallet, waiting for the wallet and after a failed connection', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const broken = await mountWidget({ attributes: { 'chain-id': 'abc' } });
      await broken.find('[part=unavailable]');
      await expectNoAxeViolationsInBothThemes(broken.el, 'unavailable');
      broken.remove();

      const widget = await mountWidget();
      await expectNoAxeViolationsInBothThemes(widget.el, 'idle');

      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.find('[part=wallet-list]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'connecting, wallet list');

      second.connectGate.mode = 'hold';
      await pick(widget, 'Second Wallet');
      await widget.find('[part=progress]');
      expect(widget.el.status).toBe('connecting');
      await expectNoAxeViolationsInBothThemes(widget.el, 'connecting, waiting for the wallet');
      await userEvent.click(await widget.find('[part=dismiss-button]'));
      await widget.until('idle');

      second.connectGate.mode = 'fail';
      await userEvent.click(await widget.find('[part=connect-button]'));
      await pick(widget, 'Second Wallet');
      await widget.until('connect-failed');
      await widget.find('[part=retry-button]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'connect-failed');
    });

    it('on the form, with field errors, and while switching chain, signing and creating the link', async () => {
      const widget = await connected({ attributes: { endpoint: '/raw-backend', 'privacy-url': 'https://partner.example/privacy' } });
      await expectNoAxeViolationsInBothThemes(widget.el, 'ready');

      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.find('[part=field-error]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'ready, refused submit');

      await fill(widget);
      wallet.setChain(5);
      switchGate.mode = 'hold';
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('switching-chain');
      await expectNoAxeViolationsInBothThemes(widget.el, 'switching-chain');

      switchGate.releaseAll();
      await widget.until('ready');
      await widget.find('form [part=error]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'ready, wrong network');

      switchGate.mode = 'pass';
      wallet.setChain(1);
      wallet.behaviour.holdSignatures = true;
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('signing');
      await expectNoAxeViolationsInBothThemes(widget.el, 'signing');

      await backend.script({ route: 'id-links', hang: true });
      // 'signing' shows before the request reaches the wallet (the message is built first).
      await waitFor(() => wallet.heldSignatures === 1, 'the signature request');
      wallet.releaseSignature();
      await widget.until('creating');
      await expectNoAxeViolationsInBothThemes(widget.el, 'creating');
    });

    it('after a failed submission, while redirecting and with the link ready', async () => {
      const widget = await connected();
      await fill(widget);
      await backend.fault('503', 'create');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed');
      await widget.find('[part=retry-button]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'submit-failed');

      widget.remove();

      // The navigation itself is replaced (it would end the test page), so the status stays.
      const redirecting = await connected({ allowNavigation: true });
      recordNavigations();
      await fill(redirecting);
      await userEvent.click(await redirecting.find('[part=submit-button]'));
      await redirecting.until('redirecting');
      await expectNoAxeViolationsInBothThemes(redirecting.el, 'redirecting');
      redirecting.remove();

      const none = await connected({ attributes: { redirect: 'none' } });
      await fill(none);
      await userEvent.click(await none.find('[part=submit-button]'));
      await none.until('link-ready');
      await expectNoAxeViolationsInBothThemes(none.el, 'link-ready');
    });

    it('on the form with a field the backend refused', async () => {
      const widget = await connected({ attributes: { endpoint: '/raw-backend' } });
      await fill(widget);
      await backend.script({ route: 'id-links', status: 400, body: { success: false, error: { code: 'INVALID_EMAIL', message: 'invalid', field: 'email' } } });

      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.find('[part=field-error]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'ready, backend field error');
    });

    it('after the link: tracked in each status, the resume offer, the registry warning, and verified', async () => {
      const deployed = await chain.start();
      const widget = await connected({ attributes: { redirect: 'new-tab', endpoint: '/api/trusset-reuse', registry: deployed.registry, 'rpc-url': deployed.rpcUrl } });
      keepLinkOnPage(widget);
      await fill(widget);
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');
      await userEvent.click(await widget.find('[part=continue-link]'));
      await widget.find('[part=link-status]');
      await expectNoAxeViolationsInBothThemes(widget.el, 'link-ready, tracked, pending');

      // The same wallet comes back to the page: the offer to continue.
      widget.remove();
      const again = await connected({ attributes: { endpoint: '/api/trusset-reuse' } });
      await again.find('[part=resume-button]');
      await expectNoAxeViolationsInBothThemes(again.el, 'ready, resume offer');
      again.remove();

      const { id } = (await backend.links())[0]!;
      await backend.linkAction(id, 'reject');
      await backend.advanceClock(31_000);
      const tracked = await connected({ attributes: { redirect: 'new-tab', endpoint: '/api/trusset-reuse' } });
      keepLinkOnPage(tracked);
      await fill(tracked);
      await userEvent.click(await tracked.find('[part=submit-button]'));
      await tracked.until('link-ready');
      await userEvent.click(await tracked.find('[part=continue-link]'));
      const second = (await backend.links()).at(-1)!.id;
      await backend.linkAction(second, 'reject');
      await backend.advanceClock(31_000);
      document.dispatchEvent(new Event('visibilitychange'));
      await tracked.find('[part=restart-button]');
      await expectNoAxeViolationsInBothThemes(tracked.el, 'link-ready, rejected');
      tracked.remove();

      const down = await connected({ attributes: { registry: deployed.registry, 'rpc-url': await chain.deadRpc() } });
      await down.find('[part=recheck-button]');
      await expectNoAxeViolationsInBothThemes(down.el, 'ready, registry unavailable');
      down.remove();

      await chain.setVerified(deployed.registry, wallet.address, true);
      const verified = await mountWidget({ attributes: { registry: deployed.registry, 'rpc-url': deployed.rpcUrl } });
      await userEvent.click(await verified.find('[part=connect-button]'));
      await verified.find('[part=wallet-list]');
      await pick(verified, wallet.info.name);
      await verified.until('verified');
      await verified.find('[part=verified]');
      await expectNoAxeViolationsInBothThemes(verified.el, 'verified');
    });
  });

  describe('the live region', () => {
    it('is one polite region, present from the first render, that announces each step and each failure', async () => {
      const widget = await connected({ attributes: { endpoint: '/raw-backend' } });
      const region = liveRegion(widget);
      const said: string[] = [];
      const observer = new MutationObserver(() => said.push(region.textContent?.trim() ?? ''));
      observer.observe(region, { childList: true, subtree: true, characterData: true });
      await fill(widget);
      wallet.behaviour.holdSignatures = true;

      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('signing');
      await waitFor(() => said.includes(en.signing), 'the signing announcement');
      await backend.script({ route: 'id-links', status: 503, body: { success: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'down' } } });
      await waitFor(() => wallet.heldSignatures === 1, 'the signature request');
      wallet.releaseSignature();
      await widget.until('submit-failed');
      await waitFor(() => said.includes(en.errors.UPSTREAM_UNAVAILABLE), 'the failure announcement');
      observer.disconnect();

      expect(region.getAttribute('role')).toBe('status');
      expect(liveRegion(widget)).toBe(region);
      expect(said.filter((text) => text)).toEqual([en.signing, en.creating, en.errors.UPSTREAM_UNAVAILABLE]);
      expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.errors.UPSTREAM_UNAVAILABLE);
    });

    it('exists, empty, before anything happened, so that the first announcement is read', async () => {
      const widget = await mountWidget();

      const region = liveRegion(widget);

      expect(region.textContent?.trim()).toBe('');
      expect(region.getAttribute('role')).toBe('status');
    });
  });

  describe('focus, targets and motion', () => {
    it('shows a focus ring of at least 2 px with 3:1 contrast on every control, in light and dark', async () => {
      const widget = await connected({ attributes: { 'privacy-url': 'https://partner.example/privacy' } });
      const background = getComputedStyle(widget.root.querySelector('[part=base]')!).backgroundColor;
      const rings: string[] = [];

      for (const theme of ['light', 'dark']) {
        widget.el.setAttribute('theme', theme);
        await widget.el.updateComplete;
        const base = getComputedStyle(widget.root.querySelector('[part=base]')!).backgroundColor;
        // From the field after it, backwards: a keyboard move, so that :focus-visible applies to the button.
        widget.root.querySelector<HTMLElement>('[part=email-input]')!.focus();
        await userEvent.tab({ shift: true });
        for (let step = 0; step < 5; step++) {
          const active = widget.root.activeElement as HTMLElement;
          const style = getComputedStyle(active);
          rings.push(`${theme} ${active.getAttribute('part') ?? active.tagName}: ${style.outlineStyle} ${parseFloat(style.outlineWidth) >= 2} ${contrast(style.outlineColor, base) >= 3}`);
          await userEvent.tab();
        }
      }

      expect(background).not.toBe('rgba(0, 0, 0, 0)');
      expect(rings).toEqual(
        ['light', 'dark'].flatMap((theme) => ['disconnect-button', 'email-input', 'country-select', 'submit-button', 'privacy-link'].map((name) => `${theme} ${name}: solid true true`)),
      );
    });

    it('gives every button, link and field a target of at least 24 × 24 CSS px', async () => {
      const widget = await connected();
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.find('[part=field-error]');

      const small = [...widget.root.querySelectorAll<HTMLElement>('button, a.button, input, select')]
        .map((node) => ({ name: node.getAttribute('part'), box: node.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ name, box }) => `${name} ${box.width}×${box.height}`);

      expect(widget.root.querySelectorAll('button, input, select').length).toBeGreaterThanOrEqual(4);
      expect(small).toEqual([]);
    });

    it('stops the progress spinner when the system asks for reduced motion', async () => {
      const widget = await connected();
      await fill(widget);
      wallet.behaviour.holdSignatures = true;
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('signing');
      const progress = await widget.find('[part=progress]');
      const moving = getComputedStyle(progress, '::before').animationName;

      await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
      const still = getComputedStyle(progress, '::before').animationName;
      await cdp().send('Emulation.setEmulatedMedia', { features: [] });

      expect(moving).toBe('spin');
      expect(still).toBe('none');
    });
  });

  describe('reflow (WCAG 1.4.10)', () => {
    async function expectNoHorizontalScroll(widget: Widget): Promise<void> {
      const base = widget.root.querySelector<HTMLElement>('[part=base]')!;
      const scroller = document.scrollingElement!;

      expect(base.scrollWidth).toBeLessThanOrEqual(base.clientWidth);
      expect(scroller.scrollWidth).toBeLessThanOrEqual(scroller.clientWidth);
      expect(widget.el.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
    }

    it('fits a 320 px wide viewport in every view of the form, without horizontal scrolling', async () => {
      await page.viewport(320, 640);
      const widget = await connected({ attributes: { 'privacy-url': 'https://partner.example/privacy' } });
      await expectNoHorizontalScroll(widget);

      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.find('[part=field-error]');
      await expectNoHorizontalScroll(widget);

      await fill(widget);
      await backend.fault('503', 'create');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed');
      await expectNoHorizontalScroll(widget);
    });

    it('fits at 200% zoom on a 640 px viewport, without horizontal scrolling', async () => {
      await page.viewport(640, 800);
      document.documentElement.style.zoom = '2';
      const widget = await connected();
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.find('[part=field-error]');

      expect(widget.el.currentCSSZoom).toBe(2);
      await expectNoHorizontalScroll(widget);
    });
  });
});
