import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resumeLink as resumeFromClient } from '../../src/backend-client/client.js';
import { createLink, type CreatedLink } from '../../src/backend-client/create-link.js';
import { resumeLink } from '../../src/backend-client/resume-link.js';
import { BackendError } from '../../src/errors/backend.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { PAGE_ORIGIN, type startKit } from '../support/kit.js';
import { answer, configFor, failure, serversPerTest } from '../support/widget-backend.js';

type Kit = Awaited<ReturnType<typeof startKit>>;
const { start, rawServer } = serversPerTest();

const KEY = 'c0ffee00-0000-4000-8000-000000000002';
const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A link created through the widget's own call, as the first visit did. */
async function openLink(k: Kit, account = testAccount): Promise<CreatedLink & { statusToken: string }> {
  const link = await createLink(
    configFor(k.url),
    { email: 'ada@example.com', walletAddress: account.address, country: 'DE', siwe: await k.client.signIn({ account }) },
    'key-create-0001',
    new AbortController().signal,
  );
  if (link.statusToken === undefined) throw new Error('the kit answered without a status token');
  return { ...link, statusToken: link.statusToken };
}

describe('resumeLink', () => {
  it('returns the same open link from the kit, with a fresh signature, and the mock holds one link', async () => {
    const k = await start({ reuseOpenLinks: true });
    const created = await openLink(k);

    const resumed = await resumeLink(
      configFor(k.url),
      { walletAddress: testAccount.address, resume: { id: created.id, statusToken: created.statusToken }, siwe: await k.client.signIn() },
      KEY,
      new AbortController().signal,
    );

    expect(resumed).toEqual(created);
    expect(k.mock.links()).toHaveLength(1);
  });

  it('is exported from the lazily loaded backend chunk', () => {
    expect(resumeFromClient).toBe(resumeLink);
  });

  it('sends the resume body, the Idempotency-Key and the configured headers', async () => {
    let seen: { method: string | undefined; url: string | undefined; headers: IncomingMessage['headers']; body: string } | undefined;
    const url = await rawServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        seen = { method: request.method, url: request.url, headers: request.headers, body: text };
        answer(200, { success: true, data: { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending', expiresAt: FUTURE, statusToken: 'a'.repeat(64) } })(request, response);
      });
    });
    const body = { walletAddress: testAccount.address, resume: { id: 'link_1', statusToken: 'a'.repeat(64) }, siwe: { message: 'signed message', signature: '0x01' } };

    await resumeLink(configFor(`${url}/api/`, { headers: { Origin: PAGE_ORIGIN, 'X-CSRF-Token': 'csrf' } }), body, 'key-0043', new AbortController().signal);

    expect([seen?.method, seen?.url]).toEqual(['POST', '/api/id-links']);
    expect(seen?.headers).toMatchObject({ 'idempotency-key': 'key-0043', 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': 'csrf', origin: PAGE_ORIGIN });
    expect(JSON.parse(seen?.body ?? '')).toEqual(body);
  });

  it.each([
    ['the contract fields', { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending', walletAddress: testAccount.address, expiresAt: FUTURE, statusToken: 'b'.repeat(64) }],
    [
      "Trusset's own field names and statuses",
      { id: 'link_abc', token: 'trusset-token', verificationUrl: 'https://verify.trusset.org/v/abc', status: 'EXPIRED', recipientWallet: testAccount.address, expiresAt: FUTURE, createdAt: null },
    ],
    ['a pending link past its expiry', { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'PENDING', expiresAt: new Date(Date.now() - 1000).toISOString() }],
  ])('reads an answer with %s exactly as createLink does', async (_, data) => {
    const url = await rawServer(answer(200, { success: true, data }));
    const body = { walletAddress: testAccount.address, resume: { id: 'link_1', statusToken: 'a'.repeat(64) } };

    const resumed = await resumeLink(configFor(url), body, KEY, new AbortController().signal);
    const created = await createLink(configFor(url), { email: 'ada@example.com', walletAddress: testAccount.address, country: 'DE' }, KEY, new AbortController().signal);

    expect(resumed).toEqual(created);
    expect(resumed).not.toHaveProperty('token');
  });

  it.each([
    ['no URL', { id: 'link_1', status: 'pending', expiresAt: FUTURE }, 'without a verification URL'],
    ['an expiry that is not a date', { id: 'link_1', url: 'https://verify.trusset.org/v/1', status: 'pending', expiresAt: 'soon' }, 'data.expiresAt'],
  ])('refuses a success with %s as INVALID_RESPONSE, naming the resume request', async (_, data, named) => {
    const url = await rawServer(answer(200, { success: true, data }));

    const error = await failure(resumeLink(configFor(url), { walletAddress: testAccount.address, resume: { id: 'link_1', statusToken: 'a'.repeat(64) } }, KEY, new AbortController().signal));

    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false, statusCode: 200 });
    expect(error.message).toContain(named);
    expect(error.message).toContain('POST /id-links');
    expect(error.message).not.toContain('verify.trusset.org/v/1');
  });

  it("reports NOT_FOUND, not retryable, for a wrong token or another wallet's link, with no token or URL in the error", async () => {
    const k = await start({ reuseOpenLinks: true });
    const mine = await openLink(k);
    const theirs = await openLink(k, otherAccount);
    const wrongToken = 'f'.repeat(64);

    const errors = [
      await failure(
        resumeLink(configFor(k.url), { walletAddress: testAccount.address, resume: { id: mine.id, statusToken: wrongToken }, siwe: await k.client.signIn() }, KEY, new AbortController().signal),
      ),
      await failure(
        resumeLink(
          configFor(k.url),
          { walletAddress: testAccount.address, resume: { id: theirs.id, statusToken: theirs.statusToken }, siwe: await k.client.signIn() },
          KEY,
          new AbortController().signal,
        ),
      ),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(BackendError);
      expect(error).toMatchObject({ code: 'NOT_FOUND', statusCode: 404, retryable: false });
      const text = [error.message, error.details, error.requestId].join('\n');
      for (const secret of [mine.url, mine.statusToken, theirs.url, theirs.statusToken, wrongToken]) expect(text).not.toContain(secret);
    }
  });

  it('reports SIWE_NONCE_UNKNOWN, retryable (sign again), when the signed message was already spent', async () => {
    const k = await start({ reuseOpenLinks: true });
    const created = await openLink(k);
    const body = { walletAddress: testAccount.address, resume: { id: created.id, statusToken: created.statusToken }, siwe: await k.client.signIn() };
    await resumeLink(configFor(k.url), body, KEY, new AbortController().signal);

    const error = await failure(resumeLink(configFor(k.url), body, KEY, new AbortController().signal));

    expect(error).toMatchObject({ code: 'SIWE_NONCE_UNKNOWN', statusCode: 401, retryable: true });
  });
});
