import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { OTHER_PRIVATE_KEY, TEST_PRIVATE_KEY, otherAccount, testAccount } from '../support/accounts.js';
import { backend, mountWidget, testWallet, type MountOptions, waitFor, type Widget, textOf } from './fixture.js';

const wallet = testWallet();
const EMAIL = 'ada.lovelace@example.com';
const COUNTRY = 'FR';
const COUNTRY_NAME = new Intl.DisplayNames(['en'], { type: 'region' }).of(COUNTRY)!;

function resetWallet(): void {
  Object.assign(wallet.behaviour, { rejectConnect: false, rejectSignature: false, rejectSwitch: false, holdSignatures: false });
  while (wallet.heldSignatures > 0) wallet.releaseSignature();
  wallet.switchAccount(TEST_PRIVATE_KEY);
  wallet.setChain(1);
}

beforeEach(async () => {
  resetWallet();
  await backend.reset();
});
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

/** Connects and fills the form the way a person does: an e-mail typed, a country chosen. */
async function filledWidget(options: MountOptions = {}): Promise<Widget> {
  const widget = await mountWidget(options);
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
  await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), COUNTRY);
  return widget;
}

async function submit(widget: Widget): Promise<void> {
  await userEvent.click(await widget.find('[part=submit-button]'));
}

function expectInputIntact(widget: Widget): void {
  expect(widget.root.querySelector<HTMLInputElement>('[part=email-input]')!.value).toBe(EMAIL);
  expect(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!.value).toBe(COUNTRY);
}

function errorEvents(widget: Widget) {
  return widget.events.filter((event) => event.type === 'trusset-error');
}

const linkAnswer = (id = 'link_ok') => ({
  route: 'id-links' as const,
  status: 201,
  body: { success: true, data: { id, url: `${location.origin}/link/${id}`, status: 'pending', expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
});

describe('<trusset-verify>', () => {
  describe('when the backend cannot be reached', () => {
    it('says so, offers a retry that works, and keeps what the user typed', async () => {
      const widget = await filledWidget({ attributes: { endpoint: 'http://127.0.0.1:9/api' } });

      await submit(widget);
      await widget.until('submit-failed');

      expect(textOf(widget, '[part=error]')).toContain(en.errors.NETWORK_ERROR);
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.retryable])).toEqual([['NETWORK_ERROR', true]]);
      expectInputIntact(widget);

      await userEvent.click(await widget.find('[part=retry-button]'));
      await waitFor(() => errorEvents(widget).length === 2, 'the retry to fail again');
      await widget.until('submit-failed');

      expectInputIntact(widget);
      expect(textOf(widget, '[part=error]')).toContain(en.errors.NETWORK_ERROR);

      // The connection comes back (here: the page points the widget at a backend that answers).
      widget.el.endpoint = '/api/trusset';
      await widget.el.updateComplete;
      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready');

      const links = await backend.links();
      expect(links).toHaveLength(1);
      expect(links[0]!.email).toBe(EMAIL);
    });
  });

  describe('when the backend refuses', () => {
    it('marks the e-mail field for INVALID_EMAIL and keeps the form as typed', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script({ route: 'id-links', status: 400, body: { success: false, error: { code: 'INVALID_EMAIL', message: `${EMAIL} is not valid`, field: 'email' } } });

      await submit(widget);
      await widget.until('ready');
      await widget.find('[part=field-error]');

      const input = widget.root.querySelector<HTMLInputElement>('[part=email-input]')!;
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(textOf(widget, '[part=field-error]')).toBe(en.errors.INVALID_EMAIL);
      expect(widget.root.querySelector('[part=retry-button]')).toBeNull();
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.retryable])).toEqual([['INVALID_EMAIL', false]]);
      expectInputIntact(widget);
    });

    it('says the chosen country cannot be verified for COUNTRY_BLOCKED, naming it', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script({ route: 'id-links', status: 403, body: { success: false, error: { code: 'COUNTRY_BLOCKED', message: 'blocked', field: 'country' } } });

      await submit(widget);
      await widget.until('ready');
      await widget.find('[part=field-error]');

      const message = en.errors.COUNTRY_BLOCKED.replace('{country}', COUNTRY_NAME);
      expect(textOf(widget, '[part=field-error]')).toBe(message);
      expect(message).toContain(COUNTRY_NAME);
      expect(widget.root.querySelector('[part=country-select]')!.getAttribute('aria-invalid')).toBe('true');
      expect(widget.root.querySelector('[part=retry-button]')).toBeNull();
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.message, event.detail.retryable])).toEqual([['COUNTRY_BLOCKED', message, false]]);
      expectInputIntact(widget);
    });

    it('says when to try again for RATE_LIMITED, and the retry works', async () => {
      const widget = await filledWidget();
      await backend.fault('429:30', 'create');

      await submit(widget);
      await widget.until('submit-failed');

      const message = en.errors.RATE_LIMITED.replace('{seconds}', '30');
      expect(textOf(widget, '[part=error]')).toContain(message);
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.message, event.detail.retryable])).toEqual([['RATE_LIMITED', message, true]]);
      expectInputIntact(widget);

      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready');

      expect(await backend.links()).toHaveLength(1);
    });

    it('offers a retry for UPSTREAM_UNAVAILABLE (Trusset answered 503) that creates exactly one link', async () => {
      const widget = await filledWidget();
      await backend.fault('503', 'create');

      await submit(widget);
      await widget.until('submit-failed');

      expect(textOf(widget, '[part=error]')).toContain(en.errors.UPSTREAM_UNAVAILABLE);
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.retryable])).toEqual([['UPSTREAM_UNAVAILABLE', true]]);
      expect(await backend.links()).toHaveLength(0);
      expectInputIntact(widget);

      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready');

      const links = await backend.links();
      expect(links).toHaveLength(1);
      expect(links[0]!.walletAddress).toBe(testAccount.address);
      expect(widget.events.filter((event) => event.type === 'trusset-link-created')).toHaveLength(1);
    });

    it('treats an unknown code with a 5xx status as retryable, and the retry works', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script({ route: 'id-links', status: 503, body: { success: false, error: { code: 'SOMETHING_NEW', message: 'new' } } }, linkAnswer());

      await submit(widget);
      await widget.until('submit-failed');

      expect(textOf(widget, '[part=error]')).toContain(en.errorFallbacks.server);
      expect(errorEvents(widget).map((event) => event.detail.retryable)).toEqual([true]);
      expectInputIntact(widget);

      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready');

      expect(widget.events.filter((event) => event.type === 'trusset-link-created').map((event) => event.detail.id)).toEqual(['link_ok']);
    });

    it('treats an unknown code with a 404 status as not retryable', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script({ route: 'id-links', status: 404, body: { success: false, error: { code: 'SOMETHING_NEW', message: 'new' } } });

      await submit(widget);
      await widget.until('submit-failed');

      expect(textOf(widget, '[part=error]')).toContain(en.errorFallbacks.client);
      expect(widget.root.querySelector('[part=retry-button]')).toBeNull();
      expect(errorEvents(widget).map((event) => event.detail.retryable)).toEqual([false]);
      expectInputIntact(widget);

      await userEvent.click(await widget.find('[part=dismiss-button]'));
      await widget.until('ready');

      expectInputIntact(widget);
    });

    it('reports an answer that is not JSON as INVALID_RESPONSE', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script({ route: 'id-links', status: 201, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' });

      await submit(widget);
      await widget.until('submit-failed');

      expect(textOf(widget, '[part=error]')).toContain(en.errors.INVALID_RESPONSE);
      expect(errorEvents(widget).map((event) => [event.detail.code, event.detail.retryable])).toEqual([['INVALID_RESPONSE', false]]);
      expect(widget.root.querySelector('[part=retry-button]')).toBeNull();
      expectInputIntact(widget);
    });

    it('never puts the e-mail into trusset-error, even when the backend echoes it', async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script(
        { route: 'id-links', status: 400, body: { success: false, error: { code: 'INVALID_EMAIL', message: `Bad e-mail ${EMAIL}`, field: 'email' } } },
        { route: 'id-links', status: 500, body: { success: false, error: { code: `X_${EMAIL}`, message: EMAIL }, metadata: { requestId: EMAIL } } },
      );

      await submit(widget);
      await widget.until('ready');
      await submit(widget);
      await widget.until('submit-failed');

      const errors = errorEvents(widget);
      expect(errors).toHaveLength(2);
      for (const { detail } of errors) {
        expect(Object.keys(detail).sort()).toEqual(expect.arrayContaining(['code', 'message', 'retryable']));
        expect(typeof detail.code).toBe('string');
        expect(typeof detail.message).toBe('string');
        expect(typeof detail.retryable).toBe('boolean');
        expect(JSON.stringify(detail)).not.toContain(EMAIL);
        expect(JSON.stringify(detail)).not.toContain('example.com');
      }
      expect(widget.root.innerHTML).not.toContain(EMAIL);
    });
  });

  describe('when the user declines in the wallet', () => {
    it('goes back to the form without any error text after a declined signature', async () => {
      const widget = await filledWidget();
      wallet.behaviour.rejectSignature = true;

      await submit(widget);
      await waitFor(() => widget.events.some((event) => event.type === 'trusset-state-change' && event.detail.previous === 'signing'), 'the signature to be declined');
      await widget.until('ready');

      expect(wallet.count('personal_sign')).toBeGreaterThan(0);
      expect(widget.root.querySelector('[part=error], [part=field-error]')).toBeNull();
      expect(widget.root.querySelector('[role=alert]')).toBeNull();
      expect(errorEvents(widget)).toEqual([]);
      expectInputIntact(widget);

      wallet.behaviour.rejectSignature = false;
      await submit(widget);
      await widget.until('link-ready');

      expect(await backend.links()).toHaveLength(1);
    });

    it('goes back to idle without any error after a declined connection', async () => {
      wallet.disconnect();
      wallet.behaviour.rejectConnect = true;
      const widget = await mountWidget();

      await userEvent.click(await widget.find('[part=connect-button]'));
      await waitFor(() => widget.events.some((event) => event.type === 'trusset-state-change' && event.detail.previous === 'connecting'), 'the connection to be declined');
      await widget.until('idle');

      expect(widget.root.querySelector('[part=error], [part=field-error], [role=alert]')).toBeNull();
      expect(errorEvents(widget)).toEqual([]);
      expect(widget.root.querySelector('[part=connect-button]')).not.toBeNull();
    });
  });

  describe('with a configuration mistake', () => {
    it('is unavailable for chain-id="abc", logs one error naming chain-id, and recovers when chain-id becomes valid', async () => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});

      const widget = await mountWidget({ attributes: { 'chain-id': 'abc' } });
      await widget.until('unavailable');
      widget.el.requestUpdate();
      await widget.el.updateComplete;

      expect(widget.root.querySelector('[part=unavailable]')?.textContent?.trim()).toBe(en.unavailable);
      expect(widget.root.querySelector('[part=connect-button]')).toBeNull();
      // The sentence comes with the configuration checks' own chunk, loaded only on a mistake, a moment later.
      await expect.poll(() => consoleError.mock.calls.length).toBeGreaterThan(0);
      expect(consoleError).toHaveBeenCalledTimes(1);
      expect(String(consoleError.mock.calls[0]![0])).toContain('chain-id');

      widget.el.setAttribute('chain-id', '1');
      await widget.until('idle');

      expect(await widget.find('[part=connect-button]')).not.toBeNull();
      expect(widget.root.querySelector('[part=unavailable]')).toBeNull();
      expect(consoleError).toHaveBeenCalledTimes(1);
    });
  });

  describe('when the user is quicker than the backend', () => {
    it('creates exactly one link for a double click on Submit', async () => {
      const widget = await filledWidget();
      const signaturesBefore = wallet.count('personal_sign');

      await userEvent.dblClick(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');

      expect(await backend.links()).toHaveLength(1);
      expect(wallet.count('personal_sign') - signaturesBefore).toBe(1);
      expect(widget.events.filter((event) => event.type === 'trusset-link-created')).toHaveLength(1);
    });

    it("drops the old account's work when the account changes while signing", async () => {
      // The raw backend creates whatever it is sent, unverified: only the widget can drop the old work.
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      await backend.script(linkAnswer('link_first'), linkAnswer('link_second'));
      wallet.behaviour.holdSignatures = true;

      await submit(widget);
      await widget.until('signing');
      await waitFor(() => wallet.heldSignatures === 1, 'the signature request');
      wallet.switchAccount(OTHER_PRIVATE_KEY);
      wallet.behaviour.holdSignatures = false;
      wallet.releaseSignature();
      await widget.until('ready');

      expect(widget.root.querySelector('[part=account] code')?.getAttribute('title')).toBe(otherAccount.address);
      expect(widget.events.filter((event) => event.type === 'trusset-link-created' || event.type === 'trusset-redirect')).toEqual([]);
      expect(widget.root.querySelector('[part=continue-link]')).toBeNull();
      expectInputIntact(widget);

      // Submitting again with the new account: the only link ever asked for is the new account's.
      await submit(widget);
      await widget.until('link-ready');

      const posted = (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links');
      expect(posted.map((request) => (request.body as { walletAddress: string }).walletAddress)).toEqual([otherAccount.address]);
      expect(widget.events.filter((event) => event.type === 'trusset-link-created').map((event) => event.detail.id)).toEqual(['link_first']);
    });

    it("never shows the old account's link when the account changes while the link is being created", async () => {
      const widget = await filledWidget({ attributes: { endpoint: '/raw-backend' } });
      // The old account's answer comes after 800 ms; the new account's, asked for later, after 1500 ms:
      // by the time the new link shows, the old answer has long arrived (and must have been dropped).
      await backend.script({ ...linkAnswer('link_old'), delayMs: 800 }, { ...linkAnswer('link_new'), delayMs: 1500 });

      await submit(widget);
      await widget.until('creating');
      // 'creating' is set as the request starts out: the switch must come once it has arrived.
      await waitFor(async () => (await backend.rawRequests()).some((request) => request.path === '/raw-backend/id-links'), "the old account's request");
      wallet.switchAccount(OTHER_PRIVATE_KEY);
      await widget.until('ready');

      expect(widget.root.querySelector('[part=account] code')?.getAttribute('title')).toBe(otherAccount.address);
      expect(widget.events.filter((event) => event.type === 'trusset-connect').at(-1)?.detail.address).toBe(otherAccount.address);
      expectInputIntact(widget);

      await submit(widget);
      await widget.until('link-ready');

      const posted = (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links');
      expect(posted.map((request) => (request.body as { walletAddress: string }).walletAddress)).toEqual([testAccount.address, otherAccount.address]);
      expect(widget.events.filter((event) => event.type === 'trusset-link-created').map((event) => event.detail.id)).toEqual(['link_new']);
      expect(widget.events.filter((event) => event.type === 'trusset-redirect').map((event) => event.detail.url)).toEqual([`${location.origin}/link/link_new`]);
      expect(widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!.href).toBe(`${location.origin}/link/link_new`);
    });
  });
});
