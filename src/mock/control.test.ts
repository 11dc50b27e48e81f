import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from './index.js';

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  beforeAll(async () => {
    mock = await startMockTrusset();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${mock.url}/customers/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, json: (await response.json()) as any };
  }

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${mock.url}/__mock${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { response, json: text === '' ? undefined : (JSON.parse(text) as any) };
  }

  const createLink = async (body: Record<string, unknown> = { email: 'ada@example.com' }) => (await api('POST', '/id-links', body)).json.data.id as string;
  const statusOf = async (id: string) => (await api('GET', `/id-links/${id}`)).json.data.status as string;

  describe('when driven from the test process', () => {
    it.each([
      ['approve', 'completed', 'COMPLETED'],
      ['reject', 'rejected', 'REJECTED'],
      ['revoke', 'revoked', 'EXPIRED'],
    ] as const)('%s moves the link and the API reads it', async (action, reference, newer) => {
      const referenceId = await createLink();
      const newerId = await createLink({ recipientEmail: 'ada@example.com' });

      const moved = mock[action](referenceId);
      mock[action](newerId);

      expect(moved.state).toBe(reference);
      expect(await statusOf(referenceId)).toBe(reference);
      expect(await statusOf(newerId)).toBe(newer);
    });

    it('lets a completed link still be rejected', async () => {
      const id = await createLink();
      mock.approve(id);

      mock.reject(id);

      expect(await statusOf(id)).toBe('rejected');
    });

    it('throws for a move the state does not allow, and for an unknown id', async () => {
      const id = await createLink();
      mock.reject(id);

      expect(() => mock.approve(id)).toThrow(/cannot approve link .* rejected/);
      expect(() => mock.approve('link_unknown00000')).toThrow(/no link link_unknown00000/);
    });

    it('expire puts expiresAt in the past and leaves the status', async () => {
      const id = await createLink({ recipientEmail: 'ada@example.com' });

      mock.expire(id);
      const { json } = await api('GET', `/id-links/${id}`);

      expect(json.data.status).toBe('PENDING');
      expect(Date.parse(json.data.expiresAt)).toBeLessThan(Date.now());
    });

    it('lists every link with its instance and raw body', async () => {
      const body = { recipientEmail: 'ada@example.com', expiryDays: 3, unknownField: true };
      const id = await createLink(body);

      const links = mock.links();

      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({ id, style: 'newer', state: 'pending', instanceRef: 'mockinst', email: 'ada@example.com', body });
    });

    it('hands out copies, so a test cannot change the stored links by accident', async () => {
      const id = await createLink();

      const [copy] = mock.links();
      if (copy !== undefined) copy.state = 'completed';

      expect(await statusOf(id)).toBe('pending');
    });

    it('records every call to the API, with its key, body and answer', async () => {
      const id = await createLink();
      await api('GET', `/id-links/${id}`);
      await fetch(`${mock.url}/customers/api/id-links`);
      await fetch(`${mock.url}/link/nothing`);

      const calls = mock.calls;

      expect(calls).toEqual([
        { method: 'POST', path: '/customers/api/id-links', apiKey: MOCK_API_KEY, body: { email: 'ada@example.com' }, at: expect.any(Number), status: 201 },
        { method: 'GET', path: `/customers/api/id-links/${id}`, apiKey: MOCK_API_KEY, at: expect.any(Number), status: 200 },
        { method: 'GET', path: '/customers/api/id-links', at: expect.any(Number), status: 401 },
      ]);
    });

    it('reset forgets links, calls and queued faults', async () => {
      await createLink();
      mock.injectFault({ status: 500 });
      const calls = mock.calls;

      mock.reset();
      const after = await api('GET', '/id-links');

      expect(calls).toHaveLength(1);
      expect(after.response.status).toBe(200);
      expect(after.json.data).toEqual([]);
    });
  });

  describe('when driven over HTTP from another process', () => {
    it('lists the links as JSON, without a key', async () => {
      const id = await createLink();

      const { response, json } = await control('GET', '/links');

      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(json).toEqual([expect.objectContaining({ id, state: 'pending' })]);
    });

    it.each([
      ['approve', 'completed'],
      ['reject', 'rejected'],
      ['revoke', 'revoked'],
    ])('POST /__mock/links/{id}/%s moves the link', async (action, state) => {
      const id = await createLink();

      const { response, json } = await control('POST', `/links/${id}/${action}`);

      expect(response.status).toBe(200);
      expect(json.state).toBe(state);
      expect(await statusOf(id)).toBe(state);
    });

    it('POST /__mock/links/{id}/expire moves expiresAt only', async () => {
      const id = await createLink();

      const { json } = await control('POST', `/links/${id}/expire`);

      expect(json.expiresAt).toBeLessThan(Date.now());
      expect(await statusOf(id)).toBe('pending');
    });

    it('answers 404 for an unknown link and 409 for a refused move', async () => {
      const id = await createLink();
      mock.reject(id);

      const unknown = await control('POST', '/links/link_unknown00000/approve');
      const refused = await control('POST', `/links/${id}/approve`);

      expect(unknown.response.status).toBe(404);
      expect(refused.response.status).toBe(409);
      expect(refused.json.error.code).toBe('INVALID_STATE');
    });

    it('queues faults for the next requests', async () => {
      const queued = await control('POST', '/faults', { fault: { status: 503 }, times: 2, route: 'create' });

      const answers = [];
      for (const [method, path] of [
        ['POST', '/id-links'],
        ['GET', '/id-links'],
        ['POST', '/id-links'],
        ['POST', '/id-links'],
      ] as const) {
        answers.push(await api(method, path, method === 'POST' ? { email: 'ada@example.com' } : undefined));
      }

      expect(queued.response.status).toBe(201);
      expect(answers.map(({ response }) => response.status)).toEqual([503, 200, 503, 201]);
    });

    it('takes a fault in its compact form', async () => {
      await control('POST', '/faults', { fault: '403:ACCOUNT_FROZEN' });

      const { response, json } = await api('GET', '/id-links');

      expect(response.status).toBe(403);
      expect(json.error.code).toBe('ACCOUNT_FROZEN');
    });

    it.each([[{ fault: 'explode' }], [{ fault: { status: 418 } }], [{ fault: '500', times: 0 }], [{ fault: '500', route: 'everything' }]])('refuses the fault request %j with 400', async (body) => {
      const { response } = await control('POST', '/faults', body);

      expect(response.status).toBe(400);
    });

    it('POST /__mock/reset forgets everything', async () => {
      await createLink();

      const { response } = await control('POST', '/reset');

      expect(response.status).toBe(204);
      expect(mock.links()).toEqual([]);
      expect(mock.calls).toEqual([]);
    });

    it('answers a CORS preflight', async () => {
      const response = await fetch(`${mock.url}/__mock/faults`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    });
  });
});
