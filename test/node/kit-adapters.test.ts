import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import express from 'express';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, SIWE_STATEMENT, toNodeListener, type TrussetHandlerOptions } from '../../src/kit/index.js';
import { testAccount } from '../support/accounts.js';
import { captureLogger, closeServer, kitClient, kitOptions, listen, PAGE_ORIGIN, kitPerTest, type LogLine } from '../support/kit.js';

const cleanups: (() => Promise<void>)[] = [];

const start = kitPerTest();

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function nonceRequest(headers: Record<string, string> = {}) {
  return new Request('http://kit.test/api/trusset/nonce', { headers: { Origin: PAGE_ORIGIN, ...headers } });
}

/** The mock and a kit handler in front of it, for mounting in a server of the test's own. */
async function mockAndHandler(options: Partial<TrussetHandlerOptions> = {}) {
  const mock = await startMockTrusset();
  cleanups.push(() => mock.close());
  const logs: LogLine[] = [];
  const logger = captureLogger(logs);
  const handler = createTrussetHandler(kitOptions(mock.url, logger, options));
  return { mock, logs, logger, handler };
}

async function serve(server: Server): Promise<string> {
  const origin = await listen(server);
  cleanups.push(() => closeServer(server));
  return origin;
}

async function readJson(response: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('trusset-verify-server', () => {
  describe('when mounted on node:http with toNodeListener', () => {
    it('counts rate limits by the socket address, whatever X-Forwarded-For says', async () => {
      const k = await start({ rateLimits: { nonce: { limit: 1, windowMs: 60_000 } } });

      const first = await k.client.call('/nonce');
      const spoofed = await k.client.call('/nonce', { headers: { 'X-Forwarded-For': '198.51.100.9' } });
      const sameAddress = await k.handler(nonceRequest(), { ip: '127.0.0.1' });
      const otherClient = await k.handler(nonceRequest(), { ip: '203.0.113.1' });

      expect([first.status, spoofed.status, sameAddress.status, otherClient.status]).toEqual([200, 429, 429, 200]);
      expect(spoofed.json.error.code).toBe('RATE_LIMITED');
    });

    it('with trustProxy, counts by the right-most X-Forwarded-For entry', async () => {
      const k = await start({ trustProxy: true, rateLimits: { nonce: { limit: 1, windowMs: 60_000 } } });

      const first = await k.client.call('/nonce', { headers: { 'X-Forwarded-For': '10.0.0.1, 198.51.100.7' } });
      const spoofedLeft = await k.client.call('/nonce', { headers: { 'X-Forwarded-For': '10.0.0.2, 198.51.100.7' } });
      const otherClient = await k.client.call('/nonce', { headers: { 'X-Forwarded-For': '198.51.100.7, 198.51.100.8' } });

      expect([first.status, spoofedLeft.status, otherClient.status]).toEqual([200, 429, 200]);
    });

    it('answers 413 to a chunked upload over the limit before the client has finished sending it', async () => {
      const k = await start({ maxBodyBytes: 4_096 });
      const upload = httpRequest(`${k.url}/id-links`, { method: 'POST', headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' } });
      upload.on('error', () => {});
      cleanups.push(async () => void upload.destroy());
      const answered = new Promise<IncomingMessage>((resolve) => upload.once('response', resolve));

      upload.write('x'.repeat(16_384));
      const response = await answered;
      const body = await readJson(response);

      expect(upload.getHeader('content-length')).toBeUndefined();
      expect(upload.writableEnded).toBe(false);
      expect([response.statusCode, body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(response.headers.connection).toBe('close');
    });
  });

  describe('when mounted in Express 5 before any body parser', () => {
    it('serves the whole flow: nonce, create, status', async () => {
      const { mock, logs, logger, handler } = await mockAndHandler();
      const app = express();
      app.use('/api/trusset', toNodeListener(handler, { logger }));
      app.use(express.json());
      const client = kitClient(`${await serve(createServer(app))}/api/trusset`);

      const { nonce } = await client.nonce();
      const created = await client.createLink({ nonce });
      const status = await client.linkStatus(created.json.data.id, created.json.data.statusToken);

      expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(created.status).toBe(201);
      expect(created.json.data.walletAddress).toBe(testAccount.address);
      expect([status.status, status.json.data.status]).toEqual([200, 'pending']);
      expect(mock.links()).toHaveLength(1);
      expect(logs.filter((line) => line.level === 'warn')).toEqual([]);
    });
  });

  describe('when mounted in Express 5 after express.json()', () => {
    it('logs that a body parser ran first and answers INVALID_REQUEST', async () => {
      const { mock, logs, logger, handler } = await mockAndHandler();
      const app = express();
      app.use(express.json());
      app.use('/api/trusset', toNodeListener(handler, { logger }));
      const client = kitClient(`${await serve(createServer(app))}/api/trusset`);

      const answer = await client.createLink();

      expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_REQUEST']);
      expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('mount the kit before express.json()') }));
      expect(mock.calls).toHaveLength(0);
    });
  });
});

describe('trusset-verify-server beyond Node', () => {
  describe('when mounted as a Next.js App Router route handler', () => {
    const APP_ORIGIN = 'http://localhost:3000';
    const ENV = ['TRUSSET_API_KEY', 'TRUSSET_API_BASE', 'NEXT_PUBLIC_APP_ORIGIN'] as const;
    const saved = new Map(ENV.map((name) => [name, process.env[name]]));
    let mock: RunningMockTrusset;
    let route: typeof import('../../demo/next/app/api/trusset/[...path]/route.js');

    beforeAll(async () => {
      // Links on Trusset's own verify host, so that the route needs no verifyHosts of its own.
      mock = await startMockTrusset({ verifyBaseUrl: 'https://verify.trusset.org' });
      process.env.TRUSSET_API_KEY = MOCK_API_KEY;
      process.env.TRUSSET_API_BASE = mock.url;
      process.env.NEXT_PUBLIC_APP_ORIGIN = APP_ORIGIN;
      route = await import('../../demo/next/app/api/trusset/[...path]/route.js');
    });

    afterAll(async () => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await mock.close();
    });

    function nextRequest(path: string, init: RequestInit = {}, session: string | null = 'demo-42') {
      const headers = new Headers(init.headers);
      headers.set('Origin', APP_ORIGIN);
      if (session !== null) headers.set('Cookie', `theme=dark; session=${session}`);
      return new Request(`${APP_ORIGIN}/api/trusset${path}`, { ...init, headers });
    }

    it('serves nonce, create and status to a signed-in user, with the customer reference from the session', async () => {
      const nonceAnswer = await route.GET(nextRequest('/nonce'));
      const { nonce } = ((await nonceAnswer.json()) as { data: { nonce: string } }).data;
      const message = createSiweMessage({ domain: 'localhost:3000', uri: APP_ORIGIN, address: testAccount.address, chainId: 1, nonce, issuedAt: new Date(), version: '1', statement: SIWE_STATEMENT });
      const siwe = { message, signature: await testAccount.signMessage({ message }) };
      const body = JSON.stringify({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE', siwe });

      const created = await route.POST(nextRequest('/id-links', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }));
      const link = ((await created.json()) as { data: { id: string; url: string; statusToken: string } }).data;
      const status = await route.GET(nextRequest(`/id-links/${link.id}`, { headers: { 'X-Status-Token': link.statusToken } }));

      expect(nonceAnswer.status).toBe(200);
      expect(created.status).toBe(201);
      expect(new URL(link.url).host).toBe('verify.trusset.org');
      expect(mock.links().at(-1)?.body.metadata).toEqual({ customerRef: 'customer-42' });
      expect(status.status).toBe(200);
      expect(((await status.json()) as { data: { status: string } }).data.status).toBe('pending');
    });

    it('refuses a caller without a session with UNAUTHORIZED', async () => {
      const calls = mock.calls.length;

      const answer = await route.GET(nextRequest('/nonce', {}, null));
      const forged = await route.GET(nextRequest('/nonce', {}, 'made-up'));

      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
      expect(forged.status).toBe(401);
      expect(mock.calls).toHaveLength(calls);
    });

    it('answers a CORS preflight from the app origin', async () => {
      const answer = await route.OPTIONS(nextRequest('/id-links', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } }, null));

      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    });
  });
});
