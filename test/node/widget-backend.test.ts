import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLink, type CreateLinkBody } from '../../src/backend-client/create-link.js';
import { IntentKeys } from '../../src/backend-client/idempotency-key.js';
import { fetchLinkStatus } from '../../src/backend-client/link-status.js';
import { fetchNonce } from '../../src/backend-client/nonce.js';
import { checkLinkUrl } from '../../src/backend-client/redirect.js';
import { backendRequest } from '../../src/backend-client/request.js';
import { TrussetVerifyError } from '../../src/errors/base.js';
import { BackendError, RedirectBlockedError } from '../../src/errors/backend.js';
import { testAccount } from '../support/accounts.js';
import { PAGE_ORIGIN, type startKit } from '../support/kit.js';
import { closedPortUrl } from '../support/dead-rpc.js';
import { answer, configFor, failure, serversPerTest } from '../support/widget-backend.js';

type Kit = Awaited<ReturnType<typeof startKit>>;
const { start, rawServer } = serversPerTest();

const EMAIL = 'ada@example.com';
const KEY = 'c0ffee00-0000-4000-8000-000000000001';
const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();

async function body(k: Kit, overrides: Partial<CreateLinkBody> = {}): Promise<CreateLinkBody> {
  return { email: EMAIL, walletAddress: testAccount.address, country: 'DE', siwe: await k.client.signIn(), ...overrides };
}

describe('the widget backend client', () => {
  describe('fetchNonce', () => {
    it('reads a nonce and the server time from the kit', async () => {
      const k = await start();

      const { nonce, serverTime } = await fetchNonce(configFor(k.url), new AbortController().signal);

      expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(Math.abs(Date.parse(serverTime) - Date.now())).toBeLessThan(60_000);
    });

    it.each([
      ['a nonce shorter than 8 characters', { nonce: 'abc', serverTime: new Date().toISOString() }],
      ['a nonce with symbols', { nonce: 'abcdefgh-ij', serverTime: new Date().toISOString() }],
      ['a server time that is not a date', { nonce: 'abcdefghij', serverTime: 'yesterday' }],
    ])('refuses %s as INVALID_RESPONSE', async (_, data) => {
      const url = await rawServer(answer(200, { success: true, data }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.statusCode).toBe(200);
    });

    it('reports RATE_LIMITED with the retry delay and the request id when the kit limits nonces', async () => {
      const k = await start({ rateLimits: { nonce: { limit: 1, windowMs: 60_000 } } });
      await fetchNonce(configFor(k.url), new AbortController().signal);

      const error = await failure(fetchNonce(configFor(k.url), new AbortController().signal));

      expect(error).toBeInstanceOf(BackendError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, statusCode: 429 });
      expect(error.retryAfter).toBeGreaterThan(0);
      expect(error.retryAfter).toBeLessThanOrEqual(60);
      expect(error.requestId).toMatch(/\S/);
    });
  });

  describe('createLink', () => {
    it('returns the link the kit created (reference field style)', async () => {
      const k = await start();

      const link = await createLink(configFor(k.url), await body(k), 'key-0001', new AbortController().signal);

      const [created] = k.mock.links();
      expect(link).toMatchObject({ id: created?.id, url: created?.url, status: 'pending', walletAddress: testAccount.address });
      expect(link.statusToken).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('returns the link the kit created when the kit speaks the newer field style', async () => {
      const k = await start({ fieldStyle: 'newer' });

      const link = await createLink(configFor(k.url), await body(k), 'key-0001', new AbortController().signal);

      expect(link).toMatchObject({ id: k.mock.links()[0]?.id, url: k.mock.links()[0]?.url, status: 'pending' });
    });

    it('sends the Idempotency-Key, the JSON body and the configured headers', async () => {
      let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
      const url = await rawServer((request, response) => {
        let text = '';
        request.on('data', (chunk: Buffer) => (text += chunk.toString()));
        request.on('end', () => {
          seen = { headers: request.headers, body: text };
          answer(201, { success: true, data: { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending', expiresAt: FUTURE } })(request, response);
        });
      });

      await createLink(
        configFor(url, { headers: { Origin: PAGE_ORIGIN, 'X-CSRF-Token': 'csrf' } }),
        { email: EMAIL, walletAddress: testAccount.address, country: 'DE', channels: ['email'] },
        'key-0042',
        new AbortController().signal,
      );

      expect(seen?.headers).toMatchObject({
        'idempotency-key': 'key-0042',
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': 'csrf',
        origin: PAGE_ORIGIN,
      });
      expect(JSON.parse(seen?.body ?? '')).toEqual({ email: EMAIL, walletAddress: testAccount.address, country: 'DE', channels: ['email'] });
    });

    it("accepts Trusset's own field names and statuses from a backend that passes them through", async () => {
      const data = {
        id: 'link_abc',
        token: 'trusset-token',
        verificationUrl: 'https://verify.trusset.org/v/abc',
        status: 'EXPIRED',
        recipientWallet: testAccount.address,
        expiresAt: FUTURE,
        createdAt: new Date().toISOString(),
      };
      const url = await rawServer(answer(201, { success: true, data }));

      const link = await createLink(configFor(url), { email: EMAIL, walletAddress: testAccount.address, country: 'DE' }, KEY, new AbortController().signal);

      expect(link).toEqual({
        id: 'link_abc',
        url: 'https://verify.trusset.org/v/abc',
        status: 'revoked',
        walletAddress: testAccount.address,
        expiresAt: FUTURE,
        createdAt: data.createdAt,
        statusToken: undefined,
      });
    });

    it('reads a pending link whose expiry has passed as expired', async () => {
      const past = new Date(Date.now() - 1000).toISOString();
      const url = await rawServer(answer(201, { success: true, data: { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'PENDING', expiresAt: past } }));

      const link = await createLink(configFor(url), { email: EMAIL, walletAddress: testAccount.address, country: 'DE' }, KEY, new AbortController().signal);

      expect(link.status).toBe('expired');
    });

    it('reports INVALID_EMAIL with its field', async () => {
      const k = await start();

      const error = await failure(createLink(configFor(k.url), await body(k, { email: 'not-an-email' }), KEY, new AbortController().signal));

      expect(error).toMatchObject({ code: 'INVALID_EMAIL', field: 'email', retryable: false, statusCode: 400 });
    });

    it('reports COUNTRY_BLOCKED with the country field', async () => {
      const k = await start({}, { blockedCountries: ['RU'] });

      const error = await failure(createLink(configFor(k.url), await body(k, { country: 'RU' }), KEY, new AbortController().signal));

      expect(error).toMatchObject({ code: 'COUNTRY_BLOCKED', field: 'country', retryable: false, statusCode: 403 });
    });

    it.each([
      ['an id of the wrong type', { id: 42, url: 'https://verify.trusset.org/v/1', status: 'pending', expiresAt: FUTURE }, 'data.id'],
      ['no expiry', { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending' }, 'data.expiresAt'],
      ['an expiry that is not a date', { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending', expiresAt: 'soon' }, 'data.expiresAt'],
      ['no URL', { id: 'link_1', status: 'pending', expiresAt: FUTURE }, 'without a verification URL'],
    ])('refuses a success with %s as INVALID_RESPONSE', async (_, data, named) => {
      const url = await rawServer(answer(201, { success: true, data }));

      const error = await failure(createLink(configFor(url), { email: EMAIL, walletAddress: testAccount.address, country: 'DE' }, KEY, new AbortController().signal));

      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false, statusCode: 201 });
      expect(error.message).toContain(named);
    });
  });

  describe('fetchLinkStatus', () => {
    it("reads the status of a link the kit created, with the link's status token", async () => {
      const k = await start();
      const link = await createLink(configFor(k.url), await body(k), KEY, new AbortController().signal);

      const status = await fetchLinkStatus(configFor(k.url), link.id, link.statusToken ?? '', new AbortController().signal);

      expect(status).toEqual({ id: link.id, status: 'pending', expiresAt: link.expiresAt });
    });

    it('reports NOT_FOUND for a token that does not match', async () => {
      const k = await start();
      const link = await createLink(configFor(k.url), await body(k), KEY, new AbortController().signal);

      const error = await failure(fetchLinkStatus(configFor(k.url), link.id, 'f'.repeat(64), new AbortController().signal));

      expect(error).toMatchObject({ code: 'NOT_FOUND', statusCode: 404, retryable: false });
    });

    it('encodes the id into the path and sends the token as X-Status-Token', async () => {
      let seen: { url: string | undefined; token: unknown } | undefined;
      const url = await rawServer((request, response) => {
        seen = { url: request.url, token: request.headers['x-status-token'] };
        answer(200, { success: true, data: { id: 'a/b?c', status: 'completed', expiresAt: FUTURE } })(request, response);
      });

      const status = await fetchLinkStatus(configFor(`${url}/api/`), 'a/b?c', 'token-1', new AbortController().signal);

      expect(seen).toEqual({ url: '/api/id-links/a%2Fb%3Fc', token: 'token-1' });
      expect(status.status).toBe('completed');
    });
  });

  describe('when the request fails', () => {
    it('reports NETWORK_ERROR, retryable, when nothing listens on the endpoint', async () => {
      const closed = await closedPortUrl();

      const error = await failure(fetchNonce(configFor(closed), new AbortController().signal));

      expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
      expect(error.cause).toBeDefined();
    });

    it('reports NETWORK_ERROR rather than follow a redirect', async () => {
      const url = await rawServer(answer(302, '', { Location: 'https://elsewhere.example/' }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error.code).toBe('NETWORK_ERROR');
    });

    it('reports TIMEOUT, retryable, when the kit waits on a Trusset that never answers', async () => {
      const k = await start({ upstreamTimeoutMs: 60_000 });
      k.mock.injectFault('hang', { route: 'create' });

      const error = await failure(createLink(configFor(k.url, { timeoutMs: 300 }), await body(k), KEY, new AbortController().signal));

      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
      expect(error.shortMessage).toContain('300 ms');
    });

    it("rethrows the caller's AbortError as is when the caller aborts", async () => {
      let arrived!: () => void;
      const request = new Promise<void>((resolve) => (arrived = resolve));
      const url = await rawServer(() => arrived());
      const controller = new AbortController();

      const pending = fetchNonce(configFor(url), controller.signal).catch((reason: unknown) => reason);
      await request;
      controller.abort();
      const error = await pending;

      expect(error).not.toBeInstanceOf(TrussetVerifyError);
      expect((error as Error).name).toBe('AbortError');
    });

    it('rethrows at once when the signal was already aborted', async () => {
      const url = await rawServer(answer(200, { success: true, data: { nonce: 'abcdefghij', serverTime: new Date().toISOString() } }));
      const controller = new AbortController();
      controller.abort();

      const error = await fetchNonce(configFor(url), controller.signal).catch((reason: unknown) => reason);

      expect(error).not.toBeInstanceOf(TrussetVerifyError);
      expect((error as Error).name).toBe('AbortError');
    });

    it('reports INVALID_RESPONSE with the status for a 2xx body that is not JSON', async () => {
      const url = await rawServer(answer(200, '<html>hello</html>'));

      const error = await failure(backendRequest(configFor(url), '/nonce', { method: 'GET', signal: new AbortController().signal }));

      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', statusCode: 200, retryable: false });
      expect(error.message).toContain('not JSON');
    });

    it('reports INVALID_RESPONSE for JSON that is not the envelope', async () => {
      const url = await rawServer(answer(200, { nonce: 'abcdefghij' }));

      const error = await failure(backendRequest(configFor(url), '/nonce', { method: 'GET', signal: new AbortController().signal }));

      expect(error.code).toBe('INVALID_RESPONSE');
    });

    it.each([
      [503, true],
      [429, true],
      [404, false],
      [400, false],
    ])('classifies an unknown code answered with HTTP %i by its status (retryable: %s)', async (status, retryable) => {
      const url = await rawServer(answer(status, { success: false, error: { code: 'SOMETHING_NEW', message: 'whatever' } }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error).toBeInstanceOf(BackendError);
      expect(error).toMatchObject({ code: 'UNKNOWN_ERROR', statusCode: status, retryable });
      expect(error.details).toContain('SOMETHING_NEW');
    });

    it('names the unknown code, the status and the request in the message', async () => {
      const url = await rawServer(answer(503, { success: false, error: { code: 'SOMETHING_NEW', message: 'whatever' } }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error.message).toMatchInlineSnapshot(`
        "The partner backend refused the request with an unknown code.

        Request: GET /nonce
        Code: SOMETHING_NEW
        HTTP status: 503

        Details: This version does not know the code SOMETHING_NEW; classified by HTTP status.
        Version: trusset-verify@dev"
      `);
    });

    it('classifies a non-2xx answer without an envelope by its status, with Retry-After as an HTTP date', async () => {
      const retryAt = new Date(Date.now() + 120_000).toUTCString();
      const url = await rawServer(answer(502, '<html>Bad gateway</html>', { 'Retry-After': retryAt, 'X-Request-Id': 'req-9' }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error).toMatchObject({ code: 'UNKNOWN_ERROR', statusCode: 502, retryable: true, requestId: 'req-9' });
      expect(error.retryAfter).toBeGreaterThanOrEqual(118);
      expect(error.retryAfter).toBeLessThanOrEqual(120);
    });

    it('keeps the retry advice of a known code whatever the answer says, and takes the field from the table', async () => {
      const url = await rawServer(answer(403, { success: false, error: { code: 'COUNTRY_BLOCKED', retryable: true }, metadata: { requestId: 'req-1' } }));

      const error = await failure(fetchNonce(configFor(url), new AbortController().signal));

      expect(error).toMatchObject({ code: 'COUNTRY_BLOCKED', retryable: false, field: 'country', requestId: 'req-1' });
    });
  });

  describe('what errors carry', () => {
    it('puts no e-mail, URL, signature or server message in any error message', async () => {
      const k = await start();
      const siwe = await k.client.signIn();
      const link = 'https://verify.trusset.org/v/secret-link-token';
      const hostile = `Sent ${EMAIL} to ${link} signed ${siwe.signature}`;
      const sources = [
        answer(400, { success: false, error: { code: 'INVALID_EMAIL', message: hostile, field: hostile } }),
        answer(400, { success: false, error: { code: hostile, message: hostile }, metadata: { requestId: hostile } }),
        answer(500, hostile, { 'X-Request-Id': hostile }),
        answer(409, { success: false, error: { code: 'IDEMPOTENCY_CONFLICT' }, metadata: { requestId: EMAIL } }, { 'X-Request-Id': link }),
        answer(200, hostile),
        answer(201, { success: true, data: { id: 7, url: link, status: hostile, expiresAt: FUTURE } }),
        answer(201, { success: true, data: { id: 'link_1', url: link, status: 'pending', expiresAt: hostile } }),
        answer(201, { success: true, data: { id: 'link_1', status: hostile, expiresAt: FUTURE, message: hostile } }),
      ];
      const errors: TrussetVerifyError[] = [];
      for (const source of sources) {
        const url = await rawServer(source);
        errors.push(await failure(createLink(configFor(url), { email: EMAIL, walletAddress: testAccount.address, country: 'DE', siwe }, KEY, new AbortController().signal)));
      }
      errors.push(await failure(createLink(configFor(k.url), { ...(await body(k)), email: `x${EMAIL}@` }, KEY, new AbortController().signal)));
      const forged = await testAccount.signMessage({ message: 'something else' });
      errors.push(await failure(createLink(configFor(k.url), { ...(await body(k)), siwe: { message: siwe.message, signature: forged } }, KEY, new AbortController().signal)));

      const text = errors.map((error) => [error.message, error.field, error.requestId].join('\n')).join('\n');

      expect(errors).toHaveLength(10);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('secret-link-token');
      expect(text).not.toContain(siwe.signature.slice(2, 20));
      expect(text).not.toContain(forged.slice(2, 20));
      expect(errors.at(-1)?.code).toBe('SIWE_BAD_SIGNATURE');
      expect(text).not.toContain('Sent ');
    });
  });
});

describe('checkLinkUrl', () => {
  it('returns the parsed href of a URL on a listed host', () => {
    const href = checkLinkUrl('https://VERIFY.trusset.org:443/v/abc?t=1', ['verify.trusset.org']);

    expect(href).toBe('https://verify.trusset.org/v/abc?t=1');
  });

  it.each([
    ['a host outside verify-hosts', 'https://evil.example/v/abc?t=secret', 'https: URL on host evil.example'],
    ['http on a host that is not loopback', 'http://verify.trusset.org/v/abc?t=secret', 'http: URL on host verify.trusset.org'],
    ['a javascript: URL', 'javascript:alert(1)//secret', 'javascript: URL with no host'],
    ['user info', 'https://user:secret@verify.trusset.org/v', 'with user info'],
    ['something that is not a URL', '/v/abc?t=secret', 'not an absolute URL'],
  ])('blocks %s, naming what came but never the URL', (_, raw, received) => {
    let error: unknown;

    try {
      checkLinkUrl(raw, ['verify.trusset.org']);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(RedirectBlockedError);
    expect(error).toMatchObject({ code: 'REDIRECT_BLOCKED', retryable: false });
    expect((error as Error).message).toContain(received);
    expect((error as Error).message).toContain('verify.trusset.org');
    expect((error as Error).message).not.toContain('secret');
  });

  it('allows http on a loopback host that verify-hosts lists', () => {
    const href = checkLinkUrl('http://localhost:4000/v/abc', ['localhost:4000']);

    expect(href).toBe('http://localhost:4000/v/abc');
  });

  it('lays its message out like the other errors', () => {
    let error: unknown;

    try {
      checkLinkUrl('https://evil.example/v/abc', ['verify.trusset.org', 'localhost:4000']);
    } catch (caught) {
      error = caught;
    }

    expect((error as Error).message).toMatchInlineSnapshot(`
      "The verification URL is not on an allowed host; nothing was opened.

      Expected: an https: URL (or http: on a listed loopback host) on verify.trusset.org, localhost:4000
      Received: https: URL on host evil.example
      Allowed hosts come from the verify-hosts attribute.
      Version: trusset-verify@dev"
    `);
  });
});

describe('IntentKeys', () => {
  const intent = { email: EMAIL, country: 'DE', walletAddress: testAccount.address };

  it('gives a retry of the same intent the same key', () => {
    const keys = new IntentKeys();

    const first = keys.keyFor(intent);
    const second = keys.keyFor({ ...intent });

    expect(second).toBe(first);
  });

  it.each([
    ['e-mail', { email: 'grace@example.com' }],
    ['country', { country: 'FR' }],
    ['wallet', { walletAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }],
  ])('gives a new key when the %s changes', (_, change) => {
    const keys = new IntentKeys();
    const first = keys.keyFor(intent);

    const second = keys.keyFor({ ...intent, ...change });

    expect(second).not.toBe(first);
  });

  it('gives a key that says nothing of the intent', () => {
    const key = new IntentKeys().keyFor(intent);
    const another = new IntentKeys().keyFor(intent);

    // Random, not derived: a hash of the intent would be the same for the same intent.
    expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(another).not.toBe(key);
  });

  it('gives a new key for the same intent after clear()', () => {
    const keys = new IntentKeys();
    const first = keys.keyFor(intent);

    keys.clear();

    expect(keys.keyFor(intent)).not.toBe(first);
  });
});
