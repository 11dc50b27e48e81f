import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeListener, type TrussetHandler } from '../../src/kit/index.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { closeServer, expectKitEnvelope, inProcessKit, listen, PAGE_ORIGIN, type LogLine } from '../support/kit.js';

// No input may crash the kit (docs/kit.md, "What it checks, in this order"): every route, fed arbitrary requests. The bulk goes
// to the Fetch handler in-process (10 000 per route); a few hundred per route cross real HTTP
// through toNodeListener. Each request carries a canary, a string no answer and no log line may
// repeat, in its JSON (values, keys), its path and its headers.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const HTTP_RUNS = Math.min(300, RUNS);
// 10⁴ requests take 8 to 40 s on a 2-core machine, longer while it runs other work too.
const TIMEOUT_MS = 180_000;

// Anonymous with SIWE required (the demo's set-up), and behind a partner session without SIWE
// and with open links reused, where a well-formed body (a resume too) goes all the way to the mock.
const KITS = {
  anonymous: inProcessKit({}),
  session: inProcessKit({ allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false }, countries: ['DE', 'FR'], reuseOpenLinks: true }),
};
const kitName = fc.constantFrom(...(Object.keys(KITS) as (keyof typeof KITS)[]));

// Upper-case letters from outside the hex digits: no request id, timestamp, nonce or fixed message
// holds them. One constant: what matters is that it never comes back, and building the
// arbitraries once per route rather than per request keeps 10 000 runs fast.
const MARK = 'QZXWKVRQZX';

// Cheaper than fc.stringMatching, which dominated the run time.
const ascii = (min: number, max: number, maxLength: number, minLength = 0) => fc.string({ unit: fc.integer({ min, max }).map((code) => String.fromCharCode(code)), minLength, maxLength });
const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((array) => Buffer.from(array).toString('hex'));

const ODD = ['\ud800', '\udfff', 'ß', 'ﬁ', 'ı', 'ſ', '\u0000', '\u202e', 'e\u0301', '\ufeff', '💥', '\u2028'];

/** A string that carries the canary: short, huge, odd unicode, an e-mail. */
const text = (mark: string) =>
  fc.oneof(
    fc.constant(mark),
    fc.string({ maxLength: 30 }).map((rest) => `${rest}${mark}`),
    fc.string({ unit: 'binary', maxLength: 30 }).map((rest) => `${mark}${rest}`),
    fc.constantFrom(...ODD).map((odd) => `${odd}${mark}${odd}`),
    fc.emailAddress().map((mail) => `${mark}.${mail}`),
    fc.integer({ min: 100, max: 20_000 }).map((size) => `${mark}${'x'.repeat(size)}`),
  );

/** Any JSON value, with the canary in some of its strings and keys. */
const value = (mark: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 2, arbitrary: text(mark) },
    { weight: 1, arbitrary: fc.dictionary(text(mark), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(text(mark), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}) },
  );
const maybe = <T>(good: fc.Arbitrary<T>, mark: string) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: value(mark) });

const wallet = fc.constantFrom(testAccount.address, testAccount.address.toLowerCase(), otherAccount.address, '0x0000000000000000000000000000000000000000');

function createBody(mark: string) {
  return fc.record(
    {
      email: maybe(fc.constantFrom('ada@example.com', ' ada@example.com '), mark),
      walletAddress: maybe(wallet, mark),
      country: maybe(fc.constantFrom('DE', 'fr', 'ZZ'), mark),
      channels: maybe(fc.array(fc.constantFrom('email', 'sms'), { maxLength: 3 }), mark),
      metadata: maybe(fc.dictionary(text(mark), value(mark), { maxKeys: 4 }), mark),
      siwe: maybe(
        fc.record({
          message: maybe(text(mark), mark),
          signature: maybe(
            fc.oneof(hex(65), hex(3)).map((digits) => `0x${digits}`),
            mark,
          ),
        }),
        mark,
      ),
      [mark]: value(mark),
    },
    { requiredKeys: ['email', 'walletAddress', 'country'] },
  );
}

function resumeBody(mark: string) {
  return fc.record(
    {
      walletAddress: maybe(wallet, mark),
      resume: maybe(fc.record({ id: maybe(fc.constantFrom('link_AbCdEfGh1234', 'toString', '__proto__'), mark), statusToken: maybe(hex(32), mark) }, { requiredKeys: [] }), mark),
      siwe: maybe(fc.record({ message: text(mark), signature: text(mark) }), mark),
      [mark]: value(mark),
    },
    { requiredKeys: ['walletAddress', 'resume'] },
  );
}

/** JSON nested far deeper than the kit reads, as text: a value that deep is not for JSON.stringify. */
const deepText = (mark: string) =>
  fc.record({ depth: fc.integer({ min: 30, max: 7_000 }), open: fc.constantFrom('[', '{"a":'), wrap: fc.boolean() }).map(({ depth, open, wrap }) => {
    const close = open === '[' ? ']' : '}';
    const deep = `${open.repeat(depth)}"${mark}"${close.repeat(depth)}`;
    return wrap ? `{"email":"ada@example.com","walletAddress":"${testAccount.address}","country":"DE","metadata":{"${mark}":${deep}}}` : deep;
  });

/** A body as bytes on the wire: mostly the JSON of `structured`, else truncated, deep, or not JSON at all. */
const bodyText = (structured: fc.Arbitrary<unknown>, mark: string): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    { weight: 8, arbitrary: structured.map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: deepText(mark) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          structured.map((body) => JSON.stringify(body)),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([json, cut]) => json.slice(0, Math.floor(json.length * cut))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((rest) => `${mark}${rest}`) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '{}', '"x"', '{"__proto__":{"resume":1}}', '{"resume":null}', '\ufeff{}') },
  );

const printable = ascii(0x21, 0x7e, 40);
const withMark = (mark: string) => printable.map((rest) => `${rest}${mark}`);

/** A header mostly as the widget sends it (or not at all), sometimes odd, sometimes carrying the canary. */
const header = (usual: fc.Arbitrary<string | undefined>, odd: fc.Arbitrary<string>, mark: string, usualWeight = 8) =>
  fc.oneof({ weight: usualWeight, arbitrary: usual }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: withMark(mark) });
const none = fc.constant(undefined);

/** Headers a client may send: the widget's, someone else's, and the canary in each. */
function headers(mark: string) {
  return fc
    .record({
      origin: header(fc.constant(PAGE_ORIGIN), fc.constantFrom('https://evil.example', 'null', `${PAGE_ORIGIN}/`), mark),
      'content-type': header(
        fc.constantFrom('application/json', 'application/json; charset=utf-8'),
        fc.constantFrom('text/plain', 'APPLICATION/JSON', 'application/jsonx', 'multipart/form-data; boundary=x', `application/json;${mark}`),
        mark,
      ),
      'idempotency-key': header(fc.oneof(none, ascii(0x21, 0x7e, 40, 8)), fc.constant('k'.repeat(300)), mark, 4),
      'x-status-token': header(fc.oneof(none, hex(32)), fc.constant(''), mark, 4),
      'x-forwarded-for': header(fc.oneof(none, fc.ipV4(), fc.ipV6()), fc.constant('1.2.3.4, 5.6.7.8'), mark, 4),
      'content-length': header(none, fc.constantFrom('0', '-1', 'abc', '1e400', '99999999', '16385'), mark, 20),
      'access-control-request-method': header(none, fc.constantFrom('POST', 'GET', 'DELETE'), mark, 4),
      'access-control-request-headers': header(none, fc.constantFrom('content-type', 'x-evil'), mark, 4),
      cookie: header(none, fc.constant('session=1'), mark, 4),
      [`x-${mark.toLowerCase()}`]: header(none, fc.constant('1'), mark, 4),
    })
    .map((all) => Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)));
}

interface FuzzRequest {
  kit: keyof typeof KITS;
  mark: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  ip: string | undefined;
}

/** One route's requests: the method and path it serves (or a path it does not), its body, any headers. */
type Route = (mark: string) => fc.Arbitrary<{ method: string; path: string; body?: string | Uint8Array | undefined }>;

function requests(route: Route): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ kit: kitName, target: route(MARK), headers: headers(MARK), ip: fc.oneof(fc.constant(undefined), fc.ipV4(), fc.ipV6()) })
    .map(({ target, headers: sent, ...rest }) => ({ ...rest, headers: sent as Record<string, string>, mark: MARK, method: target.method, path: target.path, body: target.body }));
}

const linkId = (mark: string) =>
  fc.oneof(
    fc.constantFrom('link_AbCdEfGh1234', '%E0%A4%A', '%zz', '..%2F..%2Fnonce', '', '%00'),
    text(mark).map((id) => encodeURIComponent(id.replace(/[\ud800-\udfff]/g, ''))),
    fc.tuple(text(mark), fc.webSegment()).map(([id, segment]) => `${encodeURIComponent(id.replace(/[\ud800-\udfff]/g, ''))}/${segment}`),
  );

const ROUTES: Record<string, Route> = {
  'GET /nonce': (mark: string) => fc.record({ method: fc.constant('GET'), path: fc.constantFrom('/api/trusset/nonce', `/api/trusset/nonce?${mark}=1`) }),
  'POST /id-links, the create form': (mark: string) => fc.record({ method: fc.constant('POST'), path: fc.constant('/api/trusset/id-links'), body: bodyText(createBody(mark), mark) }),
  'POST /id-links, the resume form': (mark: string) => fc.record({ method: fc.constant('POST'), path: fc.constant('/api/trusset/id-links'), body: bodyText(resumeBody(mark), mark) }),
  'GET /id-links/{id}': (mark: string) => fc.record({ method: fc.constant('GET'), path: linkId(mark).map((id) => `/api/trusset/id-links/${id}`) }),
  OPTIONS: (mark: string) =>
    fc.record({
      method: fc.constant('OPTIONS'),
      path: fc.oneof(
        fc.constantFrom('/api/trusset/nonce', '/api/trusset/id-links', '/api/trusset/id-links/link_AbCdEfGh1234'),
        fc.webPath().map((path) => `${path}/${mark}`),
      ),
      body: fc.oneof(fc.constant(undefined), bodyText(value(mark), mark)),
    }),
  'unmatched routes': (mark: string) =>
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'PROPFIND', 'PURGE', `X-${mark}`),
      path: fc.oneof(
        fc.constantFrom('/', '/api/trusset', '/api/trusset/nonce/', '/API/TRUSSET/NONCE', '/api/trusset//nonce', '/api/trusset/id-links/../nonce'),
        fc.webPath().map((path) => `${path}/${mark}`),
        fc.tuple(fc.constantFrom('/api/trusset/', '/api/trusset/nonce/', '/'), text(mark)).map(([prefix, rest]) => `${prefix}${encodeURIComponent(rest.replace(/[\ud800-\udfff]/g, ''))}`),
        fc.integer({ min: 1_000, max: 15_000 }).map((size) => `/${mark}/${'p'.repeat(size)}`),
      ),
      body: fc.oneof(fc.constant(undefined), bodyText(value(mark), mark)),
    }),
};

function toRequest(generated: FuzzRequest): Request {
  const withBody = generated.method !== 'GET' && generated.method !== 'HEAD';
  return new Request(`http://kit.test${generated.path}`, { method: generated.method, headers: generated.headers, body: withBody ? ((generated.body ?? null) as BodyInit | null) : null });
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const FRAME = /\bat\s+\S.*\(?\S+:\d+:\d+\)?|\n\s+at\s/;

/** What every answer to every request must be: below 500, in the envelope, with nothing of the request in it or in the log. */
function expectSafe(answer: Answer, logs: LogLine[], generated: FuzzRequest): void {
  const logText = JSON.stringify(logs);
  expect(answer.status).toBeLessThan(500);
  expect(answer.text).not.toContain(generated.mark);
  expect(JSON.stringify(answer.headers)).not.toContain(generated.mark);
  expect(logText).not.toContain(generated.mark);
  expect(answer.text).not.toMatch(FRAME);
  expect(logText).not.toMatch(FRAME);
  expect(logs.filter((line) => line.level === 'error')).toEqual([]);
  if (answer.status === 204) {
    expect(generated.method).toBe('OPTIONS');
    expect(answer.text).toBe('');
    return;
  }
  expectKitEnvelope({ ...answer, headers: new Headers(answer.headers) });
}

async function answerInProcess(handler: TrussetHandler, generated: FuzzRequest): Promise<Answer> {
  const response = await handler(toRequest(generated), { ip: generated.ip });
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

describe('the kit on fuzzed requests, in-process', () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    it(
      `answers ${RUNS} arbitrary requests to ${name} below 500, in the envelope, echoing nothing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(requests(route), async (generated) => {
            const { handler, logs } = KITS[generated.kit];
            logs.length = 0;

            const answer = await answerInProcess(handler, generated);

            expectSafe(answer, logs, generated);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT_MS,
    );
  }
});

describe('the kit on fuzzed requests, over HTTP', () => {
  let server: Server;
  let port: number;
  const { handler, logs, logger } = inProcessKit();

  beforeAll(async () => {
    server = createServer(toNodeListener(handler, { logger }));
    port = Number(new URL(await listen(server)).port);
  });

  afterAll(async () => {
    await closeServer(server);
  });

  /** The request as bytes on a socket of its own: any method, any path, a body of the length said. */
  function exchange(generated: FuzzRequest): Promise<Answer> {
    const body = generated.body === undefined || generated.method === 'GET' || generated.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(generated.body);
    // The path as a client may write it, with only what HTTP/1.1 cannot carry encoded.
    const path = generated.path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
    const lines = Object.entries(generated.headers)
      .filter(([header]) => header !== 'content-length')
      .map(([header, content]) => `${header}: ${content}`);
    const head = [`${generated.method} ${path} HTTP/1.1`, 'Host: kit.test', 'Connection: close', `Content-Length: ${body.byteLength}`, ...lines].join('\r\n');
    // Over Node's 16 KB header limit, Node answers 431 itself, before any listener.
    fc.pre(head.length < 15_000);
    return new Promise((resolve, reject) => {
      // Written, not ended: a client that half-closes after its request loses slower answers in
      // Node's HTTP server (an answer that takes an await too many finds the socket gone).
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body])));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [top = '', ...rest] = raw.split('\r\n\r\n');
        const [statusLine = '', ...headerLines] = top.split('\r\n');
        const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        resolve({ status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') });
      });
    });
  }

  for (const [name, route] of Object.entries(ROUTES)) {
    it(
      `answers ${HTTP_RUNS} arbitrary requests to ${name} below 500, in the envelope, echoing nothing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(requests(route), async (generated) => {
            // Node's HTTP parser answers a method it does not know itself, before any listener.
            fc.pre(!generated.method.startsWith('X-'));
            logs.length = 0;

            const answer = await exchange(generated);

            if (generated.method === 'HEAD') {
              // An answer to HEAD has no body: the status and the log are what can be checked.
              expect(answer.status).toBeLessThan(500);
              expect(JSON.stringify(logs)).not.toContain(generated.mark);
              return;
            }
            expectSafe(answer, logs, generated);
          }),
          { numRuns: HTTP_RUNS },
        );
      },
      TIMEOUT_MS,
    );
  }
});
