import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from './index.js';

const WALLET = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  beforeAll(async () => {
    mock = await startMockTrusset({ blockedCountries: ['kp', 'IRN', '760'] });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  async function create(body: unknown) {
    const response = await fetch(`${mock.url}/customers/api/id-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
      body: JSON.stringify(body),
    });
    return { response, json: (await response.json()) as any };
  }

  describe('when a link is created with the reference fields', () => {
    it('answers 201 with a pending link on the server host', async () => {
      const body = { email: 'ada@example.com', walletAddress: WALLET, country: 'de', channels: ['email'], metadata: { plan: 'gold' } };

      const { response, json } = await create(body);

      expect(response.status).toBe(201);
      expect(json).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(/^link_[A-Za-z0-9]{12}$/),
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/link\/[A-Za-z0-9]{32}$/),
          status: 'pending',
          email: 'ada@example.com',
          walletAddress: WALLET,
          country: 'de',
          channels: ['email'],
          metadata: { plan: 'gold' },
          createdAt: expect.any(String),
          expiresAt: expect.any(String),
        },
        metadata: { requestId: expect.stringMatching(UUID), timestamp: expect.any(String) },
      });
      expect(new URL(json.data.url).host).toBe(new URL(mock.url).host);
      expect(Date.parse(json.data.expiresAt) - Date.parse(json.data.createdAt)).toBe(7 * 24 * 3600 * 1000);
    });

    it('accepts an all-lowercase wallet address', async () => {
      const { response } = await create({ walletAddress: WALLET.toLowerCase() });

      expect(response.status).toBe(201);
    });
  });

  describe('when a link is created with the newer fields', () => {
    it('answers 201 with a token, an upper-case status and an alpha-3 country', async () => {
      const body = { recipientEmail: 'ada@example.com', recipientWallet: WALLET, country: 'DE', sendVia: ['email'], externalId: 'x-1' };

      const { response, json } = await create(body);

      expect(response.status).toBe(201);
      expect(json.data).toEqual({
        id: expect.stringMatching(/^link_[A-Za-z0-9]{12}$/),
        token: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
        verificationUrl: expect.any(String),
        status: 'PENDING',
        recipientEmail: 'ada@example.com',
        recipientWallet: WALLET,
        recipientPhone: null,
        country: 'DEU',
        investorType: 'RETAIL',
        sendVia: ['email'],
        externalId: 'x-1',
        customerId: null,
        referenceKey: null,
        metadata: null,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect(json.data.verificationUrl).toBe(`${mock.url}/link/${json.data.token}`);
      expect(Date.parse(json.data.expiresAt) - Date.parse(json.data.createdAt)).toBe(30 * 24 * 3600 * 1000);
    });

    it('takes expiryDays and a custom investor profile', async () => {
      const { json } = await create({ recipientPhone: '+491701234567', expiryDays: 1, investorType: 'qualified_de' });

      expect(json.data.investorType).toBe('qualified_de');
      expect(Date.parse(json.data.expiresAt) - Date.parse(json.data.createdAt)).toBe(24 * 3600 * 1000);
    });

    it.each(['DE', 'deu', '276'])('accepts the country %s and answers DEU', async (country) => {
      const { json } = await create({ recipientEmail: 'ada@example.com', country });

      expect(json.data.country).toBe('DEU');
    });
  });

  describe('when the body is refused', () => {
    it.each([
      ['no recipient at all', { country: 'DE' }, 'MISSING_RECIPIENT'],
      ['no recipient in the newer style', { investorType: 'RETAIL' }, 'MISSING_RECIPIENT'],
      ['sendVia sms without a phone', { recipientEmail: 'ada@example.com', sendVia: ['sms'] }, 'MISSING_RECIPIENT'],
      ['a wallet with a wrong checksum', { walletAddress: `${WALLET.slice(0, -1)}D` }, 'INVALID_ADDRESS'],
      ['a wallet that is not an address', { recipientWallet: '0x1234' }, 'INVALID_ADDRESS'],
      ['an unknown country', { email: 'ada@example.com', country: 'XX' }, 'INVALID_COUNTRY'],
      ['a country name', { email: 'ada@example.com', country: 'Germany' }, 'INVALID_COUNTRY'],
      ['expiryDays 0', { recipientEmail: 'ada@example.com', expiryDays: 0 }, 'INVALID_EXPIRY'],
      ['expiryDays 366', { recipientEmail: 'ada@example.com', expiryDays: 366 }, 'INVALID_EXPIRY'],
      ['expiryDays 1.5', { recipientEmail: 'ada@example.com', expiryDays: 1.5 }, 'INVALID_EXPIRY'],
      ['expiryDays as text', { recipientEmail: 'ada@example.com', expiryDays: '30' }, 'INVALID_EXPIRY'],
      ['a lower-case standard investor type', { recipientEmail: 'ada@example.com', investorType: 'Retail' }, 'INVALID_INVESTOR_TYPE'],
      ['an investor type that is no profile key', { recipientEmail: 'ada@example.com', investorType: '1st' }, 'INVALID_INVESTOR_TYPE'],
      ['an e-mail that is not one', { email: 'not-an-email' }, 'INVALID_INPUT'],
      ['an e-mail that is a number', { recipientEmail: 42 }, 'INVALID_INPUT'],
      ['channels that are not an array', { email: 'ada@example.com', channels: 'email' }, 'INVALID_INPUT'],
      ['an unknown channel', { email: 'ada@example.com', channels: ['fax'] }, 'INVALID_INPUT'],
      ['metadata that is an array', { email: 'ada@example.com', metadata: [] }, 'INVALID_INPUT'],
      ['a phone that is not E.164', { recipientPhone: '0170 1234567' }, 'INVALID_INPUT'],
      ['a wallet that is a number', { walletAddress: 7 }, 'INVALID_INPUT'],
    ])('refuses %s with 400', async (_, body, code) => {
      const { response, json } = await create(body);

      expect(response.status).toBe(400);
      expect(json).toEqual({
        success: false,
        error: { code, message: expect.any(String), details: { field: expect.any(String) } },
        metadata: { requestId: expect.stringMatching(UUID), timestamp: expect.any(String) },
      });
      expect(mock.links()).toHaveLength(0);
    });

    it.each(['KP', 'irn', '760'])('refuses the blocked country %s with 403 COUNTRY_BLOCKED', async (country) => {
      const { response, json } = await create({ email: 'ada@example.com', country });

      expect(response.status).toBe(403);
      expect(json.error.code).toBe('COUNTRY_BLOCKED');
    });

    it('echoes the e-mail in its messages, as Trusset does', async () => {
      const badEmail = await create({ recipientEmail: 'ada@@example.com' });
      const badWallet = await create({ email: 'ada@example.com', walletAddress: '0x12' });

      expect(badEmail.json.error.message).toBe('Invalid recipientEmail: ada@@example.com');
      expect(badWallet.json.error.message).toContain('ada@example.com');
    });

    it.each([
      ['text that is not JSON', '{"email":'],
      ['a JSON array', '[]'],
      ['JSON null', 'null'],
    ])('refuses %s with 400 VALIDATION_ERROR', async (_, text) => {
      const response = await fetch(`${mock.url}/customers/api/id-links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
        body: text,
      });
      const json = (await response.json()) as any;

      expect(response.status).toBe(400);
      expect(json.error.code).toBe('VALIDATION_ERROR');
    });
  });
});
