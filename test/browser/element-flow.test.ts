import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { backend, mountWidget, testWallet } from './fixture.js';

// The built-in wallet list: one test wallet on the page, so Connect picks it without a list.
sessionStorage.clear();
const wallet = testWallet();

type Widget = Awaited<ReturnType<typeof mountWidget>>;

async function connect(widget: Widget): Promise<void> {
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await widget.find('[part=form]');
}

async function typeEmail(widget: Widget, email: string): Promise<void> {
  const input = await widget.find<HTMLInputElement>('[part=email-input]');
  await userEvent.clear(input);
  await userEvent.type(input, email);
}

function statuses(widget: Widget): string[] {
  return widget.events.filter((event) => event.type === 'trusset-state-change').map((event) => event.detail.status);
}

beforeEach(async () => {
  await backend.reset();
  Object.assign(wallet.behaviour, { rejectSwitch: false, rejectSignature: false });
});
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  wallet.setChain(1);
});

describe('<trusset-verify> flow (built-in wallet list)', () => {
  it('keeps attributes and properties in sync', async () => {
    const { el } = await mountWidget();

    el.setAttribute('redirect', 'new-tab');
    expect(el.redirect).toBe('new-tab');
    el.redirect = 'none';
    await el.updateComplete;
    expect(el.getAttribute('redirect')).toBe('none');
    el.setAttribute('chain-id', '11155111');
    expect(String(el.chainId)).toBe('11155111');
    el.privacyUrl = 'https://partner.example/privacy';
    await el.updateComplete;
    expect(el.getAttribute('privacy-url')).toBe('https://partner.example/privacy');
  });

  it('reflects the flow as the status attribute, a custom state and trusset-state-change { status, previous }', async () => {
    const widget = await mountWidget({ attributes: { country: 'DE', redirect: 'none' } });
    const { el } = widget;
    expect(el.getAttribute('status')).toBe('idle');
    expect(el.matches(':state(idle)')).toBe(true);
    expect(el.matches(':state(ready)')).toBe(false);

    await connect(widget);
    expect(el.getAttribute('status')).toBe('ready');
    expect(el.matches(':state(ready)')).toBe(true);
    expect(el.matches(':state(idle)')).toBe(false);

    await typeEmail(widget, 'ada@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');
    expect(el.getAttribute('status')).toBe('link-ready');
    expect(el.matches(':state(link-ready)')).toBe(true);
    expect(el.matches(':state(ready)')).toBe(false);

    const changes = widget.events.filter((event) => event.type === 'trusset-state-change').map((event) => event.detail);
    expect(changes.map((detail) => detail.status)).toEqual(['idle', 'connecting', 'ready', 'signing', 'creating', 'link-ready']);
    // Each `previous` is the status before it; the first is the configuration becoming valid.
    expect(changes.map((detail) => detail.previous)).toEqual(['unavailable', 'idle', 'connecting', 'ready', 'signing', 'creating']);
  });

  it('new-tab: ends in link-ready with a link that opens a new tab, and emits no trusset-redirect', async () => {
    const widget = await mountWidget({ attributes: { country: 'DE', redirect: 'new-tab' } });
    await connect(widget);
    await typeEmail(widget, 'ada@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');

    const [link] = await backend.links();
    const anchor = await widget.find<HTMLAnchorElement>('[part=continue-link]');
    expect(anchor.href).toBe(link?.url);
    expect(anchor.target).toBe('_blank');
    expect(anchor.rel).toBe('noopener noreferrer');
    expect(widget.events.some((event) => event.type === 'trusset-redirect')).toBe(false);
    expect(widget.events.find((event) => event.type === 'trusset-link-created')?.detail).toMatchObject({ id: link?.id, url: link?.url, status: 'pending' });
  });

  it('none: emits trusset-link-created and shows the link', async () => {
    const widget = await mountWidget({ attributes: { country: 'DE', redirect: 'none' } });
    await connect(widget);
    await typeEmail(widget, 'ada@example.com');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.until('link-ready');

    const [link] = await backend.links();
    const created = widget.events.filter((event) => event.type === 'trusset-link-created');
    expect(created).toHaveLength(1);
    expect(created[0]?.detail).toMatchObject({ id: link?.id, url: link?.url, status: 'pending' });
    expect(typeof created[0]?.detail.expiresAt).toBe('string');
    expect(widget.events.some((event) => event.type === 'trusset-redirect')).toBe(false);
    const anchor = await widget.find<HTMLAnchorElement>('[part=continue-link]');
    expect(anchor.href).toBe(link?.url);
    expect(anchor.rel).toBe('noopener noreferrer');
  });

  it('offers only the listed countries, named by Intl.DisplayNames, with the country attribute preselected', async () => {
    const widget = await mountWidget({ attributes: { country: 'FR', countries: 'DE,FR' } });
    await connect(widget);

    const select = await widget.find<HTMLSelectElement>('[part=country-select]');
    const options = [...select.options];
    expect(options).toHaveLength(3);
    expect(options[0]?.value).toBe('');
    expect(
      options
        .slice(1)
        .map((option) => option.value)
        .sort(),
    ).toEqual(['DE', 'FR']);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    expect(options.find((option) => option.value === 'DE')?.textContent?.trim()).toBe(names.of('DE'));
    expect(options.find((option) => option.value === 'DE')?.textContent?.trim()).toBe('Germany');
    expect(options.find((option) => option.value === 'FR')?.textContent?.trim()).toBe('France');
    expect(select.value).toBe('FR');
  });

  it('preselects the country among all countries when no list is given', async () => {
    const widget = await mountWidget({ attributes: { country: 'FR' } });
    await connect(widget);

    const select = await widget.find<HTMLSelectElement>('[part=country-select]');
    expect(select.value).toBe('FR');
    expect(select.options.length).toBeGreaterThan(200);
  });

  it('names the app in the consent line and links the privacy notice safely', async () => {
    const widget = await mountWidget({ attributes: { country: 'DE', 'app-name': 'Acme Tokens', 'privacy-url': 'https://partner.example/privacy' } });
    await connect(widget);

    const consent = await widget.find('[part=consent]');
    expect(consent.textContent).toContain('Acme Tokens');
    const privacy = consent.querySelector('a')!;
    expect(privacy.getAttribute('href')).toBe('https://partner.example/privacy');
    expect(privacy.rel).toBe('noopener noreferrer');
    expect(privacy.textContent?.trim()).toBe(en.privacyLink);
  });

  it('goes back to idle and emits trusset-disconnect when the wallet disconnects', async () => {
    const widget = await mountWidget({ attributes: { country: 'DE' } });
    await connect(widget);

    wallet.disconnect();
    await widget.until('idle');

    expect(widget.events.filter((event) => event.type === 'trusset-disconnect')).toHaveLength(1);
    expect(widget.el.getAttribute('status')).toBe('idle');
    expect(widget.el.matches(':state(idle)')).toBe(true);
    expect(await widget.find('[part=connect-button]')).toBeTruthy();
  });

  describe('Idempotency-Key (a scripted backend)', () => {
    const failure = {
      route: 'id-links' as const,
      status: 503,
      body: { success: false, error: { code: 'STORE_UNAVAILABLE', message: 'The store is unavailable.' }, metadata: { requestId: 'req-1', timestamp: new Date().toISOString() } },
    };
    const success = () => ({
      route: 'id-links' as const,
      status: 201,
      body: {
        success: true,
        data: { id: 'link-1', url: `${location.origin}/link/link-1`, status: 'pending', walletAddress: wallet.address, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), statusToken: 'st-1' },
        metadata: { requestId: 'req-2', timestamp: new Date().toISOString() },
      },
    });
    // Nonces are scripted too: the raw backend's pass-through of unscripted nonces to the kit
    // answers NOT_FOUND (test-backend-plugin.ts rewrites req.url, but the kit reads req.originalUrl).
    const nonces = () =>
      Array.from({ length: 6 }, (_, index) => ({
        route: 'nonce' as const,
        body: { success: true, data: { nonce: `scriptedNonce${index}abc`, serverTime: new Date().toISOString() }, metadata: { requestId: `nonce-${index}`, timestamp: new Date().toISOString() } },
      }));
    const keys = async () => (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links').map((request) => request.headers['idempotency-key']);

    it('reuses one key when the same submission is retried after a failure', async () => {
      await backend.script(...nonces(), failure, success());
      const widget = await mountWidget({ attributes: { endpoint: '/raw-backend', country: 'DE', redirect: 'none' } });
      await connect(widget);
      await typeEmail(widget, 'ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed');
      expect(widget.events.find((event) => event.type === 'trusset-error')?.detail).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });

      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready');

      const sent = await keys();
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(/^[\w-]{16,}$/);
      expect(sent[1]).toBe(sent[0]);
      // The key names the intent, not the proof: the retry signed again.
      expect(wallet.count('personal_sign')).toBeGreaterThanOrEqual(2);
    });

    it('reuses the key when the same intent is submitted again from the form, and makes a new one when the e-mail changes', async () => {
      await backend.script(...nonces(), failure, failure, success());
      const widget = await mountWidget({ attributes: { endpoint: '/raw-backend', country: 'DE', redirect: 'none' } });
      await connect(widget);
      await typeEmail(widget, 'ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed');

      // Back to the form, the same intent submitted again: the same key.
      await userEvent.click(await widget.find('[part=dismiss-button]'));
      await widget.until('ready');
      expect((await widget.find<HTMLInputElement>('[part=email-input]')).value).toBe('ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed');

      // Another e-mail: another intent, another key.
      await userEvent.click(await widget.find('[part=dismiss-button]'));
      await widget.until('ready');
      await typeEmail(widget, 'grace@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');

      const sent = await keys();
      expect(sent).toHaveLength(3);
      expect(sent[0]).toBeTruthy();
      expect(sent[1]).toBe(sent[0]);
      expect(sent[2]).toBeTruthy();
      expect(sent[2]).not.toBe(sent[0]);
      const bodies = (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links').map((request) => (request.body as { email: string }).email);
      expect(bodies).toEqual(['ada@example.com', 'ada@example.com', 'grace@example.com']);
    });
  });

  // Last: the wallet session's chains are fixed at its first connect (wallet options are read once per page).
  describe("another chain than the wallet's", () => {
    const sepolia = { 'chain-id': '11155111', endpoint: '/api/trusset-sepolia', country: 'DE', redirect: 'none' };

    it('asks the wallet to switch chain before signing, and completes', async () => {
      expect(wallet.chainId).toBe(1);
      const switches = wallet.count('wallet_switchEthereumChain');
      const widget = await mountWidget({ attributes: sepolia });
      await connect(widget);
      await typeEmail(widget, 'ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');

      expect(wallet.count('wallet_switchEthereumChain')).toBeGreaterThan(switches);
      expect(wallet.chainId).toBe(11155111);
      expect(statuses(widget)).toContain('switching-chain');
      expect(statuses(widget).indexOf('switching-chain')).toBeLessThan(statuses(widget).indexOf('signing'));
      const [link] = await backend.links();
      expect(link?.walletAddress).toBe(wallet.address);
      const signed = wallet.requests.filter((request) => request.method === 'personal_sign').at(-1)!;
      const message = new TextDecoder().decode(Uint8Array.from(((signed.params as [string])[0].slice(2).match(/../g) ?? []).map((byte) => parseInt(byte, 16))));
      expect(message).toContain('Chain ID: 11155111');
    });

    it('returns to the form with the wrong-network message, input kept, when the switch is refused', async () => {
      wallet.behaviour.rejectSwitch = true;
      const signatures = wallet.count('personal_sign');
      const widget = await mountWidget({ attributes: sepolia });
      await connect(widget);
      await typeEmail(widget, 'ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await expect.poll(() => statuses(widget)).toContain('switching-chain');
      await widget.until('ready');

      const expected = en.errors.WRONG_CHAIN.replace('{chain}', 'Sepolia');
      const error = await widget.find('[part=form] [part=error]');
      expect(error.textContent?.trim()).toBe(expected);
      expect((await widget.find<HTMLInputElement>('[part=email-input]')).value).toBe('ada@example.com');
      expect((await widget.find<HTMLSelectElement>('[part=country-select]')).value).toBe('DE');
      expect(wallet.count('personal_sign')).toBe(signatures);
      expect(wallet.chainId).toBe(1);
      expect(await backend.links()).toEqual([]);
    });
  });
});
