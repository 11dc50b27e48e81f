import { userEvent } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { BACKEND_CODES, type ErrorCode } from '../../src/errors/codes.js';
import { en } from '../../src/i18n/en.js';
import { ERROR_CODES } from '../../src/kit/errors.js';
import type { RawAnswer } from '../support/test-backend-plugin.js';
import { backend, mountWidget, testWallet, waitFor, watchStrayErrors, type Widget, textOf, recordNavigations } from './fixture.js';

testWallet();
const EMAIL = 'ada.lovelace@example.com';
const COUNTRY = 'FR';
const COUNTRY_NAME = new Intl.DisplayNames(['en'], { type: 'region' }).of(COUNTRY)!;
const RETRY_AFTER = 30;
/** The widget gives up on the backend after 20 s (src/backend-client/request.ts); a hanging backend costs that much. */
const WIDGET_TIMEOUT_MS = 20_000;

/** How the backend fails: a scripted answer of the raw backend, one that never comes, or no backend at all. */
type Fault = { answer: RawAnswer } | { hang: true } | { refused: true };

interface Row {
  name: string;
  fault: Fault;
  code: ErrorCode;
  retryable: boolean;
  /** The sentence the user sees. */
  sentence: string;
  /** Shown under this form field (the form stays open) rather than as the step's failure. */
  field?: 'email' | 'country';
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const refusal = (status: number, code: string, headers?: Record<string, string>): RawAnswer => ({
  route: 'id-links',
  status,
  ...(headers ? { headers } : {}),
  body: { success: false, error: { code, message: code } },
});
const created = (data: Record<string, unknown>, status = 201): RawAnswer => ({ route: 'id-links', status, body: { success: true, data } });
const linkData = (url: string) => ({ id: 'link_x', url, status: 'pending', expiresAt: inAnHour() });

/** What the user is told for a code the widget knows, its placeholders filled as this test fills the form. */
function sentenceFor(code: keyof typeof en.errors): string {
  return en.errors[code].replace('{country}', COUNTRY_NAME).replace('{seconds}', String(RETRY_AFTER));
}

/**
 * Every documented code, each with the HTTP status the kit sends it with. REQUEST_TIMEOUT (408) has
 * its own test below: Chromium re-sends a request answered 408 on a reused connection by itself.
 */
const CODE_ROWS: Row[] = (Object.keys(BACKEND_CODES) as (keyof typeof BACKEND_CODES)[])
  .filter((code) => code !== 'REQUEST_TIMEOUT')
  .map((code) => {
    const { status, field } = ERROR_CODES[code] as { status: number; field?: string };
    const headers = code === 'RATE_LIMITED' ? { 'Retry-After': String(RETRY_AFTER) } : undefined;
    return {
      name: `${status} ${code}`,
      fault: { answer: refusal(status, code, headers) },
      code,
      retryable: BACKEND_CODES[code],
      sentence: sentenceFor(code),
      ...(field === 'email' || field === 'country' ? { field } : {}),
    };
  });

/** A status without the contract's envelope (a proxy's or a framework's page) is classified by status. */
const BARE_STATUS_ROWS: Row[] = [402, 404, 409, 413, 429, 500, 502, 503, 504].map((status) => {
  const retryable = status === 429 || status >= 500;
  return {
    name: `a bare ${status} with an HTML body${status === 429 ? ' and Retry-After' : ''}`,
    fault: {
      answer: {
        route: 'id-links',
        status,
        headers: { 'content-type': 'text/html', ...(status === 429 ? { 'Retry-After': String(RETRY_AFTER) } : {}) },
        body: `<html><body><h1>${status}</h1></body></html>`,
      },
    },
    code: 'UNKNOWN_ERROR',
    retryable,
    sentence: retryable ? en.errorFallbacks.server : en.errorFallbacks.client,
  };
});

const BLOCKED_URLS: [string, string][] = [
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
  ['an http: URL off loopback', 'http://verify.trusset.org/link/link_x'],
  ['a URL on a foreign host', 'https://verify.evil.example/link/link_x'],
];

const ROWS: Row[] = [
  { name: 'connection refused', fault: { refused: true }, code: 'NETWORK_ERROR', retryable: true, sentence: en.errors.NETWORK_ERROR },
  { name: 'no answer within the widget timeout', fault: { hang: true }, code: 'TIMEOUT', retryable: true, sentence: en.errors.TIMEOUT },
  ...CODE_ROWS,
  ...BARE_STATUS_ROWS,
  {
    name: 'a 201 whose body is not JSON',
    fault: { answer: { route: 'id-links', status: 201, headers: { 'content-type': 'text/html' }, body: '<html><body>ok</body></html>' } },
    code: 'INVALID_RESPONSE',
    retryable: false,
    sentence: en.errors.INVALID_RESPONSE,
  },
  {
    name: 'JSON that is not the envelope',
    fault: { answer: { route: 'id-links', status: 201, body: [{ url: `${location.origin}/link/link_x` }] } },
    code: 'INVALID_RESPONSE',
    retryable: false,
    sentence: en.errors.INVALID_RESPONSE,
  },
  {
    name: 'an envelope whose data has the wrong shape',
    fault: { answer: created({ id: 42, url: 7, status: ['pending'] }) },
    code: 'INVALID_RESPONSE',
    retryable: false,
    sentence: en.errors.INVALID_RESPONSE,
  },
  {
    name: 'success without a URL',
    fault: { answer: created({ id: 'link_x', status: 'pending', expiresAt: inAnHour() }) },
    code: 'INVALID_RESPONSE',
    retryable: false,
    sentence: en.errors.INVALID_RESPONSE,
  },
  ...BLOCKED_URLS.map(
    ([name, url]): Row => ({
      name: `success with ${name}`,
      fault: { answer: created(linkData(url)) },
      code: 'REDIRECT_BLOCKED',
      retryable: false,
      sentence: en.errors.REDIRECT_BLOCKED,
    }),
  ),
];

const stray = watchStrayErrors();

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type);
}

async function postedLinks(): Promise<number> {
  return (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links').length;
}

/** Connects, types the e-mail, chooses the country and submits against a backend failing with `fault`, then answering `then`. */
async function submitAgainst(fault: Fault, ...then: RawAnswer[]) {
  if ('answer' in fault) await backend.script(fault.answer, ...then);
  if ('hang' in fault) await backend.script({ route: 'id-links', hang: true });
  const endpoint = 'refused' in fault ? 'http://127.0.0.1:9/api' : '/raw-backend';
  const widget = await mountWidget({ attributes: { endpoint, 'verify-hosts': `${location.host},verify.trusset.org` } });
  const navigations = recordNavigations();

  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
  await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), COUNTRY);
  await userEvent.click(await widget.find('[part=submit-button]'));
  return { widget, navigations };
}

describe('<trusset-verify>', () => {
  describe('fault matrix: when the backend fails', () => {
    it.each(ROWS.map((row) => [row.name, row] as const))(
      'handles %s: the intended sentence, a retry exactly when retryable, the input intact',
      async (_name, row) => {
        const { widget, navigations } = await submitAgainst(row.fault);

        await waitFor(() => eventsOf(widget, 'trusset-error').length > 0, 'the trusset-error event', 'hang' in row.fault ? WIDGET_TIMEOUT_MS + 10_000 : 15_000);
        await widget.until(row.field ? 'ready' : 'submit-failed');

        expect(eventsOf(widget, 'trusset-error').map((event) => [event.detail.code, event.detail.message, event.detail.retryable])).toEqual([[row.code, row.sentence, row.retryable]]);
        if (row.field) {
          expect(textOf(widget, '[part=field-error]')).toBe(row.sentence);
          expect(widget.root.querySelector(row.field === 'email' ? '[part=email-input]' : '[part=country-select]')!.getAttribute('aria-invalid')).toBe('true');
        } else {
          expect(textOf(widget, '[part=error]')).toContain(row.sentence);
        }
        expect(widget.root.querySelector('[part=retry-button]') !== null).toBe(row.retryable);
        expect(widget.root.querySelector<HTMLInputElement>('[part=email-input]')!.value).toBe(EMAIL);
        expect(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!.value).toBe(COUNTRY);
        expect(eventsOf(widget, 'trusset-link-created')).toEqual([]);
        expect(eventsOf(widget, 'trusset-redirect')).toEqual([]);
        expect(widget.root.querySelector('[part=continue-link]')).toBeNull();
        expect(navigations).toEqual([]);
        stray.expectNone();

        if (row.retryable) {
          // The backend recovers: the retry sends a new request, and that one succeeds.
          const url = `${location.origin}/link/link_retried`;
          await backend.script(created({ ...linkData(url), id: 'link_retried' }));
          if ('refused' in row.fault) {
            widget.el.endpoint = '/raw-backend';
            await widget.el.updateComplete;
          }
          const postedBefore = await postedLinks();

          await userEvent.click(await widget.find('[part=retry-button]'));
          await widget.until('link-ready');

          expect(await postedLinks()).toBe(postedBefore + 1);
          expect(eventsOf(widget, 'trusset-link-created').map((event) => event.detail.url)).toEqual([url]);
          expect(eventsOf(widget, 'trusset-error')).toHaveLength(1);
          stray.expectNone();
        }
      },
      WIDGET_TIMEOUT_MS + 30_000,
    );

    it('never shows REQUEST_TIMEOUT (408) in Chromium, which re-sends the request itself with the same Idempotency-Key', async () => {
      const url = `${location.origin}/link/link_resent`;
      const { widget } = await submitAgainst({ answer: refusal(408, 'REQUEST_TIMEOUT') }, created({ ...linkData(url), id: 'link_resent' }));

      await widget.until('link-ready');

      const posted = (await backend.rawRequests()).filter((request) => request.path === '/raw-backend/id-links');
      expect(posted).toHaveLength(2);
      expect(new Set(posted.map((request) => request.headers['idempotency-key'])).size).toBe(1);
      expect(posted[1]!.body).toEqual(posted[0]!.body);
      expect(eventsOf(widget, 'trusset-error')).toEqual([]);
      expect(eventsOf(widget, 'trusset-link-created').map((event) => event.detail.url)).toEqual([url]);
      stray.expectNone();
    });
  });
});
