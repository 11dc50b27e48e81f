import { describe, expect, it } from 'vitest';
import { SIWE_STATEMENT } from '../../src/shared/siwe.js';
import { testAccount } from '../support/accounts.js';
import { kitPerTest, type Kit, type SignInOptions } from '../support/kit.js';

/**
 * Messages EIP-4361 forbids, each signed by the wallet it names with a nonce the kit issued: the
 * signature is good, so only the kit's reading of the text stands between them and a link.
 */

const start = kitPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// A day after a February 28th, so that "February 31st" rolls over to a time the kit would accept.
const NOW = Date.parse('2026-03-03T12:00:00.000Z');

type Answer = Awaited<ReturnType<Kit['client']['call']>>;

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

function expectRefused(k: Kit, answer: Answer, code: string, details: RegExp) {
  expect([answer.status, answer.json?.error?.code]).toEqual([401, code]);
  expect(createCalls(k)).toHaveLength(0);
  const refused = k.logs.find((line) => line.message === 'request refused');
  expect(String(refused?.fields?.details)).toMatch(details);
}

/** A message the widget would send, edited by `edit`, then signed as it stands. */
async function signedAs(k: Kit, edit: (message: string) => string, options: SignInOptions = {}) {
  const { message } = await k.client.signIn(options);
  const text = edit(message);
  expect(text).not.toBe(message);
  return { message: text, signature: await testAccount.signMessage({ message: text }) };
}

const replaceLine = (label: string, value: string) => (message: string) => message.replace(new RegExp(`^${label}: .*$`, 'm'), `${label}: ${value}`);

describe('the kit, reading a sign-in message', () => {
  describe('refuses with SIWE_INVALID, naming the field', () => {
    const cases: [string, (message: string) => string, RegExp, SignInOptions?][] = [
      ['the address in lower case', (m) => m.replace(testAccount.address, testAccount.address.toLowerCase()), /line 2: address is not EIP-55/],
      ['the address with a wrong EIP-55 checksum', (m) => m.replace(testAccount.address, testAccount.address.replace('Fd6e', 'fd6e')), /line 2: address is not EIP-55/],
      [
        'an Expiration Time written after Not Before (a message that expired an hour ago)',
        (m) => {
          const lines = m.split('\n');
          const expiry = lines.findIndex((line) => line.startsWith('Expiration Time: '));
          const [moved] = lines.splice(expiry, 1);
          return [...lines, moved].join('\n');
        },
        /field out of place/,
        { issuedAt: new Date(Date.now() - MINUTE), notBefore: new Date(Date.now() - MINUTE), expirationTime: new Date(Date.now() - HOUR) },
      ],
      [
        'Not Before written after Request ID',
        (m) => m.replace(/^(Not Before: .*)\n(Request ID: .*)$/m, '$2\n$1'),
        /field out of place/,
        { notBefore: new Date(Date.now() - MINUTE), requestId: 'req-1' },
      ],
      ['a line break inside the statement', (m) => m.replace(SIWE_STATEMENT, SIWE_STATEMENT.replace(' to hold', '\nto hold')), /line (4|5|6)/],
      ['a trailing line break', (m) => `${m}\n`, /trailing line break/],
      ['a trailing "Key: value" line', (m) => `${m}\nKey: value`, /field out of place, unknown or repeated/],
      ['two spaces after "URI:"', (m) => m.replace('URI: ', 'URI:  '), /uri is not valid/],
      ['CRLF line ends', (m) => m.replaceAll('\n', '\r\n'), /line 1/],
      ['a repeated Nonce line', (m) => m.replace(/^(Nonce: .*)$/m, '$1\n$1'), /expected "Issued At: "/],
      ['a statement other than the configured one', (m) => m.replace(SIWE_STATEMENT, 'Claim your airdrop.'), /statement is not the one configured/],
      ['no statement at all', (m) => m.replace(`${SIWE_STATEMENT}\n`, ''), /statement is not the one configured/],
    ];
    it.each(cases)('%s', async (_, edit, details, options) => {
      const k = await start();
      const siwe = await signedAs(k, edit, options);

      const answer = await k.client.createLink({ siwe });

      expectRefused(k, answer, 'SIWE_INVALID', details);
    });

    it('and says so without echoing the message, the address or the nonce', async () => {
      const k = await start();
      const siwe = await signedAs(k, (m) => m.replace(testAccount.address, testAccount.address.toLowerCase()));
      const nonce = /^Nonce: (.*)$/m.exec(siwe.message)![1]!;

      const answer = await k.client.createLink({ siwe });

      const everything = JSON.stringify([answer.json, k.logs]);
      expect(answer.json.error.message).toBe('The sign-in message could not be read.');
      expect(everything).not.toContain(nonce);
      expect(everything.toLowerCase()).not.toContain(testAccount.address.toLowerCase());
      expect(everything).not.toContain(SIWE_STATEMENT);
    });
  });

  describe('on a clock at 2026-03-03T12:00Z', () => {
    let now = NOW;
    const clocked = () => {
      now = NOW;
      return start({ now: () => now });
    };

    it.each([
      ['Issued At', { issuedAt: new Date(NOW) }, replaceLine('Issued At', '2026-02-31T12:00:00.000Z')],
      ['Expiration Time', { issuedAt: new Date(NOW), expirationTime: new Date(NOW + 10 * MINUTE) }, replaceLine('Expiration Time', '2026-02-31T12:10:00.000Z')],
      ['Not Before', { issuedAt: new Date(NOW), notBefore: new Date(NOW - MINUTE) }, replaceLine('Not Before', '2026-02-31T11:59:00.000Z')],
      ['Issued At, hour 24', { issuedAt: new Date(NOW) }, replaceLine('Issued At', '2026-03-02T24:00:00.000Z')],
    ] as const)('refuses an impossible date in %s, which new Date would roll into March', async (_, options, edit) => {
      const k = await clocked();
      const siwe = await signedAs(k, edit, options);

      const answer = await k.client.createLink({ siwe });

      expectRefused(k, answer, 'SIWE_INVALID', /not an RFC 3339 date-time of a real calendar day/);
    });

    it('refuses an Issued At years in the past that has no Expiration Time', async () => {
      const k = await clocked();
      const siwe = await k.client.signIn({ issuedAt: new Date('2023-01-01T00:00:00.000Z'), expirationTime: null });

      const answer = await k.client.createLink({ siwe });

      expectRefused(k, answer, 'SIWE_EXPIRED', /older than a nonce's lifetime/);
    });

    it('accepts an Issued At within the nonce lifetime, and refuses one just past it', async () => {
      const k = await clocked();
      const fresh = await k.client.signIn({ issuedAt: new Date(NOW - 10 * MINUTE), expirationTime: null });
      const stale = await k.client.signIn({ issuedAt: new Date(NOW - 11 * MINUTE - 1), expirationTime: null });

      const accepted = await k.client.createLink({ siwe: fresh });
      const refused = await k.client.createLink({ siwe: stale, body: { email: 'grace@example.com' } });

      expect(accepted.status).toBe(201);
      expect([refused.status, refused.json.error.code]).toEqual([401, 'SIWE_EXPIRED']);
    });

    it('replays an idempotent answer while the signed message is fresh, and refuses it two hours later', async () => {
      const k = await clocked();
      // No Expiration Time: the message's age alone must end the replay.
      const siwe = await k.client.signIn({ issuedAt: new Date(NOW), expirationTime: null });
      const first = await k.client.createLink({ siwe, idempotencyKey: 'intent-strict-1' });
      now = NOW + 5 * MINUTE;
      const soon = await k.client.createLink({ siwe, idempotencyKey: 'intent-strict-1' });
      now = NOW + 2 * HOUR;

      const late = await k.client.createLink({ siwe, idempotencyKey: 'intent-strict-1' });

      expect(first.status).toBe(201);
      expect(soon.json.data.id).toBe(first.json.data.id);
      expect([late.status, late.json.error.code]).toEqual([401, 'SIWE_EXPIRED']);
      expect(late.text).not.toContain(first.json.data.statusToken);
      expect(late.text).not.toContain(first.json.data.url);
      expect(createCalls(k)).toHaveLength(1);
    });
  });

  describe('on a site served over https', () => {
    const SITE = 'https://app.example.com';

    it('refuses a message whose scheme is http', async () => {
      const k = await start({ allowedOrigins: [SITE] });
      const siwe = await k.client.signIn({ origin: SITE, scheme: 'http' });

      const answer = await k.client.createLink({ siwe, origin: SITE });

      expectRefused(k, answer, 'SIWE_DOMAIN_MISMATCH', /scheme is not the request's/);
    });

    it('accepts one whose scheme is https, or that has none', async () => {
      const k = await start({ allowedOrigins: [SITE] });
      const withScheme = await k.client.signIn({ origin: SITE, scheme: 'https' });
      const without = await k.client.signIn({ origin: SITE });

      const answers = [await k.client.createLink({ siwe: withScheme, origin: SITE }), await k.client.createLink({ siwe: without, origin: SITE, body: { email: 'grace@example.com' } })];

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    });
  });

  describe('accepts every valid form', () => {
    it.each([
      ['the widget’s own (statement, expiration)', {}],
      ['no Expiration Time', { expirationTime: null }],
      ['Not Before', { notBefore: new Date(Date.now() - MINUTE) }],
      ['Request ID', { requestId: 'req-42' }],
      ['Resources', { resources: ['https://app.example.com/terms', 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'] }],
      ['every optional field', { scheme: 'http', notBefore: new Date(Date.now() - MINUTE), requestId: 'req-43', resources: ['https://app.example.com/terms'] }],
    ] as [string, SignInOptions][])('%s', async (_, options) => {
      const k = await start();
      const siwe = await k.client.signIn(options);

      const answer = await k.client.createLink({ siwe });

      expect([answer.status, answer.json.error?.code]).toEqual([201, undefined]);
    });

    it('with a statement configured in siwe.statement, and only that one', async () => {
      const statement = 'Sign in to Example Markets to verify your identity.';
      const k = await start({ siwe: { statement } });
      const own = await k.client.signIn({ statement });
      const widgets = await k.client.signIn();

      const accepted = await k.client.createLink({ siwe: own });
      const refused = await k.client.createLink({ siwe: widgets, body: { email: 'grace@example.com' } });

      expect(accepted.status).toBe(201);
      expect([refused.status, refused.json.error.code]).toEqual([401, 'SIWE_INVALID']);
    });
  });
});
