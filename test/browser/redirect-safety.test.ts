import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { backend, mountWidget, testWallet, recordNavigations } from './fixture.js';

testWallet();
const EMAIL = 'grace.hopper@example.com';
const REDIRECT_MODES = ['same-tab', 'new-tab', 'none'] as const;
const LOG_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

type Widget = Awaited<ReturnType<typeof mountWidget>>;

let logs: MockInstance[] = [];

beforeEach(async () => {
  await backend.reset();
  logs = LOG_METHODS.map((method) => vi.spyOn(console, method));
});
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** The raw backend's answer to `POST /id-links`, in the contract's field style. */
function created(url: string) {
  return { route: 'id-links' as const, status: 201, body: { success: true, data: { id: 'link_x', url, status: 'pending', expiresAt: inAnHour() } } };
}

/**
 * Connects, fills the form and submits against the raw backend, which answers `answer`.
 * Navigation goes to a recorder: a same-tab navigation would end the test page.
 */
async function submitWith(answer: ReturnType<typeof created>, attributes: Record<string, string>, allowNavigation = false) {
  await backend.script(answer);
  const widget = await mountWidget({
    attributes: { endpoint: '/raw-backend', 'verify-hosts': `${location.host},verify.trusset.org`, country: 'DE', ...attributes },
    allowNavigation,
  });
  const navigations = recordNavigations();

  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
  await userEvent.click(await widget.find('[part=submit-button]'));
  return { widget, navigations };
}

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type);
}

function logged(): string {
  return logs
    .flatMap((spy) => spy.mock.calls.flat())
    .map((arg) => (arg instanceof Error ? `${arg.stack} ${arg.message} ${JSON.stringify(arg)} ${String((arg as { cause?: unknown }).cause)}` : typeof arg === 'string' ? arg : JSON.stringify(arg)))
    .join('\n');
}

const BLOCKED: [string, string][] = [
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
  ['http: off loopback, on a listed host', 'http://verify.trusset.org/x'],
  ['a host outside verify-hosts', 'https://verify.evil.example/x'],
  ['a look-alike that starts with the allowed host', `https://${location.host}.evil.example/x`],
  ['a look-alike that ends with the allowed host name', `https://evil-${location.hostname}/x`],
  ['an https: URL without a host', 'https://'],
  ['a string that is not a URL', 'not a url'],
];

describe('<trusset-verify>', () => {
  describe('redirect safety', () => {
    for (const mode of REDIRECT_MODES) {
      describe(`with redirect="${mode}"`, () => {
        it.each(BLOCKED)('refuses %s (%s): REDIRECT_BLOCKED, no link, no event carries it', async (_name, url) => {
          const { widget, navigations } = await submitWith(created(url), { redirect: mode });

          await widget.until('submit-failed');

          const errors = eventsOf(widget, 'trusset-error');
          expect(errors.map((event) => [event.detail.code, event.detail.retryable])).toEqual([['REDIRECT_BLOCKED', false]]);
          expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.errors.REDIRECT_BLOCKED);
          expect(widget.root.querySelector('[part=retry-button]')).toBeNull();
          expect(eventsOf(widget, 'trusset-link-created')).toEqual([]);
          expect(eventsOf(widget, 'trusset-redirect')).toEqual([]);
          expect(widget.root.querySelector('[part=continue-link]')).toBeNull();
          expect(widget.root.querySelector('a[href]:not([href=""])')).toBeNull();
          expect(navigations).toEqual([]);
          expect(widget.root.innerHTML).not.toContain(url);
          expect(widget.root.innerHTML).not.toContain(encodeURI(url));
          expect(JSON.stringify(widget.events.map((event) => event.detail))).not.toContain(JSON.stringify(url).slice(1, -1));
          expect(logged()).not.toContain(url);
          expect(widget.el.getAttribute('status')).toBe('submit-failed');
        });
      });
    }

    it('shows the link when the page cancels trusset-redirect', async () => {
      const url = `${location.origin}/link/link_x?token=abc`;
      const { widget, navigations } = await submitWith(created(url), { redirect: 'same-tab' });

      await widget.until('link-ready');

      expect(eventsOf(widget, 'trusset-link-created').map((event) => event.detail)).toEqual([{ id: 'link_x', url, status: 'pending', expiresAt: expect.any(String) }]);
      expect(eventsOf(widget, 'trusset-redirect').map((event) => [event.detail.url, event.defaultPrevented])).toEqual([[url, true]]);
      expect(navigations).toEqual([]);
      const link = widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      expect(link.href).toBe(url);
      expect(link.rel).toBe('noopener noreferrer');
      expect(eventsOf(widget, 'trusset-error')).toEqual([]);
    });

    it('navigates to the parsed href when trusset-redirect is not cancelled', async () => {
      const { widget, navigations } = await submitWith(created(`https://VERIFY.trusset.org:443/link/link_x`), { redirect: 'same-tab' }, true);

      await widget.until('redirecting');

      expect(navigations).toEqual(['https://verify.trusset.org/link/link_x']);
      expect(eventsOf(widget, 'trusset-redirect').map((event) => event.detail.url)).toEqual(['https://verify.trusset.org/link/link_x']);
    });

    it('shows a link that opens a new tab for redirect="new-tab", without a redirect event', async () => {
      const url = 'https://verify.trusset.org/link/link_x';
      const { widget, navigations } = await submitWith(created(url), { redirect: 'new-tab' });

      await widget.until('link-ready');

      expect(eventsOf(widget, 'trusset-link-created').map((event) => event.detail.url)).toEqual([url]);
      expect(eventsOf(widget, 'trusset-redirect')).toEqual([]);
      expect(navigations).toEqual([]);
      const link = widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      expect(link.getAttribute('href')).toBe(url);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    });

    it('emits trusset-link-created and shows the link for redirect="none", without a redirect event', async () => {
      const url = 'https://verify.trusset.org/link/link_x';
      const { widget, navigations } = await submitWith(created(url), { redirect: 'none' });

      await widget.until('link-ready');

      expect(eventsOf(widget, 'trusset-link-created').map((event) => event.detail.url)).toEqual([url]);
      expect(eventsOf(widget, 'trusset-redirect')).toEqual([]);
      expect(navigations).toEqual([]);
      expect(widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!.getAttribute('rel')).toBe('noopener noreferrer');
    });

    it('accepts the newer field style (verificationUrl, PENDING)', async () => {
      const url = 'https://verify.trusset.org/link/link_x';
      const answer = { route: 'id-links' as const, status: 201, body: { success: true, data: { id: 'link_x', verificationUrl: url, url: null, status: 'PENDING', expiresAt: inAnHour() } } };
      const { widget } = await submitWith(answer as unknown as ReturnType<typeof created>, { redirect: 'new-tab' });

      await widget.until('link-ready');

      expect(eventsOf(widget, 'trusset-link-created').map((event) => [event.detail.url, event.detail.status])).toEqual([[url, 'pending']]);
      expect(widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!.getAttribute('href')).toBe(url);
    });

    it('checks a verificationUrl of the newer field style too', async () => {
      const url = 'https://verify.evil.example/link/link_x';
      const answer = { route: 'id-links' as const, status: 201, body: { success: true, data: { id: 'link_x', verificationUrl: url, status: 'PENDING', expiresAt: inAnHour() } } };
      const { widget } = await submitWith(answer as unknown as ReturnType<typeof created>, { redirect: 'none' });

      await widget.until('submit-failed');

      expect(eventsOf(widget, 'trusset-error').map((event) => event.detail.code)).toEqual(['REDIRECT_BLOCKED']);
      expect(eventsOf(widget, 'trusset-link-created')).toEqual([]);
      expect(widget.root.innerHTML).not.toContain(url);
    });
  });
});
