import { describe, expect, it } from 'vitest';
import { kitPerTest, PAGE_ORIGIN } from '../support/kit.js';

const start = kitPerTest();

describe('trusset-verify-server CORS', () => {
  it('answers an allowed origin with its exact origin, credentials and the exposed headers', async () => {
    const k = await start();

    const { response } = await k.client.call('/nonce');

    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After, X-Request-Id');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers a preflight from an allowed origin with the methods and headers the widget sends', async () => {
    const k = await start({ allowedHeaders: ['X-CSRF-Token'] });

    const { status, response } = await k.client.call('/id-links', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } });

    expect(status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type, Idempotency-Key, X-Status-Token, X-CSRF-Token');
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
  });

  it.each(['https://evil.example', 'http://localhost:5174', 'null'])('refuses the origin %s with 403 before any side effect', async (origin) => {
    const k = await start({ rateLimits: { nonce: { limit: 1, windowMs: 60_000 } } });

    const nonce = await k.client.call('/nonce', { origin });
    const create = await k.client.createLink({ origin, siwe: { message: 'x', signature: '0x00' } });
    const preflight = await k.client.call('/id-links', { method: 'OPTIONS', origin });
    const allowed = await k.client.call('/nonce');

    expect([nonce.status, nonce.json.error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect([create.status, create.json.error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect(preflight.status).toBe(403);
    expect(nonce.response.headers.get('access-control-allow-origin')).toBeNull();
    expect(nonce.response.headers.get('vary')).toBe('Origin');
    expect(allowed.status).toBe(200);
    expect(k.mock.calls).toHaveLength(0);
  });

  it('serves a request without Origin, as same-origin GETs come, with no CORS headers', async () => {
    const k = await start();

    const { status, response } = await k.client.call('/nonce', { origin: null });

    expect(status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('trusset-verify-server limits', () => {
  function nonceRequest(ip: string) {
    return new Request('http://kit.test/api/trusset/nonce', { headers: { Origin: PAGE_ORIGIN, 'X-Forwarded-For': ip } });
  }

  it('gives each client address its own budget and says when to retry', async () => {
    const k = await start({ rateLimits: { nonce: { limit: 2, windowMs: 60_000 } } });

    const first = await Promise.all([1, 2, 3].map(() => k.handler(nonceRequest('198.51.100.1'), { ip: '203.0.113.1' })));
    const other = await k.handler(nonceRequest('198.51.100.1'), { ip: '203.0.113.2' });

    expect(first.map((r) => r.status)).toEqual([200, 200, 429]);
    const refused = (await first[2]!.json()) as { error: { code: string; retryAfter: number } };
    expect(refused.error.code).toBe('RATE_LIMITED');
    expect(refused.error.retryAfter).toBeGreaterThan(0);
    expect(refused.error.retryAfter).toBeLessThanOrEqual(60);
    expect(first[2]!.headers.get('retry-after')).toBe(String(refused.error.retryAfter));
    expect(other.status).toBe(200);
  });

  it('with trustProxy, counts by the right-most X-Forwarded-For entry rather than the socket', async () => {
    const k = await start({ trustProxy: true, rateLimits: { nonce: { limit: 1, windowMs: 60_000 } } });

    const a = await k.handler(nonceRequest('10.0.0.9, 198.51.100.7'), { ip: '203.0.113.1' });
    const spoofed = await k.handler(nonceRequest('10.0.0.1, 198.51.100.7'), { ip: '203.0.113.1' });
    const b = await k.handler(nonceRequest('198.51.100.8'), { ip: '203.0.113.1' });

    expect([a.status, spoofed.status, b.status]).toEqual([200, 429, 200]);
  });

  it('limits link creation per client', async () => {
    const k = await start({ rateLimits: { create: { limit: 1, windowMs: 60_000 } } });

    const first = await k.client.createLink();
    const second = await k.client.createLink();

    expect(first.status).toBe(201);
    expect([second.status, second.json.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(k.mock.links()).toHaveLength(1);
  });

  it('caps the links an anonymous endpoint creates per hour', async () => {
    const k = await start({ linksPerHour: 2 });

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await k.client.createLink({ ip: `198.51.100.${i}` }));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
    expect(answers[2]?.json.error.code).toBe('RATE_LIMITED');
    expect(k.mock.links()).toHaveLength(2);
    expect(k.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'global link budget reached' }));
  });

  it('answers 413 for a declared body over the limit without reading it', async () => {
    const k = await start();

    const answer = await k.client.call('/id-links', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(20_000) }) });

    expect([answer.status, answer.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers 413 for a streamed body that passes the limit, and stops reading it there', async () => {
    const k = await start();
    const chunk = new TextEncoder().encode('x'.repeat(4_096));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://kit.test/api/trusset/id-links', { method: 'POST', headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);

    const answer = await k.handler(request, { ip: '203.0.113.1' });

    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(pulled).toBeLessThan(64 * 1_024);
  });
});
