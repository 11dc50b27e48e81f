import { userEvent } from 'vitest/browser';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { completeEnglish } from '../../src/i18n/en-later.js';
import { OTHER_PRIVATE_KEY, TEST_PRIVATE_KEY } from '../support/accounts.js';
import type { TestWallet } from '../support/test-wallet.js';
import { backend, keepLinkOnPage, type MountOptions, mountWidget, testWallet, waitFor, watchStrayErrors, type Widget } from './fixture.js';

// English with the groups the views after Connect bring.
const en = completeEnglish();

// docs/element.md, "After the link": what follows the link — its status while the user verifies in another tab, resuming
// an open link after a reload, and the wallet's entry in the identity registry.

const EMAIL = 'ada.lovelace@example.com';
const COUNTRY = 'FR';
const SAVED_LINK_KEY = 'trusset-verify.link';

const stray = watchStrayErrors();

beforeAll(() => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
});

let wallet: TestWallet;
beforeEach(() => {
  wallet = testWallet();
  wallet.switchAccount(TEST_PRIVATE_KEY);
  sessionStorage.removeItem(SAVED_LINK_KEY);
});

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type).map((event) => event.detail);
}

/** Connects, fills the form and submits; resolves in `link-ready` with the created link's id. */
async function linkReady(options: MountOptions = {}): Promise<{ widget: Widget; id: string }> {
  const widget = await mountWidget({ ...options, attributes: { redirect: 'new-tab', ...options.attributes } });
  keepLinkOnPage(widget);
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
  await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), COUNTRY);
  await userEvent.click(await widget.find('[part=submit-button]'));
  await widget.until('link-ready');
  return { widget, id: eventsOf(widget, 'trusset-link-created').at(-1).id };
}

/** The page became visible again: the widget polls at once. */
function pageVisibleAgain(): void {
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Past the kit's 30 s status cache, then back to the page. */
async function laterOnThePage(): Promise<void> {
  await backend.advanceClock(31_000);
  pageVisibleAgain();
}

describe('<trusset-verify> after the link', () => {
  describe('status tracking', () => {
    it('follows the opened link: completed is "submitted, being reviewed", one trusset-link-status per change, and the saved link goes', async () => {
      const { widget, id } = await linkReady();
      expect(widget.root.querySelector('[part=link-status]')).toBeNull();

      await userEvent.click(await widget.find('[part=continue-link]'));
      expect(await widget.find('[part=link-status]')).toBeTruthy();
      expect(widget.root.querySelector('[part=link-status]')!.textContent).toContain(en.tracking.next.pending);
      expect(JSON.parse(sessionStorage.getItem(SAVED_LINK_KEY)!).linkId).toBe(id);

      await backend.linkAction(id, 'approve');
      await laterOnThePage();
      await waitFor(() => eventsOf(widget, 'trusset-link-status').length === 1, 'the completed status');

      expect(eventsOf(widget, 'trusset-link-status')).toEqual([{ id, status: 'completed' }]);
      expect(widget.el.status).toBe('link-ready');
      await widget.el.updateComplete;
      const shown = widget.root.querySelector('[part=link-status]')!.textContent!;
      expect(shown).toContain(en.linkStatus.completed);
      expect(shown).toContain(en.tracking.next.completed);
      // The link is done with: not offered again, and not kept for resuming.
      expect(widget.root.querySelector('[part=continue-link]')).toBeNull();
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).toBeNull();
      // Completed is not a verdict: no trusset-verified without a registry.
      expect(eventsOf(widget, 'trusset-verified')).toEqual([]);

      // Nothing new when nothing changed.
      pageVisibleAgain();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(eventsOf(widget, 'trusset-link-status')).toHaveLength(1);
      stray.expectNone();
    });

    it('polls by itself five seconds after the link was opened', async () => {
      const { widget, id } = await linkReady();
      await userEvent.click(await widget.find('[part=continue-link]'));
      await backend.linkAction(id, 'reject');
      await backend.advanceClock(31_000);

      const openedAt = Date.now();
      await waitFor(() => eventsOf(widget, 'trusset-link-status').length === 1, 'the first poll', 8_000);

      expect(Date.now() - openedAt).toBeGreaterThan(3_500);
      expect(eventsOf(widget, 'trusset-link-status')).toEqual([{ id, status: 'rejected' }]);
    }, 15_000);

    it.each([
      ['reject', 'rejected'],
      ['revoke', 'revoked'],
      ['expire', 'expired'],
    ] as const)('after %s, says so with the way forward, and Start again returns to the form as typed', async (action, status) => {
      const { widget, id } = await linkReady();
      await userEvent.click(await widget.find('[part=continue-link]'));

      await backend.linkAction(id, action);
      await laterOnThePage();
      await waitFor(() => eventsOf(widget, 'trusset-link-status').length === 1, `the ${status} status`);

      expect(eventsOf(widget, 'trusset-link-status')).toEqual([{ id, status }]);
      await widget.el.updateComplete;
      const shown = widget.root.querySelector('[part=link-status]')!.textContent!;
      expect(shown).toContain(en.linkStatus[status]);
      // `{partner}` is the app's name (the page title here).
      for (const piece of en.tracking.next[status].split('{partner}')) expect(shown).toContain(piece);
      expect(widget.root.querySelector('[part=continue-link]')).toBeNull();
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).toBeNull();

      await userEvent.click(await widget.find('[part=restart-button]'));
      await widget.until('ready');
      expect((await widget.find<HTMLInputElement>('[part=email-input]')).value).toBe(EMAIL);
      expect((await widget.find<HTMLSelectElement>('[part=country-select]')).value).toBe(COUNTRY);
      expect(widget.root.querySelector('[part=resume]')).toBeNull();

      // The same e-mail and country again: a new link, not the dead one replayed under the old Idempotency-Key.
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');
      const ids = eventsOf(widget, 'trusset-link-created').map((link) => link.id);
      expect(ids).toHaveLength(2);
      expect(ids[1]).not.toBe(id);
      expect(await backend.links()).toHaveLength(2);
      stray.expectNone();
    });

    it('stops following the link when the account changes: the old link is never shown again', async () => {
      const { widget, id } = await linkReady();
      await userEvent.click(await widget.find('[part=continue-link]'));

      wallet.switchAccount(OTHER_PRIVATE_KEY);
      await widget.until('ready');
      await backend.linkAction(id, 'approve');
      await laterOnThePage();
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(eventsOf(widget, 'trusset-link-status')).toEqual([]);
      expect(widget.el.status).toBe('ready');
    });

    it('does not track in same-tab mode, where the user has left the page', async () => {
      // The fixture cancels the navigation (trusset-redirect), which leaves the link on the page.
      const { widget } = await linkReady({ attributes: { redirect: 'same-tab' } });

      expect(widget.root.querySelector('[part=link-status]')).toBeNull();
      // Saved all the same: the back button from the verification page comes back to a resumable link.
      expect(JSON.parse(sessionStorage.getItem(SAVED_LINK_KEY)!)).toEqual({
        linkId: eventsOf(widget, 'trusset-link-created')[0].id,
        wallet: wallet.address,
        expiresAt: eventsOf(widget, 'trusset-link-created')[0].expiresAt,
        statusToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      });
    });
  });

  describe('resuming after a reload', () => {
    const reuse = { attributes: { endpoint: '/api/trusset-reuse' } };

    it('keeps only the link id, wallet, expiry and status token, and continues the same link with a fresh signature', async () => {
      const first = await linkReady(reuse);
      const saved = JSON.parse(sessionStorage.getItem(SAVED_LINK_KEY)!);
      expect(Object.keys(saved).sort()).toEqual(['expiresAt', 'linkId', 'statusToken', 'wallet']);
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).not.toContain(EMAIL);
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).not.toContain('http');
      first.widget.remove();

      // The page again, as after a reload: a new widget, the same tab's storage.
      const widget = await mountWidget({ attributes: { endpoint: '/api/trusset-reuse', redirect: 'new-tab' } });
      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');
      const offer = await widget.find('[part=resume]');
      expect(offer.textContent).toContain(en.tracking.resumeTitle);
      const signaturesBefore = wallet.count('personal_sign');

      await userEvent.click(await widget.find('[part=resume-button]'));
      await widget.until('link-ready');

      expect(wallet.count('personal_sign')).toBe(signaturesBefore + 1);
      expect(eventsOf(widget, 'trusset-link-created').map((link) => link.id)).toEqual([first.id]);
      expect(await backend.links()).toHaveLength(1);
      stray.expectNone();
    });

    it('offers nothing for another wallet, and nothing once the link is no longer pending', async () => {
      const first = await linkReady(reuse);
      first.widget.remove();

      wallet.switchAccount(OTHER_PRIVATE_KEY);
      const other = await mountWidget(reuse);
      await userEvent.click(await other.find('[part=connect-button]'));
      await other.until('ready');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(other.root.querySelector('[part=resume]')).toBeNull();
      // Another wallet's saved link stays for that wallet.
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).not.toBeNull();
      other.remove();

      wallet.switchAccount(TEST_PRIVATE_KEY);
      await backend.linkAction(first.id, 'revoke');
      await backend.advanceClock(31_000);
      const widget = await mountWidget(reuse);
      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');
      await waitFor(() => sessionStorage.getItem(SAVED_LINK_KEY) === null, 'the revoked link to be forgotten');
      expect(widget.root.querySelector('[part=resume]')).toBeNull();
    });

    it('drops the offer when that wallet disconnects and another one connects', async () => {
      const first = await linkReady(reuse);
      first.widget.remove();
      const widget = await mountWidget(reuse);
      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.find('[part=resume-button]');

      await userEvent.click(await widget.find('[part=disconnect-button]'));
      await widget.until('idle');
      wallet.switchAccount(OTHER_PRIVATE_KEY);
      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');
      await widget.find('[part=form]');

      expect(eventsOf(widget, 'trusset-connect').at(-1).address).not.toBe(eventsOf(widget, 'trusset-connect')[0].address);
      expect(widget.root.querySelector('[part=resume]')).toBeNull();
    });

    it('says the link can no longer be continued when the backend refuses (RESUME_UNAVAILABLE), and the form still works', async () => {
      // A backend without the kit's reuse option answers a resume with 404.
      const first = await linkReady();
      first.widget.remove();

      const widget = await mountWidget({ attributes: { redirect: 'new-tab' } });
      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');
      await userEvent.click(await widget.find('[part=resume-button]'));
      await waitFor(() => eventsOf(widget, 'trusset-error').length === 1, 'the refusal');

      expect(eventsOf(widget, 'trusset-error')).toEqual([{ code: 'RESUME_UNAVAILABLE', message: en.errors.RESUME_UNAVAILABLE, retryable: false, requestId: expect.any(String) }]);
      await widget.until('ready');
      expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.errors.RESUME_UNAVAILABLE);
      expect(widget.root.querySelector('[part=resume]')).toBeNull();
      expect(sessionStorage.getItem(SAVED_LINK_KEY)).toBeNull();

      await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
      await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), COUNTRY);
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');
      expect(await backend.links()).toHaveLength(2);
      stray.expectNone();
    });

    it('ignores a saved link that is malformed or expired, and removes it', async () => {
      for (const value of ['not json', JSON.stringify({ linkId: 'x' }), JSON.stringify({ linkId: 'l', wallet: '0x0', expiresAt: '2000-01-01T00:00:00Z', statusToken: 't' })]) {
        sessionStorage.setItem(SAVED_LINK_KEY, value);
        const widget = await mountWidget(reuse);
        await userEvent.click(await widget.find('[part=connect-button]'));
        await widget.until('ready');
        await waitFor(() => sessionStorage.getItem(SAVED_LINK_KEY) === null, 'the saved link to be removed');
        expect(widget.root.querySelector('[part=resume]')).toBeNull();
        widget.remove();
      }
      stray.expectNone();
    });
  });
});
