import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTrussetHandler, toNodeListener } from '../../src/kit/index.js';
import { MAX_JSON_DEPTH } from '../../src/kit/json.js';
import { MAX_UPSTREAM_BYTES } from '../../src/kit/trusset-client.js';
import { testAccount } from '../support/accounts.js';
import { captureLogger, closeServer, kitOptions, kitPerTest, listen, PAGE_ORIGIN, type LogLine } from '../support/kit.js';

// No input may crash the kit. Each case is one input that once did, sent to a
// real kit on 127.0.0.1.

const start = kitPerTest();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await closeServer(server);
});

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('trusset-verify/server on malformed bodies', () => {
  it('refuses metadata nested 5,000 deep with INVALID_REQUEST naming the depth limit, before authorize and the rate limit', async () => {
    let authorized = 0;
    const k = await start({
      allowAnonymous: false,
      authorize: () => {
        authorized++;
        return { customerRef: 'cust-1' };
      },
      siwe: { required: false },
      rateLimits: { create: { limit: 1, windowMs: 60_000 } },
    });
    const body = `{"email":"ada@example.com","walletAddress":"${testAccount.address}","country":"DE","metadata":{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await k.client.call('/id-links', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }));

    expect(answers.map((answer) => [answer.status, answer.json.error.code])).toEqual(Array(3).fill([400, 'INVALID_REQUEST']));
    expect(authorized).toBe(0);
    expect(k.logs.filter((line) => line.level === 'error')).toEqual([]);
    expect(k.logs.map((line) => line.fields?.details)).toEqual(Array(3).fill(`body nested deeper than ${MAX_JSON_DEPTH} levels`));
  });

  it.each([
    ['a resume body', (deep: string) => `{"walletAddress":"${testAccount.address}","resume":${deep}}`],
    ['a bare array', (deep: string) => deep],
    ['an object of objects', () => `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`],
  ])('refuses %s nested too deep with INVALID_REQUEST', async (_name, make) => {
    const k = await start();

    const answer = await k.client.call('/id-links', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: make('['.repeat(4_000) + ']'.repeat(4_000)) });

    expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('reads brackets inside strings as text, and accepts metadata nested within the limit', async () => {
    const k = await start();

    const answer = await k.client.createLink({ body: { metadata: { brackets: '['.repeat(100), deep: nested(MAX_JSON_DEPTH - 3) } } });

    expect(answer.status).toBe(201);
  });
});

describe('trusset-verify/server on countries', () => {
  it.each(['ß', 'ﬁ', 'ıt', 'ſe', 'İt', 'ＤＥ', 'D\u0301E'])('refuses %s, which upper-cases into letters of a code, with INVALID_COUNTRY and asks Trusset nothing', async (country) => {
    const k = await start();

    const answer = await k.client.createLink({ body: { country } });

    expect([answer.status, answer.json.error.code, answer.json.error.field]).toEqual([400, 'INVALID_COUNTRY', 'country']);
    expect(k.mock.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('still accepts a lower-case ASCII code', async () => {
    const k = await start();

    const answer = await k.client.createLink({ body: { country: 'de' } });

    expect(answer.status).toBe(201);
  });
});

describe('trusset-verify/server when the client goes away', () => {
  it('logs an upload the client aborted halfway as a refusal at info, with a stable code and no stack', async () => {
    const k = await start();
    // The kit's handler behind a server of the test's own, to know when the upload has begun.
    const server = createServer(toNodeListener(k.handler));
    servers.push(server);
    let received = 0;
    server.on('request', () => received++);
    const { host, port } = new URL(await listen(server));
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});

    socket.write(`POST /api/trusset/id-links HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${PAGE_ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"email":"ada@exa`);
    await vi.waitFor(() => expect(received).toBe(1));
    socket.destroy();

    await vi.waitFor(() => expect(k.logs.length).toBeGreaterThan(0));
    expect(k.logs).toEqual([
      { level: 'info', message: 'request refused', fields: expect.objectContaining({ code: 'INVALID_REQUEST', status: 400, details: 'the client closed the connection before the body arrived' }) },
    ]);
    expect(k.logs[0]!.fields).not.toHaveProperty('stack');
    expect(JSON.stringify(k.logs)).not.toContain('ada@exa');
  });
});

describe('trusset-verify/server on paths it does not serve', () => {
  const TOKEN = 'a'.repeat(64);

  it('logs a 15 KB path as a bounded route name, with no e-mail or token from it', async () => {
    const k = await start();
    const path = `/ada@example.com/${TOKEN}/${'x'.repeat(15_000)}`;

    const answer = await k.client.call(path);

    expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(k.logs).toEqual([
      { level: 'info', message: 'request refused', fields: expect.objectContaining({ code: 'NOT_FOUND', route: `GET unmatched (path of ${'/api/trusset'.length + path.length} characters)` }) },
    ]);
    const logText = JSON.stringify(k.logs);
    expect(logText.length).toBeLessThan(400);
    for (const secret of ['ada@example.com', TOKEN, 'xxxxxxxx']) expect(logText).not.toContain(secret);
  });

  it('logs a status read by its route template, never the id it was asked for', async () => {
    const k = await start();

    const answer = await k.client.linkStatus(encodeURIComponent('ada@example.com'), TOKEN);

    expect(answer.status).toBe(404);
    expect(k.logs.map((line) => line.fields?.route)).toEqual(['GET /api/trusset/id-links/{id}']);
    expect(JSON.stringify(k.logs)).not.toMatch(/ada|example|aaaaaaaa/);
  });

  it('logs a method it does not know without its name', async () => {
    const k = await start();

    await k.handler(new Request(`${k.url}/nonce`, { method: 'ADA-EXAMPLE-COM' }));

    expect(k.logs.map((line) => line.fields?.route)).toEqual(['other method /api/trusset/nonce']);
  });

  it('rate-limits unmatched paths per client like the routes it serves', async () => {
    const k = await start({ rateLimits: { status: { limit: 3, windowMs: 60_000 } } });

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await k.client.call(`/no-such-route-${i}`));

    expect(answers.map((answer) => answer.json.error.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    expect(answers[3]!.response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('trusset-verify/server when Trusset answers with a huge body', () => {
  const HUGE = 200 * 1024 * 1024;

  /** A fake Trusset on 127.0.0.1 that streams `HUGE` bytes of one JSON string, as fast as it is read. */
  async function hugeUpstream(headers: Record<string, string>) {
    const upstream = { url: '', sent: 0 };
    const server = createServer((_req, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      const chunk = Buffer.alloc(65_536, 'x');
      res.write('{"success":true,"data":"');
      const pump = () => {
        while (upstream.sent < HUGE && !res.destroyed) {
          upstream.sent += chunk.byteLength;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"}');
      };
      pump();
    });
    servers.push(server);
    upstream.url = await listen(server);
    return upstream;
  }

  it.each([
    ['streamed without a length', {}],
    ['with a Content-Length of 200 MB', { 'Content-Length': String(HUGE + 26) }],
  ])('answers UPSTREAM_UNAVAILABLE at once when the body is %s, having read at most a few MB of it', async (_name, headers) => {
    const upstream = await hugeUpstream(headers);
    const logs: LogLine[] = [];
    const handler = createTrussetHandler(kitOptions(upstream.url, captureLogger(logs), { allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false } }));
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss - before.rss, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const started = performance.now();

    const response = await handler(
      new Request('http://kit.test/api/trusset/id-links', {
        method: 'POST',
        headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE' }),
      }),
    );

    const elapsed = performance.now() - started;
    clearInterval(sampler);
    const answer = (await response.json()) as { error: { code: string } };
    expect([response.status, answer.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
    expect(elapsed).toBeLessThan(3_000);
    expect(upstream.sent).toBeLessThan(16 * 1024 * 1024);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
    expect(logs.map((line) => line.fields?.details)).toEqual([expect.stringContaining(`over ${MAX_UPSTREAM_BYTES} bytes`)]);
  });
});

describe('trusset-verify/server when Trusset refuses with odd fields', () => {
  it('logs a code or request id out of Trusset’s shape as UNRECOGNISED and not at all, never their text', async () => {
    const odd = `ada@example.com ${'y'.repeat(30_000)}`;
    const upstream = createServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: { code: odd }, metadata: { requestId: odd } }));
    });
    servers.push(upstream);
    const logs: LogLine[] = [];
    const handler = createTrussetHandler(kitOptions(await listen(upstream), captureLogger(logs), { allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false } }));

    const response = await handler(
      new Request('http://kit.test/api/trusset/id-links', {
        method: 'POST',
        headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'bob@example.com', walletAddress: testAccount.address, country: 'DE' }),
      }),
    );

    expect(response.status).toBe(502);
    expect(logs.map((line) => line.fields?.upstreamCode).filter(Boolean)).toEqual(['UNRECOGNISED']);
    const logText = JSON.stringify(logs);
    expect(logText.length).toBeLessThan(1_000);
    expect(logText).not.toContain('ada@example.com');
  });
});
