import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { createSiweMessage } from 'viem/siwe';
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import { NONCE_LIFETIME_MS } from '../../src/kit/nonces.js';
import { SIWE_STATEMENT } from '../../src/shared/siwe.js';
import { testAccount } from '../support/accounts.js';
import { kitPerTest, PAGE_ORIGIN, type Kit } from '../support/kit.js';

// The abuse cases the other kit tests leave out (kit-siwe, kit-cors-limits, kit-idempotency and
// kit-privacy cover the rest). Every test also checks that nothing secret escaped while it ran.

const start = kitPerTest();
const agents: Agent[] = [];
const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const EMAIL = 'ada@example.com';
const MINUTE = 60_000;

interface Seen {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** What escaped during one test: every answer, and the kit's log. */
function leakWatch(k: Kit) {
  const answers: Seen[] = [];
  const secrets = [MOCK_API_KEY, EMAIL];
  return {
    answers,
    secrets,
    async fromResponse(response: Response): Promise<Seen> {
      const seen = { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
      answers.push(seen);
      return seen;
    },
    expectNothingLeaked() {
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) {
        expect(answer.text).not.toContain(MOCK_API_KEY);
        expect(JSON.stringify(answer.headers)).not.toContain(MOCK_API_KEY);
      }
      const logText = JSON.stringify(k.logs);
      for (const secret of secrets) expect(logText).not.toContain(secret);
    },
  };
}

function createCalls(k: Kit): number {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links').length;
}

function recordKitAnswer<T extends { response: Response; status: number; text: string }>(watch: ReturnType<typeof leakWatch>, answer: T): T {
  watch.answers.push({ status: answer.status, headers: Object.fromEntries(answer.response.headers), text: answer.text });
  return answer;
}

/** A GET over node:http from a chosen source address, so that the kit sees distinct clients. */
function getFrom(url: string, localAddress: string, agent: Agent, headers: Record<string, string> = {}): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, localAddress, headers: { Origin: PAGE_ORIGIN, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
}

function agent(): Agent {
  const made = new Agent({ keepAlive: true, maxSockets: 64 });
  agents.push(made);
  return made;
}

/**
 * A raw HTTP/1.1 exchange, for what fetch will not do: declare a length it never sends, or send a
 * body slowly. `closed` settles when the kit (or the test) closes the connection.
 */
function rawExchange(url: string, head: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  let sent = 0;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  // A reset after the kit has answered and closed is the expected end, not a failure.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(head);
  cleanups.push(() => socket.destroy());
  return {
    closed,
    get received() {
      return received;
    },
    get sent() {
      return sent;
    },
    write(chunk: string) {
      if (socket.writable) {
        sent += Buffer.byteLength(chunk);
        socket.write(chunk);
      }
    },
  };
}

function postHead(url: string, lengthHeader: string): string {
  const { host, pathname } = new URL(`${url}/id-links`);
  return `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${PAGE_ORIGIN}\r\nContent-Type: application/json\r\n${lengthHeader}\r\n\r\n`;
}

describe('trusset-verify-server under abuse', () => {
  describe('nonces and message lifetimes', () => {
    it('refuses a nonce that outlived its ten minutes unspent, and creates nothing', async () => {
      let now = Date.now();
      const k = await start({ now: () => now });
      const watch = leakWatch(k);
      const { nonce } = await k.client.nonce();

      now += NONCE_LIFETIME_MS + 1;
      const siwe = await k.client.signIn({ nonce, issuedAt: new Date(now) });
      watch.secrets.push(siwe.signature);
      const answer = recordKitAnswer(watch, await k.client.createLink({ siwe }));

      expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
      expect(createCalls(k)).toBe(0);
      watch.expectNothingLeaked();
    });

    it('still accepts a nonce a second before its lifetime ends', async () => {
      let now = Date.now();
      const k = await start({ now: () => now });
      const watch = leakWatch(k);
      const { nonce } = await k.client.nonce();

      now += NONCE_LIFETIME_MS - 1_000;
      const siwe = await k.client.signIn({ nonce, issuedAt: new Date(now) });
      watch.secrets.push(siwe.signature);
      const answer = recordKitAnswer(watch, await k.client.createLink({ siwe }));

      expect(answer.status).toBe(201);
      expect(createCalls(k)).toBe(1);
      watch.expectNothingLeaked();
    });

    it.each([
      ['a not-before two minutes ahead', () => ({ notBefore: new Date(Date.now() + 2 * MINUTE) }), 'SIWE_NOT_YET_VALID'],
      ['an expiration two minutes ago (issued before it)', () => ({ issuedAt: new Date(Date.now() - 20 * MINUTE), expirationTime: new Date(Date.now() - 2 * MINUTE) }), 'SIWE_EXPIRED'],
    ])('refuses a message with %s and leaves its nonce unspent for a good message', async (_name, times, code) => {
      const k = await start();
      const watch = leakWatch(k);
      const { nonce } = await k.client.nonce();
      const message = createSiweMessage({
        domain: new URL(PAGE_ORIGIN).host,
        uri: PAGE_ORIGIN,
        address: testAccount.address,
        chainId: 1,
        nonce,
        issuedAt: new Date(),
        version: '1',
        statement: SIWE_STATEMENT,
        ...times(),
      });
      const signature = await testAccount.signMessage({ message });
      const good = await k.client.signIn({ nonce });
      watch.secrets.push(signature, good.signature);

      const refused = recordKitAnswer(watch, await k.client.createLink({ siwe: { message, signature } }));
      const accepted = recordKitAnswer(watch, await k.client.createLink({ siwe: good }));

      expect([refused.status, refused.json.error.code, refused.json.error.message]).toEqual([401, code, expect.stringContaining('Sign again')]);
      expect(accepted.status).toBe(201);
      expect(createCalls(k)).toBe(1);
      watch.expectNothingLeaked();
    });
  });

  describe('signatures', () => {
    it("refuses the wallet's own valid signature of another sign-in message with SIWE_BAD_SIGNATURE", async () => {
      const k = await start();
      const watch = leakWatch(k);
      const first = await k.client.signIn();
      const second = await k.client.signIn();
      watch.secrets.push(first.signature, second.signature);

      const swapped = recordKitAnswer(watch, await k.client.createLink({ siwe: { message: first.message, signature: second.signature } }));
      const genuine = recordKitAnswer(watch, await k.client.createLink({ siwe: first }));

      expect([swapped.status, swapped.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
      expect(genuine.status).toBe(201);
      expect(createCalls(k)).toBe(1);
      watch.expectNothingLeaked();
    });
  });

  describe('bodies', () => {
    it('answers 413 to a declared 50 MB upload after a few bytes, and closes the connection', async () => {
      const k = await start();
      const watch = leakWatch(k);
      const raw = rawExchange(k.url, postHead(k.url, 'Content-Length: 50000000'));
      raw.write('{"email":"');

      await raw.closed;
      watch.answers.push({ status: 413, headers: {}, text: raw.received });

      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received).toMatch(/\r\nconnection: close\r\n/i);
      expect(raw.received).toContain('"PAYLOAD_TOO_LARGE"');
      expect(createCalls(k)).toBe(0);
      watch.expectNothingLeaked();
    });

    it('answers 408 to a body that trickles in slower than bodyTimeoutMs, and closes the connection', async () => {
      const k = await start({ bodyTimeoutMs: 1_000 });
      const watch = leakWatch(k);
      const raw = rawExchange(k.url, postHead(k.url, 'Content-Length: 4000'));
      const startedAt = Date.now();
      // One byte every 50 ms: 4 000 bytes would take over three minutes.
      const trickle = setInterval(() => raw.write(' '), 50);
      cleanups.push(() => clearInterval(trickle));

      await raw.closed;
      clearInterval(trickle);
      const took = Date.now() - startedAt;
      watch.answers.push({ status: 408, headers: {}, text: raw.received });

      expect(raw.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(raw.received).toContain('"REQUEST_TIMEOUT"');
      expect(raw.received).toMatch(/\r\nconnection: close\r\n/i);
      expect(raw.sent).toBeLessThan(4_000);
      expect(took).toBeGreaterThanOrEqual(1_000);
      expect(createCalls(k)).toBe(0);
      expect(k.logs).toContainEqual(expect.objectContaining({ message: 'request refused', fields: expect.objectContaining({ code: 'REQUEST_TIMEOUT' }) }));
      watch.expectNothingLeaked();
    });
  });

  describe('rate limits', () => {
    it('limits a burst of 1 000 nonce requests from one address with 429 and Retry-After while another address is served', async () => {
      const k = await start();
      const watch = leakWatch(k);
      const attacker = agent();
      const bystander = agent();
      // The bystander's connection is open before the burst, as a client mid-session would have one.
      const before = await getFrom(`${k.url}/nonce`, '127.0.0.2', bystander);
      let firstRefusal!: () => void;
      const refused = new Promise<void>((resolve) => (firstRefusal = resolve));
      let burstAnswered = 0;

      const burst = Promise.all(
        Array.from({ length: 1_000 }, async () => {
          const answer = await getFrom(`${k.url}/nonce`, '127.0.0.1', attacker);
          burstAnswered++;
          if (answer.status === 429) firstRefusal();
          return answer;
        }),
      );
      await refused;
      const others: Seen[] = [];
      for (let i = 0; i < 3; i++) others.push(await getFrom(`${k.url}/nonce`, '127.0.0.2', bystander));
      const answeredMeanwhile = burstAnswered;
      const answers = await burst;

      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(30);
      expect(statuses.filter((status) => status === 429)).toHaveLength(970);
      for (const answer of answers.filter((a) => a.status === 429)) {
        const retryAfter = Number(answer.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(JSON.parse(answer.text).error).toMatchObject({ code: 'RATE_LIMITED', retryAfter });
      }
      expect([before, ...others].map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      expect(answeredMeanwhile).toBeLessThan(1_000);
      watch.answers.push(...answers, ...others);
      watch.expectNothingLeaked();
    });

    function nonceRequest(forwardedFor?: string): Request {
      return new Request(`http://kit.test/api/trusset/nonce`, { headers: { Origin: PAGE_ORIGIN, ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) } });
    }

    it('ignores X-Forwarded-For without trustProxy: a spoofed header does not reset the limit', async () => {
      const k = await start({ rateLimits: { nonce: { limit: 2, windowMs: MINUTE } } });
      const watch = leakWatch(k);

      const answers = [];
      for (const spoofed of [undefined, '198.51.100.1', '198.51.100.2', '198.51.100.3, 198.51.100.4']) {
        answers.push(await watch.fromResponse(await k.handler(nonceRequest(spoofed), { ip: '203.0.113.9' })));
      }
      const elsewhere = await watch.fromResponse(await k.handler(nonceRequest('198.51.100.1'), { ip: '203.0.113.10' }));

      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
      expect(elsewhere.status).toBe(200);
      watch.expectNothingLeaked();
    });

    it('with trustProxy: 2, counts by the second entry from the right, whatever the client prepends', async () => {
      const k = await start({ trustProxy: 2, rateLimits: { nonce: { limit: 1, windowMs: MINUTE } } });
      const watch = leakWatch(k);
      const send = async (forwardedFor: string) => (await watch.fromResponse(await k.handler(nonceRequest(forwardedFor), { ip: '10.0.0.2' }))).status;

      const first = await send('198.51.100.7, 10.0.0.1');
      const prepended = await send('192.0.2.55, 198.51.100.7, 10.0.0.1');
      const otherClient = await send('198.51.100.8, 10.0.0.1');

      expect([first, prepended, otherClient]).toEqual([200, 429, 200]);
      watch.expectNothingLeaked();
    });
  });

  describe('idempotency under concurrency', () => {
    it('answers 20 concurrent requests with one Idempotency-Key, each freshly signed, with one Trusset call and identical links', async () => {
      const k = await start({ rateLimits: { nonce: { limit: 100, windowMs: MINUTE }, create: { limit: 100, windowMs: MINUTE } } });
      const watch = leakWatch(k);
      k.mock.injectFault({ delayMs: 300 }, { route: 'create' });
      const signed = await Promise.all(Array.from({ length: 20 }, () => k.client.signIn()));
      watch.secrets.push(...signed.map((siwe) => siwe.signature));

      const answers = await Promise.all(signed.map((siwe) => k.client.createLink({ siwe, idempotencyKey: 'abuse-concurrent-0001' })));

      answers.forEach((answer) => recordKitAnswer(watch, answer));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
      for (const answer of answers) expect(answer.json.data).toEqual(answers[0]!.json.data);
      expect(createCalls(k)).toBe(1);
      expect(k.mock.links()).toHaveLength(1);
      watch.secrets.push(answers[0]!.json.data.url, answers[0]!.json.data.statusToken);
      watch.expectNothingLeaked();
    });
  });

  describe('origins', () => {
    it('serves a POST without Origin (a server-to-server caller) as same-origin, without CORS headers', async () => {
      const k = await start();
      const watch = leakWatch(k);
      const siwe = await k.client.signIn();
      watch.secrets.push(siwe.signature);

      const answer = recordKitAnswer(
        watch,
        await k.client.call('/id-links', {
          method: 'POST',
          origin: null,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: EMAIL, walletAddress: testAccount.address, country: 'DE', siwe }),
        }),
      );

      expect(answer.status).toBe(201);
      expect(answer.response.headers.get('access-control-allow-origin')).toBeNull();
      expect(createCalls(k)).toBe(1);
      watch.expectNothingLeaked();
    });

    it('refuses a disallowed Origin with 403 and no CORS headers even with a valid signed message, spending nothing', async () => {
      const k = await start();
      const watch = leakWatch(k);
      const siwe = await k.client.signIn();
      watch.secrets.push(siwe.signature);

      const refused = recordKitAnswer(
        watch,
        await k.client.call('/id-links', {
          method: 'POST',
          origin: 'https://evil.example',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: EMAIL, walletAddress: testAccount.address, country: 'DE', siwe }),
        }),
      );
      const legitimate = recordKitAnswer(watch, await k.client.createLink({ siwe }));

      expect([refused.status, refused.json.error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect([...refused.response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(legitimate.status).toBe(201);
      expect(createCalls(k)).toBe(1);
      watch.expectNothingLeaked();
    });
  });
});
