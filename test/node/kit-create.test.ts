import { describe, expect, it } from 'vitest';
import type { MockFault } from '../../src/mock/index.js';
import { testAccount } from '../support/accounts.js';
import { kitPerTest, type Kit } from '../support/kit.js';

const start = kitPerTest();

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

describe('trusset-verify-server', () => {
  describe('when a signed-in wallet asks for a link (reference field style)', () => {
    it('answers 201 with the contract fields, a URL on the verify host and a status token', async () => {
      const k = await start();

      const { status, json, response } = await k.client.createLink({ body: { channels: ['email'], metadata: { plan: 'gold' } } });

      expect(status).toBe(201);
      expect(json.success).toBe(true);
      expect(Object.keys(json.data).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'status', 'statusToken', 'url', 'walletAddress']);
      expect(json.data).toMatchObject({ status: 'pending', walletAddress: testAccount.address });
      expect(new URL(json.data.url).host).toBe(new URL(k.mock.url).host);
      expect(json.data.statusToken).toMatch(/^[0-9a-f]{64}$/);
      expect(json.metadata.requestId).toBe(response.headers.get('x-request-id'));
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('sends Trusset the reference fields, the browser metadata under metadata.client, and no channels it did not allow', async () => {
      const k = await start();

      await k.client.createLink({ body: { email: ' ada@example.com ', country: 'de', channels: ['email', 'sms'], metadata: { plan: 'gold' } } });

      const [link] = k.mock.links();
      expect(link?.body).toEqual({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE', metadata: { client: { plan: 'gold' } } });
      expect(createCalls(k)[0]?.apiKey).toMatch(/^trusset_/);
    });

    it('honours browser channels only where the server allows them', async () => {
      const k = await start({ channels: { allowed: ['email'] } });

      await k.client.createLink({ body: { channels: ['email', 'sms'] } });

      expect(k.mock.links()[0]?.body.channels).toEqual(['email']);
    });

    it('lets server metadata win over the browser metadata', async () => {
      const k = await start({ metadata: { client: 'overridden', source: 'partner' } });

      await k.client.createLink({ body: { metadata: { source: 'browser' } } });

      expect(k.mock.links()[0]?.body.metadata).toEqual({ client: 'overridden', source: 'partner' });
    });
  });

  describe('when speaking the newer field style', () => {
    it('sends recipient fields, server-decided channels, investor type, expiry and the customer reference', async () => {
      const k = await start({
        fieldStyle: 'newer',
        allowAnonymous: false,
        authorize: () => ({ customerRef: 'cust-42' }),
        channels: { default: ['email'] },
        investorType: 'PROFESSIONAL',
        expiryDays: 14,
      });

      const { status, json } = await k.client.createLink({ body: { country: 'FR' } });

      expect(status).toBe(201);
      expect(k.mock.links()[0]?.body).toEqual({
        recipientEmail: 'ada@example.com',
        recipientWallet: testAccount.address,
        country: 'FR',
        sendVia: ['email'],
        investorType: 'PROFESSIONAL',
        expiryDays: 14,
        externalId: 'cust-42',
        metadata: { customerRef: 'cust-42' },
      });
      expect(json.data.status).toBe('pending');
      expect(json.data).not.toHaveProperty('token');
      expect(json.data).not.toHaveProperty('verificationUrl');
      expect(new URL(json.data.url).pathname).toMatch(/^\/link\/[A-Za-z0-9]{32}$/);
      expect(Date.parse(json.data.expiresAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    });

    it('uses the e-mail that authorize verified instead of the one typed in', async () => {
      const k = await start({ fieldStyle: 'newer', allowAnonymous: false, authorize: () => ({ customerRef: 'c1', email: 'verified@example.com' }) });

      await k.client.createLink({ body: { email: 'typed@example.com' } });

      expect(k.mock.links()[0]?.body.recipientEmail).toBe('verified@example.com');
    });
  });

  describe('when the request is wrong', () => {
    it.each([
      ['a body that is not JSON', { body: '{"email":', type: 'application/json' }, 400, 'INVALID_REQUEST', undefined],
      ['a content type that is not JSON', { body: '{}', type: 'text/plain' }, 400, 'INVALID_REQUEST', undefined],
      ['a body of the wrong shape', { body: '{"email":1}', type: 'application/json' }, 400, 'INVALID_REQUEST', undefined],
    ])('refuses %s', async (_name, { body, type }, status, code, field) => {
      const k = await start();

      const answer = await k.client.call('/id-links', { method: 'POST', headers: { 'Content-Type': type }, body });

      expect([answer.status, answer.json.error.code, answer.json.error.field]).toEqual([status, code, field]);
      expect(answer.json.success).toBe(false);
    });

    it.each([
      ['an invalid e-mail', { email: 'ada@' }, 'INVALID_EMAIL', 'email'],
      ['an unknown country', { country: 'XX' }, 'INVALID_COUNTRY', 'country'],
      ['an alpha-3 country', { country: 'DEU' }, 'INVALID_COUNTRY', 'country'],
      ['a mixed-case address with a wrong checksum', { walletAddress: testAccount.address.replace(/[a-f]/, (c) => c.toUpperCase()) }, 'INVALID_ADDRESS', 'walletAddress'],
      ['a short address', { walletAddress: '0x1234' }, 'INVALID_ADDRESS', 'walletAddress'],
      ['client metadata over 2 KB', { metadata: { blob: 'x'.repeat(3_000) } }, 'INVALID_REQUEST', undefined],
    ])('refuses %s with its code and field', async (_name, body, code, field) => {
      const k = await start();

      const answer = await k.client.createLink({ siwe: null, body });

      expect([answer.status, answer.json.error.code, answer.json.error.field]).toEqual([400, code, field]);
      expect(createCalls(k)).toHaveLength(0);
    });

    it('refuses a country that is not offered', async () => {
      const k = await start({ countries: ['DE', 'AT'] });

      const answer = await k.client.createLink({ body: { country: 'FR' } });

      expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_COUNTRY']);
    });

    it('refuses an Idempotency-Key that is not 8 to 255 visible characters', async () => {
      const k = await start();

      const answer = await k.client.createLink({ idempotencyKey: 'short' });

      expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_REQUEST']);
    });

    it('answers NOT_FOUND for an unknown route', async () => {
      const k = await start();

      const answer = await k.client.call('/links');

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    });

    it('answers UNAUTHORIZED when authorize refuses, before spending a nonce', async () => {
      const k = await start({ allowAnonymous: false, authorize: () => null });

      const answer = await k.client.createLink({ siwe: null });

      expect([answer.status, answer.json.error.code]).toEqual([401, 'UNAUTHORIZED']);
    });

    it('answers INTERNAL_ERROR, not UNAUTHORIZED, when authorize itself throws', async () => {
      const k = await start({
        allowAnonymous: false,
        authorize: () => {
          throw new Error('session store down for ada@example.com');
        },
      });

      const answer = await k.client.createLink({ siwe: null });

      expect([answer.status, answer.json.error.code]).toEqual([500, 'INTERNAL_ERROR']);
      expect(JSON.stringify(k.logs)).not.toContain('ada@example.com');
    });
  });

  describe('when Trusset refuses or fails', () => {
    it.each<[string, MockFault, number, string]>([
      ['500', { status: 500 }, 502, 'UPSTREAM_UNAVAILABLE'],
      ['502', { status: 502 }, 502, 'UPSTREAM_UNAVAILABLE'],
      ['503', { status: 503 }, 502, 'UPSTREAM_UNAVAILABLE'],
      ['a body that is not JSON', 'not-json', 502, 'UPSTREAM_UNAVAILABLE'],
      ['JSON of the wrong shape', 'wrong-shape', 502, 'UPSTREAM_UNAVAILABLE'],
      ['success without a URL', 'no-url', 502, 'UPSTREAM_UNAVAILABLE'],
      ['a URL on a foreign host', 'foreign-host', 502, 'UPSTREAM_INVALID_URL'],
      ['an http: URL off loopback', 'http-url', 502, 'UPSTREAM_INVALID_URL'],
      ['a javascript: URL', 'javascript-url', 502, 'UPSTREAM_INVALID_URL'],
      ['AUTH_FAILED', { status: 401, code: 'AUTH_FAILED' }, 502, 'SERVICE_MISCONFIGURED'],
      ['ACCOUNT_FROZEN', { status: 403, code: 'ACCOUNT_FROZEN' }, 502, 'SERVICE_MISCONFIGURED'],
      ['CREDIT_LIMIT_EXCEEDED', { status: 402 }, 503, 'SERVICE_QUOTA_EXCEEDED'],
    ])('answers %s with its contract code', async (_name, fault, status, code) => {
      const k = await start();
      k.mock.injectFault(fault, { route: 'create' });

      const answer = await k.client.createLink();

      expect([answer.status, answer.json.error.code]).toEqual([status, code]);
    });

    it("passes on Trusset's rate limit with its Retry-After", async () => {
      const k = await start();
      k.mock.injectFault({ status: 429, retryAfter: 42 }, { route: 'create' });

      const answer = await k.client.createLink();

      expect([answer.status, answer.json.error.code, answer.json.error.retryAfter]).toEqual([429, 'RATE_LIMITED', 42]);
      expect(answer.response.headers.get('retry-after')).toBe('42');
    });

    it('answers COUNTRY_BLOCKED with the country field when Trusset blocks the country', async () => {
      const k = await start({}, { blockedCountries: ['RU'] });

      const answer = await k.client.createLink({ body: { country: 'RU' } });

      expect([answer.status, answer.json.error.code, answer.json.error.field]).toEqual([403, 'COUNTRY_BLOCKED', 'country']);
    });

    it('answers SERVICE_MISCONFIGURED and logs it when the key is refused', async () => {
      const k = await start({ apiKey: ['trusset', 'zzzz9999', '0a'.repeat(32)].join('_') });

      const answer = await k.client.createLink();

      expect([answer.status, answer.json.error.code]).toEqual([502, 'SERVICE_MISCONFIGURED']);
      expect(k.logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'Trusset refused the request', fields: expect.objectContaining({ upstreamCode: 'AUTH_FAILED' }) }));
    });

    it("never forwards Trusset's message, which can echo the e-mail", async () => {
      const k = await start({}, { blockedCountries: ['RU'] });

      const answer = await k.client.createLink({ body: { country: 'RU', email: 'echo@example.com' } });

      expect(answer.text).not.toContain('echo@example.com');
      expect(answer.json.error.message).toBe('Identity verification is not available for this country.');
    });

    it('answers UPSTREAM_TIMEOUT when Trusset does not answer in time', async () => {
      const k = await start({ upstreamTimeoutMs: 300 });
      k.mock.injectFault('hang', { route: 'create' });

      const answer = await k.client.createLink();

      expect([answer.status, answer.json.error.code]).toEqual([504, 'UPSTREAM_TIMEOUT']);
    });

    it('answers UPSTREAM_UNAVAILABLE when Trusset cannot be reached', async () => {
      const k = await start({ apiBase: 'http://127.0.0.1:9' });

      const answer = await k.client.createLink();

      expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
    });

    it('answers STORE_UNAVAILABLE when the store cannot be reached', async () => {
      const broken = () => Promise.reject(new Error('ECONNREFUSED'));
      const k = await start({ store: { get: broken, set: broken, setIfAbsent: broken, take: broken, delete: broken, increment: broken, addMember: broken, removeMember: broken } });

      const answer = await k.client.call('/nonce');

      expect([answer.status, answer.json.error.code, answer.json.error.retryAfter]).toEqual([503, 'STORE_UNAVAILABLE', undefined]);
    });
  });
});
