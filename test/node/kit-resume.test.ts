import { describe, expect, it } from 'vitest';
import type { LinkCreatedEvent, TrussetHandlerOptions } from '../../src/kit/index.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { kitPerTest, type Kit } from '../support/kit.js';

const start = kitPerTest();

/** A clock the test moves, so the 30 s status cache can pass without waiting 30 s. */
function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

function createCalls(k: Kit): number {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links').length;
}

interface ResumeOptions {
  account?: typeof testAccount;
  walletAddress?: string;
  siwe?: { message: string; signature: string } | null;
  idempotencyKey?: string;
  ip?: string;
  /** Members added to (or replacing those of) the body. */
  body?: Record<string, unknown>;
}

/** `POST /id-links` in its resume form, as the widget sends it after a reload. */
async function resume(k: Kit, link: { id: string; statusToken: string }, options: ResumeOptions = {}) {
  const account = options.account ?? testAccount;
  const siwe = options.siwe === null ? undefined : (options.siwe ?? (await k.client.signIn({ account })));
  const body = { walletAddress: options.walletAddress ?? account.address, resume: { id: link.id, statusToken: link.statusToken }, ...(siwe ? { siwe } : {}), ...options.body };
  return k.client.call('/id-links', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': options.idempotencyKey ?? crypto.randomUUID(),
      ...(options.ip ? { 'X-Forwarded-For': options.ip } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Submits one of the mock hosted page's forms as a browser would (docs/mock.md: the person's choice). */
async function decideOnHostedPage(url: string, button: 'Approve' | 'Reject'): Promise<void> {
  const html = await (await fetch(url)).text();
  const action = new RegExp(`<form method="post" action="([^"]+)"><button type="submit"[^>]*>${button}<`).exec(html)?.[1];
  if (action === undefined) throw new Error(`no ${button} form on the hosted page`);
  const response = await fetch(new URL(action, url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
  if (response.status !== 303) throw new Error(`the hosted page answered ${response.status}`);
}

function refusalDetails(k: Kit): unknown[] {
  return k.logs.filter((line) => line.message === 'request refused' && line.fields?.code === 'NOT_FOUND').map((line) => line.fields?.details);
}

describe('trusset-verify-server resume of an open link', () => {
  describe('when the wallet resumes its open link with a fresh signature', () => {
    it('answers 200 with the same link (id, URL, status token) and creates none at Trusset', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const resumed = await resume(k, created.json.data);

      expect(created.status).toBe(201);
      expect(resumed.status).toBe(200);
      expect(resumed.json.success).toBe(true);
      expect(resumed.json.data).toEqual(created.json.data);
      expect(k.mock.links()).toHaveLength(1);
      expect(createCalls(k)).toBe(1);
    });

    it('calls onLinkCreated with reused and resumed, and the country of the creation', async () => {
      const events: LinkCreatedEvent[] = [];
      const k = await start({ reuseOpenLinks: true, onLinkCreated: (event) => void events.push(event) });
      const created = await k.client.createLink({ body: { country: 'FR' } });

      await resume(k, created.json.data);

      expect(events).toEqual([
        expect.objectContaining({ id: created.json.data.id, country: 'FR', reused: false, resumed: false }),
        {
          id: created.json.data.id,
          walletAddress: testAccount.address,
          country: 'FR',
          status: 'pending',
          expiresAt: created.json.data.expiresAt,
          createdAt: created.json.data.createdAt,
          customerRef: undefined,
          reused: true,
          resumed: true,
        },
      ]);
    });

    it('accepts the wallet address in lower case', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const resumed = await resume(k, created.json.data, { walletAddress: testAccount.address.toLowerCase() });

      expect(resumed.status).toBe(200);
      expect(resumed.json.data.id).toBe(created.json.data.id);
    });

    it('does not count against the global linksPerHour budget, which no resume spends', async () => {
      const k = await start({ reuseOpenLinks: true, linksPerHour: 1 });
      const created = await k.client.createLink();

      const first = await resume(k, created.json.data);
      const second = await resume(k, created.json.data);
      const another = await k.client.createLink({ account: otherAccount });

      expect([first.status, second.status]).toEqual([200, 200]);
      expect([another.status, another.json.error.code]).toEqual([429, 'RATE_LIMITED']);
    });
  });

  describe('when something does not match, it answers the one NOT_FOUND and logs which part', () => {
    it('refuses a wrong status token', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const answer = await resume(k, { id: created.json.data.id, statusToken: 'f'.repeat(64) });

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(answer.text).not.toContain(created.json.data.url);
      expect(refusalDetails(k)).toEqual(['resume refused: the status token does not match']);
    });

    it("refuses another wallet's link to a caller who signed for their own wallet", async () => {
      const k = await start({ reuseOpenLinks: true });
      const theirs = await k.client.createLink({ account: otherAccount });

      const answer = await resume(k, theirs.json.data, { account: testAccount });

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(answer.text).not.toContain(theirs.json.data.url);
      expect(refusalDetails(k)).toEqual(['resume refused: the link belongs to another wallet']);
    });

    it("refuses another customer's link when authorize names the caller", async () => {
      let customerRef = 'cust-1';
      const k = await start({ reuseOpenLinks: true, allowAnonymous: false, authorize: () => ({ customerRef }) });
      const created = await k.client.createLink();

      customerRef = 'cust-2';
      const answer = await resume(k, created.json.data);

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(refusalDetails(k)).toEqual(['resume refused: the link belongs to another customer']);
    });

    it('refuses an unknown link id, and an id that is not a link id, before Trusset is asked', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();
      const calls = k.mock.calls.length;

      const unknown = await resume(k, { id: 'link_Unknown123', statusToken: created.json.data.statusToken });
      const hostile = await resume(k, { id: '../customers/api/id-links', statusToken: created.json.data.statusToken });

      expect([unknown.status, unknown.json.error.code, hostile.status, hostile.json.error.code]).toEqual([404, 'NOT_FOUND', 404, 'NOT_FOUND']);
      expect(k.mock.calls.length).toBe(calls);
    });

    it.each(['Approve', 'Reject'] as const)('refuses a link the person decided on the hosted page (%s)', async (button) => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      await decideOnHostedPage(created.json.data.url, button);
      const answer = await resume(k, created.json.data);

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(refusalDetails(k)).toEqual(['resume refused: the link is no longer open']);
    });

    it.each(['revoke', 'expire'] as const)('refuses a link Trusset reports as past (%s)', async (action) => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      k.mock[action](created.json.data.id);
      const answer = await resume(k, created.json.data);

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    });

    it("refuses a link whose expiry passed on the kit's clock, whatever Trusset still says", async () => {
      const clock = testClock();
      const k = await start({ reuseOpenLinks: true, now: clock.now });
      const created = await k.client.createLink();

      clock.advance(Date.parse(created.json.data.expiresAt) - Date.now() + 1_000);
      const answer = await resume(k, created.json.data, {
        siwe: await k.client.signIn({ issuedAt: new Date(clock.now()) }),
      });

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    });

    it('refuses a link approved after an earlier resume once the 30 s status cache has passed', async () => {
      const clock = testClock();
      const k = await start({ reuseOpenLinks: true, now: clock.now });
      const created = await k.client.createLink();
      const first = await resume(k, created.json.data);

      await decideOnHostedPage(created.json.data.url, 'Approve');
      clock.advance(30_001);
      const later = await resume(k, created.json.data, { siwe: await k.client.signIn({ issuedAt: new Date(clock.now()) }) });

      expect(first.status).toBe(200);
      expect([later.status, later.json.error.code]).toEqual([404, 'NOT_FOUND']);
    });

    it('refuses when reuseOpenLinks is off', async () => {
      const k = await start();
      const created = await k.client.createLink();

      const answer = await resume(k, created.json.data);

      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(refusalDetails(k)).toEqual(['resume refused: reuseOpenLinks is off']);
      expect(createCalls(k)).toBe(1);
    });

    it("refuses a link that is no longer the wallet's open one (a newer link replaced it)", async () => {
      const clock = testClock();
      const k = await start({ reuseOpenLinks: true, now: clock.now });
      const older = await k.client.createLink();
      k.mock.reject(older.json.data.id);
      clock.advance(30_001);
      // The wallet's open link is now a new one; the older id is refused even with its own token.
      const newer = await k.client.createLink({ issuedAt: new Date(clock.now()) });

      const answer = await resume(k, older.json.data, { siwe: await k.client.signIn({ issuedAt: new Date(clock.now()) }) });

      expect(newer.json.data.id).not.toBe(older.json.data.id);
      expect([answer.status, answer.json.error.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('when the wallet is not proven', () => {
    it('answers SIWE_NONCE_UNKNOWN for a signed message whose nonce a resume spent, with or without the same Idempotency-Key', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();
      const siwe = await k.client.signIn();

      const first = await resume(k, created.json.data, { siwe, idempotencyKey: 'resume-0001' });
      const replay = await resume(k, created.json.data, { siwe, idempotencyKey: 'resume-0001' });
      const again = await resume(k, created.json.data, { siwe });

      expect(first.status).toBe(200);
      expect([replay.status, replay.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
      expect([again.status, again.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
      expect(replay.text + again.text).not.toContain(created.json.data.url);
    });

    it('answers SIWE_NONCE_UNKNOWN for the signed message of the creation', async () => {
      const k = await start({ reuseOpenLinks: true });
      const siwe = await k.client.signIn();
      const created = await k.client.createLink({ siwe, idempotencyKey: 'create-0001' });

      const answer = await resume(k, created.json.data, { siwe, idempotencyKey: 'create-0001' });

      expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
    });

    it('answers SIWE_INVALID without a signed message', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const answer = await resume(k, created.json.data, { siwe: null });

      expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_INVALID']);
    });

    it('checks the signature before the link, so a wrong token with a forged signature says nothing about the link', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();
      const siwe = await k.client.signIn();
      const forged = { message: siwe.message, signature: await otherAccount.signMessage({ message: siwe.message }) };

      const right = await resume(k, created.json.data, { siwe: forged });
      const wrong = await resume(k, { id: created.json.data.id, statusToken: 'f'.repeat(64) }, { siwe: forged });

      expect([right.status, right.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
      expect([wrong.status, wrong.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
    });

    it("answers SIWE_ADDRESS_MISMATCH when the caller names the link's wallet but signed for another", async () => {
      const k = await start({ reuseOpenLinks: true });
      const theirs = await k.client.createLink({ account: otherAccount });

      const answer = await resume(k, theirs.json.data, { account: testAccount, walletAddress: otherAccount.address });

      expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_ADDRESS_MISMATCH']);
    });

    it('resumes without a signature when siwe is off, on the partner session as a creation does', async () => {
      const k = await start({ reuseOpenLinks: true, allowAnonymous: false, authorize: () => ({ customerRef: 'cust-1' }), siwe: { required: false } });
      const created = await k.client.createLink({ siwe: null });

      const answer = await resume(k, created.json.data, { siwe: null });

      expect(answer.status).toBe(200);
      expect(answer.json.data.id).toBe(created.json.data.id);
    });
  });

  describe('when the request is wrong', () => {
    it.each([
      ['an e-mail', { email: 'ada@example.com' }],
      ['a country', { country: 'DE' }],
      ['channels', { channels: ['email'] }],
      ['metadata', { metadata: { plan: 'gold' } }],
      ['a resume without its status token', { resume: { id: 'link_1' } }],
      ['a resume with an extra member', { resume: { id: 'link_1', statusToken: 'a'.repeat(64), url: 'x' } }],
      ['a resume that is not an object', { resume: 'link_1' }],
      ['a resume of null', { resume: null }],
    ])('refuses a resume body with %s as INVALID_REQUEST, before spending the nonce', async (_name, extra) => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();
      const siwe = await k.client.signIn();

      const answer = await resume(k, created.json.data, { siwe, body: extra });
      const after = await resume(k, created.json.data, { siwe });

      expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_REQUEST']);
      expect(after.status).toBe(200);
      expect(createCalls(k)).toBe(1);
    });

    it('refuses a mixed-case wallet address with a wrong checksum as INVALID_ADDRESS', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const answer = await resume(k, created.json.data, { walletAddress: testAccount.address.replace(/[a-f]/, (c) => c.toUpperCase()) });

      expect([answer.status, answer.json.error.code, answer.json.error.field]).toEqual([400, 'INVALID_ADDRESS', 'walletAddress']);
    });

    it('refuses an Idempotency-Key that is not 8 to 255 visible characters', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const answer = await resume(k, created.json.data, { idempotencyKey: 'short' });

      expect([answer.status, answer.json.error.code]).toEqual([400, 'INVALID_REQUEST']);
    });

    it('refuses an origin outside allowedOrigins before anything else', async () => {
      const k = await start({ reuseOpenLinks: true });
      const created = await k.client.createLink();

      const answer = await k.client.call('/id-links', {
        method: 'POST',
        origin: 'https://evil.example',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ walletAddress: testAccount.address, resume: created.json.data }),
      });

      expect([answer.status, answer.json.error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    });
  });

  describe('rate limits', () => {
    it('counts a resume as a creation in the per-client limit', async () => {
      const options: Partial<TrussetHandlerOptions> = { reuseOpenLinks: true, trustProxy: true, rateLimits: { create: { limit: 2, windowMs: 60_000 } } };
      const k = await start(options);
      const created = await k.client.createLink({ ip: '203.0.113.7' });

      const allowed = await resume(k, created.json.data, { ip: '203.0.113.7' });
      const limited = await resume(k, created.json.data, { ip: '203.0.113.7' });
      const elsewhere = await resume(k, created.json.data, { ip: '203.0.113.8' });

      expect(allowed.status).toBe(200);
      expect([limited.status, limited.json.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(limited.json.error.retryAfter).toBeGreaterThan(0);
      expect(elsewhere.status).toBe(200);
    });
  });

  describe('privacy', () => {
    it('writes neither the status token nor the URL nor the signature in any log line', async () => {
      const clock = testClock();
      const k = await start({ reuseOpenLinks: true, now: clock.now });
      const created = await k.client.createLink();
      const theirs = await k.client.createLink({ account: otherAccount });
      const siwe = await k.client.signIn();
      const nearlyToken = `${created.json.data.statusToken.slice(0, 63)}${created.json.data.statusToken.endsWith('0') ? '1' : '0'}`;

      await resume(k, created.json.data, { siwe });
      await resume(k, created.json.data, { siwe });
      await resume(k, { id: created.json.data.id, statusToken: nearlyToken });
      await resume(k, theirs.json.data);
      await resume(k, created.json.data, { body: { email: 'private.person@example.com' } });
      await decideOnHostedPage(created.json.data.url, 'Reject');
      clock.advance(30_001);
      await resume(k, created.json.data, { siwe: await k.client.signIn({ issuedAt: new Date(clock.now()) }) });

      const logText = JSON.stringify(k.logs);
      expect(k.logs.filter((line) => line.message === 'link resumed')).toHaveLength(1);
      expect(refusalDetails(k)).toHaveLength(3);
      for (const secret of [created.json.data.url, created.json.data.statusToken, theirs.json.data.url, theirs.json.data.statusToken, nearlyToken, siwe.signature, 'private.person@example.com']) {
        expect(logText).not.toContain(secret);
      }
      expect(logText).not.toContain('/link/');
    });
  });
});
