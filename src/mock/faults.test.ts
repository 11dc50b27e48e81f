import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockTrusset, formatMockFault, MOCK_API_KEY, parseMockFault, startMockTrusset, type MockFault, type RunningMockTrusset } from './index.js';

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  beforeAll(async () => {
    mock = await startMockTrusset();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  function create(fault?: string, body: Record<string, unknown> = { email: 'ada@example.com' }, signal?: AbortSignal) {
    return fetch(`${mock.url}/customers/api/id-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY, ...(fault === undefined ? {} : { 'x-mock-fault': fault }) },
      body: JSON.stringify(body),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  describe('when a fault asks for an error answer', () => {
    it.each([
      ['500', 500, 'CREATE_FAILED'],
      ['500:DATABASE_DOWN', 500, 'DATABASE_DOWN'],
      ['502', 502, 'AUTH_ERROR'],
      ['503', 503, 'SERVICE_UNAVAILABLE'],
      ['401', 401, 'AUTH_FAILED'],
      ['402', 402, 'CREDIT_LIMIT_EXCEEDED'],
      ['403', 403, 'SERVICE_NOT_ENABLED'],
      ['403:ACCOUNT_FROZEN', 403, 'ACCOUNT_FROZEN'],
    ])('answers X-Mock-Fault %s with %i %s in a Trusset envelope', async (fault, status, code) => {
      const response = await create(fault);
      const json = (await response.json()) as any;

      expect(response.status).toBe(status);
      expect(json).toEqual({
        success: false,
        error: { code, message: expect.any(String) },
        metadata: { requestId: expect.any(String), timestamp: expect.any(String) },
      });
      expect(mock.links()).toEqual([]);
    });

    it('answers 429 with Retry-After and metadata.retryAfter', async () => {
      const response = await create('429:30');
      const json = (await response.json()) as any;

      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(json.error.code).toBe('RATE_LIMIT_EXCEEDED');
      expect(json.metadata.retryAfter).toBe(30);
    });

    it('defaults Retry-After to a whole number of seconds', async () => {
      const response = await create('429');

      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(response.headers.get('retry-after')).toMatch(/^[0-9]+$/);
    });

    it('refuses an unknown X-Mock-Fault with 400', async () => {
      const response = await create('explode');

      expect(response.status).toBe(400);
    });
  });

  describe('when a fault breaks the body', () => {
    it('not-json answers 200 with an HTML page', async () => {
      const response = await create('not-json');
      const text = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(() => JSON.parse(text)).toThrow();
    });

    it('wrong-shape answers 201 with unexpected data', async () => {
      const response = await create('wrong-shape');

      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ success: true, data: { unexpected: true } });
    });
  });

  describe('when a fault distorts the hosted-page URL', () => {
    it.each([
      ['foreign-host', { email: 'ada@example.com' }, 'url', /^https:\/\/verify\.evil\.example\/link\/[A-Za-z0-9]{32}$/],
      ['http-url', { email: 'ada@example.com' }, 'url', /^http:\/\/verify\.trusset\.org\/link\/[A-Za-z0-9]{32}$/],
      ['javascript-url', { email: 'ada@example.com' }, 'url', /^javascript:alert\(1\)$/],
      ['foreign-host', { recipientEmail: 'ada@example.com' }, 'verificationUrl', /^https:\/\/verify\.evil\.example\//],
      ['javascript-url', { recipientEmail: 'ada@example.com' }, 'verificationUrl', /^javascript:/],
    ])('%s rewrites %j .%s', async (fault, body, field, expected) => {
      const response = await create(fault, body);
      const json = (await response.json()) as any;

      expect(response.status).toBe(201);
      expect(json.success).toBe(true);
      expect(json.data[field]).toMatch(expected);
    });

    it.each([
      [{ email: 'ada@example.com' }, 'url'],
      [{ recipientEmail: 'ada@example.com' }, 'verificationUrl'],
    ])('no-url removes the URL of %j', async (body, field) => {
      const response = await create('no-url', body);
      const json = (await response.json()) as any;

      expect(response.status).toBe(201);
      expect(json.data.id).toMatch(/^link_/);
      expect(json.data).not.toHaveProperty(field);
    });

    it('also rewrites the URL in the status read', async () => {
      const created = (await (await create()).json()) as any;
      mock.injectFault('foreign-host', { route: 'status' });

      const response = await fetch(`${mock.url}/customers/api/id-links/${created.data.id}`, { headers: { 'x-api-key': MOCK_API_KEY } });
      const json = (await response.json()) as any;

      expect(json.data.url).toMatch(/^https:\/\/verify\.evil\.example\//);
    });
  });

  describe('when a fault slows the answer', () => {
    it('delay answers normally, after the delay', async () => {
      const started = performance.now();

      const response = await create('delay:150');

      expect(response.status).toBe(201);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('delay gives up as soon as the client aborts', async () => {
      const aborter = new AbortController();
      const answer = create('delay:600000', undefined, aborter.signal);
      await vi.waitFor(() => expect(mock.calls).toHaveLength(1));

      aborter.abort();

      await expect(answer).rejects.toThrow(/abort/i);
      await vi.waitFor(() => expect(mock.calls[0]?.status).toBe(499));
      expect(mock.links()).toEqual([]);
    });

    it('delay lets the Fetch handler settle, timer dropped, when the request aborts', async () => {
      const handler = createMockTrusset();
      const aborter = new AbortController();
      const request = new Request('http://127.0.0.1/customers/api/id-links', {
        method: 'POST',
        headers: { 'x-api-key': MOCK_API_KEY, 'x-mock-fault': 'delay:600000' },
        body: '{"email":"ada@example.com"}',
        signal: aborter.signal,
      });
      const answer = handler.fetch(request);

      aborter.abort();
      const response = await answer;

      expect(response.status).toBe(499);
      expect(handler.links()).toEqual([]);
    });

    it('hang never answers until the client aborts', async () => {
      const aborter = new AbortController();
      let settled = false;
      const answer = create('hang', undefined, aborter.signal).finally(() => (settled = true));
      await vi.waitFor(() => expect(mock.calls).toHaveLength(1));
      const next = await create();

      const settledBeforeAbort = settled;
      aborter.abort();

      expect(next.status).toBe(201);
      expect(settledBeforeAbort).toBe(false);
      await expect(answer).rejects.toThrow(/abort/i);
      await vi.waitFor(() => expect(mock.calls[0]?.status).toBe(499));
    });
  });

  describe('when faults are queued', () => {
    it('answers the next matching requests, then behaves again', async () => {
      mock.injectFault({ status: 502 }, { times: 2 });

      const statuses = [(await create()).status, (await create()).status, (await create()).status];

      expect(statuses).toEqual([502, 502, 201]);
    });

    it('waits for a request of its route', async () => {
      mock.injectFault({ status: 500 }, { route: 'status' });

      const created = await create();
      const { data } = (await created.json()) as any;
      const read = await fetch(`${mock.url}/customers/api/id-links/${data.id}`, { headers: { 'x-api-key': MOCK_API_KEY } });
      const json = (await read.json()) as any;

      expect(created.status).toBe(201);
      expect(read.status).toBe(500);
      expect(json.error.code).toBe('INTERNAL_ERROR');
    });

    it('lets a header fault win without using up the queue', async () => {
      mock.injectFault({ status: 503 });

      const withHeader = await create('402');
      const next = await create();

      expect([withHeader.status, next.status]).toEqual([402, 503]);
    });

    it('still refuses a request without a key', async () => {
      mock.injectFault('hang');

      const response = await fetch(`${mock.url}/customers/api/id-links`, { method: 'POST', body: '{}' });

      expect(response.status).toBe(401);
    });
  });
});

describe('parseMockFault', () => {
  it.each<[string, MockFault]>([
    ['500', { status: 500 }],
    ['502', { status: 502 }],
    ['503:MAINTENANCE', { status: 503, code: 'MAINTENANCE' }],
    ['429', { status: 429 }],
    ['429:30', { status: 429, retryAfter: 30 }],
    ['401', { status: 401 }],
    ['401:AUTH_REQUIRED', { status: 401, code: 'AUTH_REQUIRED' }],
    ['402', { status: 402 }],
    ['403', { status: 403 }],
    ['403:ACCOUNT_FROZEN', { status: 403, code: 'ACCOUNT_FROZEN' }],
    ['403:SERVICE_NOT_ENABLED', { status: 403, code: 'SERVICE_NOT_ENABLED' }],
    ['delay:1500', { delayMs: 1500 }],
    ['hang', 'hang'],
    ['not-json', 'not-json'],
    ['wrong-shape', 'wrong-shape'],
    ['no-url', 'no-url'],
    ['foreign-host', 'foreign-host'],
    ['http-url', 'http-url'],
    ['javascript-url', 'javascript-url'],
  ])('reads %s, and formats it back', (text, fault) => {
    const parsed = parseMockFault(text);

    expect(parsed).toEqual(fault);
    expect(formatMockFault(fault)).toBe(text);
  });

  it.each(['', '404', '429:0', '429:1.5', 'delay:', 'delay:-1', 'delay:99999999999', '403:OTHER', '402:X', '500:lower', 'HANG', '500:A:B'])('refuses %j', (text) => {
    expect(parseMockFault(text)).toBeUndefined();
  });
});
