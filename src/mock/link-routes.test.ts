import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from './index.js';

const OTHER_KEY = `trusset_otherins_${'cd'.repeat(32)}`;

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  beforeAll(async () => {
    mock = await startMockTrusset({ apiKeys: [MOCK_API_KEY, OTHER_KEY] });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  async function call(method: string, path: string, body?: unknown, key = MOCK_API_KEY) {
    const response = await fetch(`${mock.url}/customers/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, json: (await response.json()) as any };
  }

  describe('when a link is read', () => {
    it('answers it in the style it was created in, url and e-mail included', async () => {
      const reference = await call('POST', '/id-links', { email: 'ada@example.com' });
      const newer = await call('POST', '/id-links', { recipientEmail: 'bob@example.com', country: 'FR' });

      const readReference = await call('GET', `/id-links/${reference.json.data.id}`);
      const readNewer = await call('GET', `/id-links/${newer.json.data.id}`);

      expect(readReference.response.status).toBe(200);
      expect(readReference.json.data).toEqual(reference.json.data);
      expect(readNewer.json.data).toEqual(newer.json.data);
      expect(readNewer.json.data.country).toBe('FRA');
    });

    it('answers 404 NOT_FOUND for an unknown id', async () => {
      const { response, json } = await call('GET', '/id-links/link_unknown00000');

      expect(response.status).toBe(404);
      expect(json.error.code).toBe('NOT_FOUND');
      expect(json.metadata.requestId).toEqual(expect.any(String));
    });

    it("does not show another instance's links", async () => {
      const created = await call('POST', '/id-links', { email: 'ada@example.com' });

      const read = await call('GET', `/id-links/${created.json.data.id}`, undefined, OTHER_KEY);
      const list = await call('GET', '/id-links', undefined, OTHER_KEY);

      expect(read.response.status).toBe(404);
      expect(list.json.data).toEqual([]);
    });
  });

  describe('when links are listed', () => {
    it('answers every link of the instance in creation order', async () => {
      const first = await call('POST', '/id-links', { email: 'ada@example.com' });
      const second = await call('POST', '/id-links', { recipientWallet: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' });

      const { response, json } = await call('GET', '/id-links');

      expect(response.status).toBe(200);
      expect(json.data.map((link: { id: string }) => link.id)).toEqual([first.json.data.id, second.json.data.id]);
    });
  });

  describe('when a link is revoked', () => {
    it('answers success without data and reads revoked in the reference style', async () => {
      const created = await call('POST', '/id-links', { email: 'ada@example.com' });

      const revoked = await call('PUT', `/id-links/${created.json.data.id}/revoke`);
      const read = await call('GET', `/id-links/${created.json.data.id}`);

      expect(revoked.response.status).toBe(200);
      expect(revoked.json).toEqual({ success: true, metadata: { requestId: expect.any(String), timestamp: expect.any(String) } });
      expect(read.json.data.status).toBe('revoked');
    });

    it('reads EXPIRED in the newer style', async () => {
      const created = await call('POST', '/id-links', { recipientEmail: 'ada@example.com' });

      await call('PUT', `/id-links/${created.json.data.id}/revoke`);
      const read = await call('GET', `/id-links/${created.json.data.id}`);

      expect(read.json.data.status).toBe('EXPIRED');
    });

    it('refuses to revoke a rejected link', async () => {
      const created = await call('POST', '/id-links', { email: 'ada@example.com' });
      mock.reject(created.json.data.id);

      const { response, json } = await call('PUT', `/id-links/${created.json.data.id}/revoke`);

      expect(response.status).toBe(400);
      expect(json.error.code).toBe('VALIDATION_ERROR');
    });

    it('answers 404 for an unknown id', async () => {
      const { response } = await call('PUT', '/id-links/link_unknown00000/revoke');

      expect(response.status).toBe(404);
    });
  });

  describe('when the route does not exist', () => {
    it.each([
      ['GET', '/customers/api/nothing'],
      ['DELETE', '/customers/api/id-links/link_x'],
      ['POST', '/customers/api/id-links/link_x/revoke'],
      ['GET', '/elsewhere'],
    ])('answers %s %s with 404 NOT_FOUND', async (method, path) => {
      const response = await fetch(`${mock.url}${path}`, { method, headers: { 'x-api-key': MOCK_API_KEY } });
      const json = (await response.json()) as any;

      expect(response.status).toBe(404);
      expect(json.error.code).toBe('NOT_FOUND');
    });
  });
});
