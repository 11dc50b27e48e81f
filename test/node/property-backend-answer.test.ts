import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink, type CreatedLink } from '../../src/backend-client/create-link.js';
import { fetchLinkStatus } from '../../src/backend-client/link-status.js';
import { fetchNonce } from '../../src/backend-client/nonce.js';
import { checkLinkUrl } from '../../src/backend-client/redirect.js';
import { backendRequest, type BackendConfig } from '../../src/backend-client/request.js';
import { TrussetVerifyError } from '../../src/errors/base.js';
import { BackendError, RedirectBlockedError } from '../../src/errors/backend.js';
import { BACKEND_CODES, WIDGET_CODES } from '../../src/errors/codes.js';
import { checkVerifyUrl, normalizeVerifyHost } from '../../src/shared/verify-url.js';
import { closeServer, listen } from '../support/kit.js';

const RUNS = 2_000;

/** One answer of the partner backend, exactly as the server will send it. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

// One real server for the file; each run sets the answer it gives next.
let next: Answer = { status: 200, headers: {}, body: '' };
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(next.status, next.headers);
      response.end(next.body);
    });
  });
  endpoint = `${await listen(server)}/api/trusset`;
});

afterAll(async () => {
  await closeServer(server);
});

// What must never reach an error's message: the typed e-mail and the link's token.
const LEAK_MAIL = '@leak.example';
const LINK_TOKEN = 'TOKENzq';

const KNOWN_CODES = [...Object.keys(BACKEND_CODES), ...Object.keys(WIDGET_CODES)];
const SAFE_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_FIELD = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });

const verifyUrl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'https://verify.trusset.org',
        'https://VERIFY.trusset.org:443',
        'http://127.0.0.1:4000',
        'https://evil.example',
        'javascript:alert(1)//',
        'data:text/html,',
        'http://verify.trusset.org',
        'https://verify.trusset.org@evil.example',
        'https:\\\\verify.trusset.org',
      ),
      fc.stringMatching(/^[a-z0-9]{4,12}$/),
    )
    .map(([origin, token]) => `${origin}/link/${LINK_TOKEN}${token}`),
  fc.webUrl(),
  fc.string({ maxLength: 30 }),
);

const isoish = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('yesterday', '', '2026-13-45T00:00:00Z', 'Tue, 01 Jan 2030 00:00:00 GMT', '1e12'),
);

const linkData = fc.record(
  {
    id: maybe(fc.oneof(fc.stringMatching(/^link_[A-Za-z0-9]{12}$/), fc.string({ maxLength: 300 }))),
    url: maybe(verifyUrl),
    verificationUrl: maybe(verifyUrl),
    status: maybe(fc.constantFrom('pending', 'PENDING', 'completed', 'rejected', 'expired', 'EXPIRED', 'revoked', 'SOMETHING_NEW', '')),
    expiresAt: maybe(isoish),
    createdAt: maybe(isoish),
    walletAddress: maybe(fc.stringMatching(/^0x[0-9a-f]{40}$/)),
    statusToken: maybe(fc.stringMatching(/^[0-9a-f]{64}$/)),
    token: maybe(fc.string()),
    email: fc.emailAddress().map((mail) => `${mail.split('@')[0]}${LEAK_MAIL}`),
  },
  { requiredKeys: [] },
);

const nonceData = fc.record({ nonce: maybe(fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{8,40}$/), fc.string({ maxLength: 12 }))), serverTime: maybe(isoish) }, { requiredKeys: [] });

const errorObject = fc.record(
  {
    code: maybe(fc.oneof(fc.constantFrom(...Object.keys(BACKEND_CODES), 'INTERNAL_ERROR', 'SOME_NEW_CODE', 'lower_case', 'RATE-LIMITED'), fc.string({ maxLength: 70 }))),
    message: fc.emailAddress().map((mail) => `No link for ${mail.split('@')[0]}${LEAK_MAIL}`),
    field: maybe(fc.oneof(fc.constantFrom('email', 'country', 'walletAddress', 'a/b', 'x@y'), fc.string({ maxLength: 70 }))),
    retryAfter: maybe(fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('30', '1e400'))),
  },
  { requiredKeys: [] },
);

const envelope = fc.record(
  {
    success: maybe(fc.boolean()),
    data: fc.oneof(linkData, nonceData, junk),
    error: maybe(errorObject),
    metadata: maybe(fc.record({ requestId: maybe(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/), fc.string({ maxLength: 200 }), fc.constant(`req${LEAK_MAIL}`))) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

// A number above 1e308 is valid JSON that parses to Infinity; a body may also not be UTF-8 at all.
const body = fc.oneof(
  { weight: 6, arbitrary: envelope.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'null', '[]', '{}', '{"success":true}', '{"success":false}', '{"success":false,"error":{"code":"RATE_LIMITED","retryAfter":1e400}}', '<html>502 Bad Gateway</html>'),
  },
);

// Answers every call accepts: the link's and the nonce's fields side by side, any verification URL.
const wellFormed: fc.Arbitrary<Answer> = fc
  .record({
    status: fc.constantFrom(200, 201),
    id: fc.stringMatching(/^link_[A-Za-z0-9]{12}$/),
    url: verifyUrl,
    status_: fc.constantFrom('pending', 'PENDING', 'completed', 'EXPIRED', 'SOMETHING_NEW'),
    expiresAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
    nonce: fc.stringMatching(/^[A-Za-z0-9]{8,40}$/),
    requestId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
  })
  .map(({ status, status_, requestId, ...data }) => ({
    status,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ success: true, data: { ...data, status: status_, serverTime: data.expiresAt }, metadata: { requestId } }),
  }));

const anyAnswer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(fc.constantFrom(200, 201, 202, 204, 301, 304, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504), fc.integer({ min: 200, max: 599 })),
  headers: fc.record(
    {
      'Content-Type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'application/octet-stream'),
      'Retry-After': fc.oneof(
        fc.nat({ max: 100_000 }).map(String),
        fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
        printable,
      ),
      'X-Request-Id': fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/), printable),
    },
    { requiredKeys: ['Content-Type'] },
  ),
  body,
});

const answer = fc.oneof({ weight: 4, arbitrary: anyAnswer }, { weight: 1, arbitrary: wellFormed });

const call = fc.constantFrom('createLink', 'fetchNonce', 'fetchLinkStatus', 'backendRequest');

const VERIFY_HOSTS = ['verify.trusset.org', '127.0.0.1:4000'];

async function exchange(kind: string, config: BackendConfig): Promise<unknown> {
  const signal = new AbortController().signal;
  if (kind === 'createLink') return createLink(config, { email: `ada${LEAK_MAIL}`, walletAddress: '0x0000000000000000000000000000000000000001', country: 'DE' }, 'key-00000001', signal);
  if (kind === 'fetchNonce') return fetchNonce(config, signal);
  if (kind === 'fetchLinkStatus') return fetchLinkStatus(config, 'link_000000000001', 'f'.repeat(64), signal);
  return backendRequest(config, '/nonce', { method: 'GET', signal });
}

function checkResult(kind: string, result: unknown): void {
  if (kind === 'createLink') {
    const link = result as CreatedLink;
    expect(link.id.length).toBeGreaterThan(0);
    expect(link.id.length).toBeLessThanOrEqual(256);
    expect(typeof link.url).toBe('string');
    expect(['pending', 'completed', 'rejected', 'expired', 'revoked']).toContain(link.status);
    expect(Number.isNaN(Date.parse(link.expiresAt))).toBe(false);
    for (const optional of [link.walletAddress, link.createdAt, link.statusToken]) expect(['string', 'undefined']).toContain(typeof optional);
  } else if (kind === 'fetchNonce') {
    const nonce = result as { nonce: string; serverTime: string };
    expect(nonce.nonce).toMatch(/^[A-Za-z0-9]{8,128}$/);
    expect(Number.isNaN(Date.parse(nonce.serverTime))).toBe(false);
  } else if (kind === 'fetchLinkStatus') {
    const status = result as { id: string; status: string; expiresAt: string };
    expect(['pending', 'completed', 'rejected', 'expired', 'revoked']).toContain(status.status);
    expect(Number.isNaN(Date.parse(status.expiresAt))).toBe(false);
  }
}

function checkError(error: unknown, status: number): void {
  expect(error).toBeInstanceOf(TrussetVerifyError);
  const typed = error as TrussetVerifyError;
  expect(KNOWN_CODES).toContain(typed.code);
  expect(typed.message).not.toContain(LEAK_MAIL);
  expect(typed.message).not.toContain(LINK_TOKEN);
  // fetch itself turns these into network failures: a redirect (the widget asks for redirect: 'error')
  // and 407, proxy authentication, which fetch never passes to the page.
  if ([301, 302, 303, 307, 308, 407].includes(status)) {
    expect(typed.code).toBe('NETWORK_ERROR');
    return;
  }
  // 421 (misdirected): fetch asks again on a new connection, and Node's fetch fails that retry of a POST.
  if (status === 421 && typed.code === 'NETWORK_ERROR') return;
  expect(['NETWORK_ERROR', 'TIMEOUT']).not.toContain(typed.code);
  expect(typed.statusCode).toBe(status);
  if (typed.requestId !== undefined) expect(typed.requestId).toMatch(SAFE_TOKEN);
  if (typed.field !== undefined) expect(typed.field).toMatch(SAFE_FIELD);
  if (typed.retryAfter !== undefined) expect(Number.isFinite(typed.retryAfter) && typed.retryAfter >= 0).toBe(true);
  // A backend answer cannot make a code retryable that is not, nor the reverse.
  if (typed.code === 'UNKNOWN_ERROR') expect(typed.retryable).toBe(status === 429 || status >= 500);
  else if (typed instanceof BackendError) expect(typed.retryable).toBe(BACKEND_CODES[typed.code as keyof typeof BACKEND_CODES]);
}

describe('the backend-answer parser, on generated answers', () => {
  it('yields a well-typed result or one of the project’s typed errors, whatever the status, headers and body', async () => {
    await fc.assert(
      fc.asyncProperty(call, answer, async (kind, generated) => {
        next = generated;

        const outcome = await exchange(kind, { endpoint, headers: {}, credentials: 'same-origin' }).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        );

        if (outcome.ok) {
          expect(generated.status).toBeGreaterThanOrEqual(200);
          expect(generated.status).toBeLessThan(300);
          checkResult(kind, outcome.result);
        } else {
          checkError(outcome.error, generated.status);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a created link whose URL either passes the redirect guard or is blocked as REDIRECT_BLOCKED', async () => {
    await fc.assert(
      fc.asyncProperty(linkData, fc.constantFrom(200, 201), async (data, status) => {
        next = { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ success: true, data }) };

        const outcome = await exchange('createLink', { endpoint, headers: {}, credentials: 'same-origin' }).then(
          (link) => ({ link: link as CreatedLink }),
          (error: unknown) => ({ error }),
        );

        if ('error' in outcome) {
          checkError(outcome.error, status);
          return;
        }
        let guarded: unknown;
        try {
          guarded = checkLinkUrl(outcome.link.url, VERIFY_HOSTS);
        } catch (error) {
          guarded = error;
        }
        if (typeof guarded === 'string') {
          expect(
            checkVerifyUrl(
              guarded,
              VERIFY_HOSTS.map((host) => normalizeVerifyHost(host)!),
            )?.href,
          ).toBe(guarded);
        } else {
          expect(guarded).toBeInstanceOf(RedirectBlockedError);
          expect((guarded as Error).message).not.toContain(LINK_TOKEN);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
