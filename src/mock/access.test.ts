import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockTrusset, MOCK_API_KEY, startMockTrusset, type RunningMockTrusset, type StartMockTrussetOptions } from './index.js';

const UNKNOWN_KEY = `trusset_otherins_${'cd'.repeat(32)}`;

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  const running: RunningMockTrusset[] = [];

  async function start(options: StartMockTrussetOptions = {}) {
    mock = await startMockTrusset(options);
    running.push(mock);
  }
  afterEach(() => Promise.all(running.splice(0).map((server) => server.close())));

  function create(headers: Record<string, string>, body: BodyInit = JSON.stringify({ email: 'ada@example.com' })) {
    return fetch(`${mock.url}/customers/api/id-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  }

  describe('when the key is missing or wrong', () => {
    it.each([
      ['no key', {}, 'AUTH_REQUIRED'],
      ['an empty key', { 'x-api-key': '' }, 'AUTH_REQUIRED'],
      ['a key of the wrong format', { 'x-api-key': 'trusset_short_abc' }, 'AUTH_FAILED'],
      ['a key with upper-case hex', { 'x-api-key': MOCK_API_KEY.toUpperCase() }, 'AUTH_FAILED'],
      ['a well-formed key it does not know', { 'x-api-key': UNKNOWN_KEY }, 'AUTH_FAILED'],
    ])('refuses %s with 401 and no request id', async (_, headers, code) => {
      await start();

      const response = await create(headers);
      const json = (await response.json()) as any;

      expect(response.status).toBe(401);
      expect(json).toEqual({ success: false, error: { code, message: expect.any(String) }, metadata: { timestamp: expect.any(String) } });
      expect(mock.links()).toHaveLength(0);
    });

    it('guards every keyed route', async () => {
      await start();

      const answers = await Promise.all([
        fetch(`${mock.url}/customers/api/id-links`),
        fetch(`${mock.url}/customers/api/id-links/link_x`),
        fetch(`${mock.url}/customers/api/id-links/link_x/revoke`, { method: 'PUT' }),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    });

    it('accepts any key listed in apiKeys', async () => {
      await start({ apiKeys: [UNKNOWN_KEY] });

      const known = await create({ 'x-api-key': UNKNOWN_KEY });
      const defaultKey = await create({ 'x-api-key': MOCK_API_KEY });

      expect(known.status).toBe(201);
      expect(defaultKey.status).toBe(401);
      expect(mock.links()[0]?.instanceRef).toBe('otherins');
    });
  });

  describe('when the body is too large', () => {
    it('refuses a body by its Content-Length before it arrives', async () => {
      await start({ maxBodyBytes: 1024 });
      const request = httpRequest(`${mock.url}/customers/api/id-links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '5000', 'x-api-key': MOCK_API_KEY },
      });
      // Only the first bytes are sent: the answer can only come from the announced length.
      request.write('{"email":');

      const [response] = (await once(request, 'response')) as [IncomingMessage];
      const json = JSON.parse((await text(response)) || 'null');
      request.destroy();

      expect(response.statusCode).toBe(413);
      expect(json.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('stops reading a chunked body without Content-Length once it passes the limit', async () => {
      await start({ maxBodyBytes: 1024 });
      // Endless: the answer can only come if the mock stops reading.
      const endless = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(4096).fill(0x20)) });

      const response = await create({ 'x-api-key': MOCK_API_KEY }, endless);
      const json = (await response.json()) as any;

      expect(response.status).toBe(413);
      expect(json.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('accepts a body just under the limit', async () => {
      await start({ maxBodyBytes: 1024 });
      const body = JSON.stringify({ email: 'ada@example.com', metadata: { pad: 'x'.repeat(900) } });

      const response = await create({ 'x-api-key': MOCK_API_KEY }, body);

      expect(response.status).toBe(201);
    });
  });

  describe('when a key goes over its rate limit', () => {
    it('answers 429 with Retry-After until the window ends', async () => {
      let clock = Date.UTC(2025, 5, 15, 12, 0, 0);
      await start({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => clock });

      const first = await create({ 'x-api-key': MOCK_API_KEY });
      const second = await create({ 'x-api-key': MOCK_API_KEY });
      clock += 15_000;
      const third = await create({ 'x-api-key': MOCK_API_KEY });
      const json = (await third.json()) as any;
      clock += 45_000;
      const afterWindow = await create({ 'x-api-key': MOCK_API_KEY });

      expect([first.status, second.status, third.status, afterWindow.status]).toEqual([201, 201, 429, 201]);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 5, 15, 12, 1, 0) / 1000));
      expect(third.headers.get('retry-after')).toBe('45');
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(json).toEqual({
        success: false,
        error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String) },
        metadata: { timestamp: '2025-06-15T12:00:15.000Z', retryAfter: 45 },
      });
      expect(afterWindow.headers.get('x-ratelimit-remaining')).toBe('1');
    });

    it('counts each key on its own', async () => {
      await start({ apiKeys: [MOCK_API_KEY, UNKNOWN_KEY], rateLimit: { limit: 1, windowMs: 60_000 } });

      const first = await create({ 'x-api-key': MOCK_API_KEY });
      const otherKey = await create({ 'x-api-key': UNKNOWN_KEY });
      const again = await create({ 'x-api-key': MOCK_API_KEY });

      expect([first.status, otherKey.status, again.status]).toEqual([201, 201, 429]);
    });

    it('gives the status read a budget of its own', async () => {
      await start({ rateLimit: { limit: 1, windowMs: 60_000 }, statusRateLimit: { limit: 2, windowMs: 60_000 } });
      const created = (await (await create({ 'x-api-key': MOCK_API_KEY })).json()) as any;
      const read = () => fetch(`${mock.url}/customers/api/id-links/${created.data.id}`, { headers: { 'x-api-key': MOCK_API_KEY } });

      const answers = [await read(), await read(), await read()];

      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
      expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('2');
      expect(Number(answers[2]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('when configured', () => {
    it('builds links on verifyBaseUrl instead of its own origin', async () => {
      await start({ verifyBaseUrl: 'https://verify.example.test/' });

      const response = await create({ 'x-api-key': MOCK_API_KEY });
      const json = (await response.json()) as any;

      expect(json.data.url).toMatch(/^https:\/\/verify\.example\.test\/link\/[A-Za-z0-9]{32}$/);
    });

    it('is loud about a malformed key or country', () => {
      expect(() => createMockTrusset({ apiKeys: ['trusset_short_abc'] })).toThrow(/apiKeys/);
      expect(() => createMockTrusset({ blockedCountries: ['Germany'] })).toThrow(/blockedCountries: "Germany"/);
    });
  });
});
