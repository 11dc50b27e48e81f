import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../src/shared/alpha2.js';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import { createTrussetHandler } from '../../src/kit/index.js';
import { ERROR_CODES } from '../../src/kit/errors.js';
import { checkVerifyUrl } from '../../src/shared/verify-url.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { captureLogger, expectKitEnvelope, inProcessKit, kitOptions, PAGE_ORIGIN, type LogLine } from '../support/kit.js';

const RUNS = 1_500;

// The in-process mock's host (test/support/kit.ts, inProcessKit): never dialled.
const MOCK_ORIGIN = 'http://127.0.0.1:9';

// Anonymous, with SIWE required (the demo's set-up); and behind a partner session without SIWE,
// where a well-formed body goes all the way to the mock.
const KITS = {
  anonymous: inProcessKit({}),
  session: inProcessKit({ allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false }, countries: ['DE', 'FR', 'IT'] }),
};

const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const absent = fc.constant(undefined);

const email = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,20}$/), fc.domain()).map(([local, domain]) => `${local}@${domain}`) },
  { weight: 1, arbitrary: fc.emailAddress().map((mail) => ` ${mail} `) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([local, domain]) => `${local}@${domain}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 400 }) },
);
const wallet = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(testAccount.address, testAccount.address.toLowerCase(), otherAccount.address) },
  { weight: 1, arbitrary: fc.constant(testAccount.address.replace(/[a-f]/, (letter) => letter.toUpperCase())) },
  { weight: 1, arbitrary: fc.stringMatching(/^0x[0-9a-fA-F]{38,42}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
);
const country = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('DE', 'FR', 'IT', 'de', 'it') },
  { weight: 1, arbitrary: fc.constantFrom(...COUNTRY_CODES, 'DEU', 'ZZ', 'XK') },
  { weight: 1, arbitrary: fc.string({ maxLength: 9 }) },
);
const json = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: json });

const fields = {
  email: maybe(email),
  walletAddress: maybe(wallet),
  country: maybe(country),
  channels: maybe(
    fc.oneof({ weight: 4, arbitrary: fc.array(fc.constantFrom('email', 'sms', 'fax'), { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 17 }), { maxLength: 5 }) }),
  ),
  metadata: maybe(fc.oneof({ weight: 8, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 5 }) }, { weight: 1, arbitrary: fc.constant({ big: 'x'.repeat(3_000) }) })),
  siwe: maybe(fc.record({ message: maybe(fc.string({ maxLength: 200 })), signature: maybe(fc.stringMatching(/^0x[0-9a-f]{0,140}$/)) })),
  extra: json,
};
// Mostly bodies with the three required members, so that most requests get past the shape check.
const createBody = fc.oneof({ weight: 4, arbitrary: fc.record(fields, { requiredKeys: ['email', 'walletAddress', 'country'] }) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) });

const body = fc.oneof(
  { weight: 6, arbitrary: createBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '{}', '{"__proto__":{"email":"x"}}', `{"email":"${'a'.repeat(20_000)}@example.com"}`) },
);

const path = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '/api/trusset/nonce',
      '/api/trusset/id-links',
      '/api/trusset/id-links/link_AbCdEfGh1234',
      '/api/trusset/id-links/%E0%A4%A',
      '/api/trusset/id-links/',
      '/api/trusset/id-links/a%2Fb',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('/', '/api/trusset', '/api/trusset/nonce/', '/API/TRUSSET/NONCE', '/api/trusset/id-links/../nonce', '/api/trusset//nonce') },
  { weight: 1, arbitrary: fc.webPath() },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/api/trusset/id-links/', '/api/trusset/nonce?'), fc.webSegment()).map(([prefix, rest]) => `${prefix}${rest}`) },
);

const method = fc.constantFrom('GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD');
const ROUTES = [
  ['GET', '/api/trusset/nonce'],
  ['POST', '/api/trusset/id-links'],
  ['GET', '/api/trusset/id-links/link_AbCdEfGh1234'],
  ['OPTIONS', '/api/trusset/id-links'],
] as const;
const target: fc.Arbitrary<readonly [string, string]> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ROUTES) }, { weight: 2, arbitrary: fc.tuple(method, path) });

const request = fc.record({
  kit: fc.constantFrom(...(Object.keys(KITS) as (keyof typeof KITS)[])),
  target,
  origin: fc.oneof(
    { weight: 4, arbitrary: fc.constant(PAGE_ORIGIN) },
    { weight: 1, arbitrary: absent },
    { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', 'http://localhost:5173/', 'HTTP://LOCALHOST:5173') },
    { weight: 1, arbitrary: printable },
  ),
  contentType: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
    { weight: 1, arbitrary: absent },
    { weight: 1, arbitrary: fc.constantFrom('APPLICATION/JSON', 'application/json ;x', 'text/plain', 'application/jsonx', 'multipart/form-data') },
  ),
  idempotencyKey: fc.oneof(absent, fc.stringMatching(/^[\x21-\x7e]{8,40}$/), printable, fc.constant('k'.repeat(300))),
  statusToken: fc.oneof(absent, fc.stringMatching(/^[0-9a-f]{64}$/), printable),
  forwardedFor: fc.oneof(absent, fc.ipV4(), printable),
  ip: fc.oneof(absent, fc.ipV4(), fc.ipV6()),
  body,
});

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

function build(generated: Generated): Request {
  const headers = new Headers();
  if (generated.origin !== undefined) headers.set('Origin', generated.origin);
  if (generated.contentType !== undefined) headers.set('Content-Type', generated.contentType);
  if (generated.idempotencyKey !== undefined) headers.set('Idempotency-Key', generated.idempotencyKey);
  if (generated.statusToken !== undefined) headers.set('X-Status-Token', generated.statusToken);
  if (generated.forwardedFor !== undefined) headers.set('X-Forwarded-For', generated.forwardedFor);
  const [method, path] = generated.target;
  const withBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://kit.test${path}`, { method, headers, body: withBody ? generated.body : null });
}

/** The e-mail the body carries, when it is distinctive enough to look for in an answer. */
function typedEmail(body: string | Uint8Array): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value = (JSON.parse(body) as { email?: unknown } | null)?.email;
    return typeof value === 'string' && value.trim().length >= 6 && value.includes('@') ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

describe('the kit’s request validation, on generated requests', () => {
  it('answers every request in the documented envelope, with a documented code and its status, never INTERNAL_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const { handler, logs } = KITS[generated.kit];
        logs.length = 0;

        const response = await handler(build(generated), { ip: generated.ip });

        const text = await response.text();
        expect(text).not.toContain(MOCK_API_KEY);
        expect(JSON.stringify(logs)).not.toContain(MOCK_API_KEY);
        const mail = typedEmail(generated.body);
        if (mail !== undefined) {
          expect(text).not.toContain(mail);
          expect(JSON.stringify(logs)).not.toContain(mail);
        }
        if (response.status === 204) {
          expect(generated.target[0]).toBe('OPTIONS');
          expect(text).toBe('');
          return;
        }
        expect(expectKitEnvelope({ status: response.status, headers: response.headers, text })).not.toBe('INTERNAL_ERROR');
      }),
      { numRuns: RUNS },
    );
  });

  it('creates a link for every well-formed body behind a partner session, and refuses every other body with a 400 code', async () => {
    await fc.assert(
      fc.asyncProperty(createBody, fc.stringMatching(/^[\x21-\x7e]{8,40}$/), async (value, key) => {
        const { handler } = KITS.session;

        const response = await handler(
          new Request('http://kit.test/api/trusset/id-links', {
            method: 'POST',
            headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(value),
          }),
          { ip: '127.0.0.1' },
        );

        const answer = (await response.json()) as { success: boolean; data?: { url: string; walletAddress: string }; error?: { code: string } };
        if (answer.success) {
          expect(response.status === 201 || response.status === 200).toBe(true);
          expect(new URL(answer.data!.url).host).toBe(new URL(MOCK_ORIGIN).host);
          expect(answer.data!.walletAddress.toLowerCase()).toBe(String(value.walletAddress).toLowerCase());
          expect(['DE', 'FR', 'IT']).toContain(String(value.country).toUpperCase());
        } else {
          // A replayed key with another body is the only refusal that is not about the body itself.
          expect(['INVALID_REQUEST', 'INVALID_EMAIL', 'INVALID_ADDRESS', 'INVALID_COUNTRY', 'IDEMPOTENCY_CONFLICT']).toContain(answer.error!.code);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the kit’s Idempotency-Key, on generated sequences of requests', () => {
  const WALLETS = [testAccount.address, otherAccount.address];
  const EMAILS = ['ada@example.com', ' ADA@example.com ', 'bob@example.com'];
  const COUNTRIES = ['DE', 'de', 'FR'];
  const KEYS = ['key-00000001', 'key-00000002', undefined];

  const step = fc.record({ wallet: fc.nat({ max: 1 }), email: fc.nat({ max: 2 }), country: fc.nat({ max: 2 }), key: fc.nat({ max: 2 }) });

  it('answers a key replayed for the same wallet and intent with the first link, another intent with IDEMPOTENCY_CONFLICT, and no key with a new link', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const { handler } = inProcessKit({ allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false } });
        // The model: per wallet and key, the intent first asked for and the link it got.
        const first = new Map<string, { intent: string; id: string }>();
        const seen = new Set<string>();

        for (const { wallet, email, country, key } of steps) {
          const walletAddress = WALLETS[wallet]!;
          const idempotencyKey = KEYS[key];
          const intent = JSON.stringify([EMAILS[email]!.trim().toLowerCase(), COUNTRIES[country]!.toUpperCase()]);
          const headers: Record<string, string> = { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) };

          const response = await handler(
            new Request('http://kit.test/api/trusset/id-links', { method: 'POST', headers, body: JSON.stringify({ email: EMAILS[email], walletAddress, country: COUNTRIES[country] }) }),
          );

          const answer = (await response.json()) as { data?: { id: string }; error?: { code: string } };
          const scope = `${walletAddress}:${idempotencyKey}`;
          const earlier = idempotencyKey ? first.get(scope) : undefined;
          if (earlier && earlier.intent !== intent) {
            expect([response.status, answer.error?.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
          } else if (earlier) {
            expect([response.status, answer.data?.id]).toEqual([201, earlier.id]);
          } else {
            expect(response.status).toBe(201);
            expect(seen.has(answer.data!.id)).toBe(false);
            seen.add(answer.data!.id);
            if (idempotencyKey) first.set(scope, { intent, id: answer.data!.id });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the kit, on generated answers from Trusset', () => {
  const VERIFY_HOST = '127.0.0.1:9';
  const upstreamUrl = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9]{8,32}$/).map((token) => `http://${VERIFY_HOST}/link/${token}`),
    fc.constantFrom(`https://${VERIFY_HOST}/link/x`, `http://evil.example/link/x`, `javascript:alert(1)`, `http://user@${VERIFY_HOST}/x`, '', 'not a url'),
    fc.webUrl(),
  );
  const linkData = fc.record(
    {
      id: fc.oneof(fc.stringMatching(/^link_[A-Za-z0-9]{12}$/), fc.string({ maxLength: 70 })),
      url: upstreamUrl,
      verificationUrl: upstreamUrl,
      status: fc.constantFrom('PENDING', 'pending', 'COMPLETED', 'EXPIRED', 'revoked', 'NEW_STATE', ''),
      expiresAt: fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
        fc.constantFrom('1', 'yesterday', '+275760-09-13T00:00:00.000Z'),
      ),
      createdAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        fc.constant(null),
      ),
      token: fc.string(),
    },
    { requiredKeys: ['id', 'status', 'expiresAt'] },
  );
  const upstreamCode = fc.oneof(
    fc.constantFrom('AUTH_FAILED', 'CREDIT_LIMIT_EXCEEDED', 'COUNTRY_BLOCKED', 'RATE_LIMIT_EXCEEDED', 'VALIDATION_ERROR', 'NOT_FOUND', 'SOMETHING_NEW', 'constructor', '__proto__', 'toString'),
    fc.string({ maxLength: 20 }),
  );
  const upstreamBody = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record(
          {
            success: fc.boolean(),
            data: fc.oneof(linkData, json),
            error: fc.option(fc.record({ code: upstreamCode, message: fc.constant('no such recipient ada@example.com') }), { nil: null }),
            metadata: fc.option(
              fc.record(
                { requestId: fc.string({ maxLength: 20 }), retryAfter: fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })) },
                { requiredKeys: [] },
              ),
              { nil: undefined },
            ),
          },
          { requiredKeys: ['success'] },
        )
        .map((value) => JSON.stringify(value)),
    },
    { weight: 1, arbitrary: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 40 }), fc.constantFrom('', '<html>502</html>', '{"success":true}')) },
  );
  const upstream = fc.record({
    status: fc.oneof(
      fc.constantFrom(200, 201, 400, 401, 402, 403, 404, 409, 413, 422, 429, 500, 502, 503, 504),
      fc.integer({ min: 200, max: 599 }).filter((status) => ![204, 205, 304].includes(status)),
    ),
    retryAfter: fc.option(fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom('Infinity', '1e400', '-5', '0', '2.5', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT')), { nil: undefined }),
    body: upstreamBody,
  });

  it('turns every answer into a documented code with its status, a whole-second Retry-After, and only a checked URL', async () => {
    await fc.assert(
      fc.asyncProperty(upstream, async (generated) => {
        const logs: LogLine[] = [];
        const handler = createTrussetHandler(
          kitOptions(MOCK_ORIGIN, captureLogger(logs), {
            allowAnonymous: false,
            authorize: () => ({ customerRef: 'cust-1' }),
            siwe: { required: false },
            verifyHosts: [VERIFY_HOST],
            fetch: async () =>
              new Response(generated.body, {
                status: generated.status,
                headers: { 'Content-Type': 'application/json', ...(generated.retryAfter === undefined ? {} : { 'Retry-After': generated.retryAfter }) },
              }),
          }),
        );

        const response = await handler(
          new Request('http://kit.test/api/trusset/id-links', {
            method: 'POST',
            headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE' }),
          }),
        );

        const text = await response.text();
        const answer = JSON.parse(text) as { success: boolean; data?: { url: string }; error?: { code: string; retryAfter?: number } };
        expect(text).not.toContain('ada@example.com');
        expect(JSON.stringify(logs)).not.toContain('ada@example.com');
        expect(JSON.stringify(logs)).not.toContain(MOCK_API_KEY);
        if (answer.success) {
          expect(response.status).toBe(201);
          expect(checkVerifyUrl(answer.data!.url, [VERIFY_HOST])?.href).toBe(answer.data!.url);
          return;
        }
        const { code, retryAfter } = answer.error!;
        expect(Object.keys(ERROR_CODES)).toContain(code);
        expect(code).not.toBe('INTERNAL_ERROR');
        expect(response.status).toBe(ERROR_CODES[code as keyof typeof ERROR_CODES].status);
        if (retryAfter !== undefined || response.headers.has('retry-after')) {
          expect(Number.isSafeInteger(retryAfter) && retryAfter! >= 1).toBe(true);
          expect(response.headers.get('retry-after')).toBe(String(retryAfter));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the kit’s status route, on generated answers from Trusset', () => {
  const statusAnswer = fc.record({
    status: fc.oneof(
      fc.constantFrom(200, 404, 429, 500, 503),
      fc.integer({ min: 200, max: 599 }).filter((status) => ![204, 205, 304].includes(status)),
    ),
    body: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record(
            {
              success: fc.boolean(),
              data: fc.record(
                {
                  id: fc.constantFrom('link_AbCdEfGh1234', 'link_other', '', 'toString'),
                  status: fc.constantFrom('PENDING', 'pending', 'COMPLETED', 'REJECTED', 'EXPIRED', 'revoked', 'NEW_STATE', '', '__proto__'),
                  expiresAt: fc.oneof(
                    fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
                    fc.constantFrom('1', 'yesterday', '+275760-09-13T00:00:00.000Z'),
                  ),
                },
                { requiredKeys: [] },
              ),
              error: fc.option(fc.record({ code: fc.oneof(fc.constantFrom('NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'toString'), fc.string({ maxLength: 12 })) }), { nil: null }),
            },
            { requiredKeys: ['success'] },
          )
          .map((value) => JSON.stringify(value)),
      },
      { weight: 1, arbitrary: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 30 })) },
    ),
  });

  it('answers a status read with a contract status or a documented code, whatever Trusset says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(statusAnswer, { minLength: 1, maxLength: 3 }), async (answers) => {
        const created = { success: true, data: { id: 'link_AbCdEfGh1234', url: `${MOCK_ORIGIN}/link/abc`, status: 'PENDING', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } };
        let reads = 0;
        const handler = createTrussetHandler(
          kitOptions(MOCK_ORIGIN, captureLogger([]), {
            allowAnonymous: false,
            authorize: () => ({ customerRef: 'cust-1' }),
            siwe: { required: false },
            verifyHosts: ['127.0.0.1:9'],
            reuseOpenLinks: true,
            fetch: async (_input, init) => {
              const next = init?.method === 'POST' ? { status: 201, body: JSON.stringify(created) } : answers[Math.min(reads++, answers.length - 1)]!;
              return new Response(next.body, { status: next.status, headers: { 'Content-Type': 'application/json' } });
            },
          }),
        );
        const post = () =>
          handler(
            new Request('http://kit.test/api/trusset/id-links', {
              method: 'POST',
              headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' },
              body: JSON.stringify({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE' }),
            }),
          );
        const link = ((await (await post()).json()) as { data: { id: string; statusToken: string } }).data;

        // A status read, then a second create, which asks Trusset whether the open link is still pending.
        for (const response of [
          await handler(new Request(`http://kit.test/api/trusset/id-links/${link.id}`, { headers: { Origin: PAGE_ORIGIN, 'X-Status-Token': link.statusToken } })),
          await post(),
        ]) {
          const answer = (await response.json()) as { success: boolean; data?: { status: string }; error?: { code: string } };
          if (answer.success) {
            expect(['pending', 'completed', 'rejected', 'expired', 'revoked']).toContain(answer.data!.status);
            continue;
          }
          expect(Object.keys(ERROR_CODES)).toContain(answer.error!.code);
          expect(answer.error!.code).not.toBe('INTERNAL_ERROR');
          expect(response.status).toBe(ERROR_CODES[answer.error!.code as keyof typeof ERROR_CODES].status);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the kit, on answers from Trusset the properties found', () => {
  function kitAnswering(status: number, body: unknown, headers: Record<string, string> = {}) {
    return createTrussetHandler(
      kitOptions(MOCK_ORIGIN, captureLogger([]), {
        allowAnonymous: false,
        authorize: () => ({ customerRef: 'cust-1' }),
        siwe: { required: false },
        fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }),
      }),
    );
  }

  async function create(handler: ReturnType<typeof kitAnswering>) {
    const response = await handler(
      new Request('http://kit.test/api/trusset/id-links', {
        method: 'POST',
        headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE' }),
      }),
    );
    return { response, answer: (await response.json()) as { error: { code: string; retryAfter?: number } } };
  }

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('classifies an upstream code named like an Object member (%s) by HTTP status, not as INTERNAL_ERROR', async (upstreamCode) => {
    const handler = kitAnswering(400, { success: false, error: { code: upstreamCode } });

    const { response, answer } = await create(handler);

    expect([response.status, answer.error.code]).toEqual([502, 'SERVICE_MISCONFIGURED']);
  });

  it.each([
    ['Infinity', 60],
    ['1e400', 60],
    ['1e300', 86_400],
  ])('answers Trusset’s 429 with Retry-After %s in whole seconds (%i): a hint that is no finite number is no hint, and a day at most', async (header, seconds) => {
    const handler = kitAnswering(429, { success: false, error: { code: 'RATE_LIMIT_EXCEEDED' } }, { 'Retry-After': header });

    const { response, answer } = await create(handler);

    expect([response.status, answer.error.code, answer.error.retryAfter]).toEqual([429, 'RATE_LIMITED', seconds]);
    expect(response.headers.get('retry-after')).toBe(String(seconds));
  });
});
