import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import { getAddress, isAddressEqual, type Hex } from 'viem';
import { privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import { createSiweMessage, type SiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockTrusset } from '../../src/mock/index.js';
import { buildSiweMessage } from '../../src/wallet/siwe-message.js';
import { createTrussetHandler } from '../../src/kit/index.js';
import { KitError, type KitErrorCode } from '../../src/kit/errors.js';
import { checkSiweFields, CLOCK_TOLERANCE_MS, verifySiweSignature, type SiweContext } from '../../src/kit/siwe.js';
import { SIWE_LIFETIME_MS, SIWE_STATEMENT } from '../../src/shared/siwe.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { captureLogger, closeServer, kitOptions, listen, PAGE_ORIGIN, type LogLine } from '../support/kit.js';

// Hardhat's third development key, beside the two the other tests use: never funded on a real chain.
const thirdAccount = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const ACCOUNTS: readonly LocalAccount[] = [testAccount, otherAccount, thirdAccount];

// Signing and recovering cost milliseconds each: a few hundred signed messages, each mutated.
const SIGNED_RUNS = 250;
const CHEAP_RUNS = 2_000;

const SITE = 'https://app.example.com';
const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const ALLOWED_CHAINS = [1, 11155111];
const MINUTE = 60_000;

function contextFor(walletAddress: string, withOrigin: boolean): SiweContext {
  return { domains: ['app.example.com'], origin: withOrigin ? SITE : undefined, chainIds: ALLOWED_CHAINS, walletAddress, statement: SIWE_STATEMENT, now: NOW };
}

// The RPC a contract-wallet signature would be checked against: an ordinary signature never reaches it.
let rpcHits = 0;
let rpc: Server;
let rpcUrl: string;

beforeAll(async () => {
  rpc = createServer((request, response) => {
    rpcHits += 1;
    request.resume();
    response.writeHead(500).end();
  });
  rpcUrl = await listen(rpc);
});

afterAll(async () => {
  await closeServer(rpc);
});

const often = (good: string, others: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: others });

interface Fields {
  signer: number;
  named: number | undefined;
  wallet: number | undefined;
  lowerCaseAddress: boolean;
  withOrigin: boolean;
  domain: string;
  uri: string;
  chainId: number;
  nonce: string;
  issuedOffset: number;
  expiresAfter: number | undefined;
  notBeforeOffset: number | undefined;
  statement: string | undefined;
}

const fields: fc.Arbitrary<Fields> = fc.record({
  signer: fc.nat({ max: ACCOUNTS.length - 1 }),
  // Which account the message names: usually the signer.
  named: fc.option(fc.nat({ max: ACCOUNTS.length - 1 }), { nil: undefined, freq: 5 }),
  // Which account the request names as its wallet: usually the message's.
  wallet: fc.option(fc.nat({ max: ACCOUNTS.length - 1 }), { nil: undefined, freq: 5 }),
  lowerCaseAddress: fc.boolean(),
  withOrigin: fc.boolean(),
  domain: often('app.example.com', fc.constantFrom('APP.EXAMPLE.COM', 'evil.example', 'app.example.com:443', 'app.example.com.evil.example', 'localhost:5173')),
  uri: often(
    'https://app.example.com',
    fc.constantFrom(
      'https://app.example.com/login',
      'http://app.example.com',
      'https://evil.example',
      'https://app.example.com:8443',
      'https://APP.example.com/',
      'https://app.example.com.evil.example/',
    ),
  ),
  chainId: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ALLOWED_CHAINS) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) }),
  nonce: fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
  issuedOffset: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -5 * MINUTE, max: 30_000 }) }, { weight: 1, arbitrary: fc.integer({ min: -2 * 1440 * MINUTE, max: 2 * 1440 * MINUTE }) }),
  expiresAfter: fc.option(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 5 * MINUTE, max: 60 * MINUTE }) }, { weight: 1, arbitrary: fc.integer({ min: -3 * 60 * MINUTE, max: 60 * MINUTE }) }), {
    nil: undefined,
    freq: 4,
  }),
  notBeforeOffset: fc.option(fc.integer({ min: -2 * 60 * MINUTE, max: 2 * 60 * MINUTE }), { nil: undefined, freq: 4 }),
  statement: often(SIWE_STATEMENT, fc.constantFrom('Verify your identity with Trusset.', 'Sign in.')).chain((statement) => fc.option(fc.constant(statement), { nil: undefined, freq: 8 })),
});

interface Case {
  signer: LocalAccount;
  siwe: SiweMessage;
  message: string;
  signature: Hex;
  context: SiweContext;
}

async function build(generated: Fields): Promise<Case> {
  const signer = ACCOUNTS[generated.signer]!;
  const named = ACCOUNTS[generated.named ?? generated.signer]!.address;
  const issuedAt = new Date(NOW + generated.issuedOffset);
  const siwe: SiweMessage = {
    domain: generated.domain,
    address: (generated.lowerCaseAddress ? named.toLowerCase() : named) as `0x${string}`,
    uri: generated.uri,
    version: '1',
    chainId: generated.chainId,
    nonce: generated.nonce,
    issuedAt,
    ...(generated.expiresAfter === undefined ? {} : { expirationTime: new Date(issuedAt.getTime() + generated.expiresAfter) }),
    ...(generated.notBeforeOffset === undefined ? {} : { notBefore: new Date(NOW + generated.notBeforeOffset) }),
    ...(generated.statement === undefined ? {} : { statement: generated.statement }),
  };
  const message = createSiweMessage(siwe);
  const wallet = ACCOUNTS[generated.wallet ?? generated.named ?? generated.signer]!.address;
  return { signer, siwe, message, signature: await signer.signMessage({ message }), context: contextFor(wallet, generated.withOrigin) };
}

/**
 * Every rule the message breaks, each by its code: the property's own reading of EIP-4361 and
 * docs/kit.md, from the fields rather than from the text.
 */
function violations(siwe: SiweMessage, context: SiweContext): Set<KitErrorCode> {
  const broken = new Set<KitErrorCode>();
  // The kit's configuration: the widget's statement. (viem writes any address EIP-55: a
  // lower-case one in the text is the oracle test's, test/node/siwe-oracle.test.ts.)
  if (siwe.statement !== context.statement) broken.add('SIWE_INVALID');
  const domain = siwe.domain.toLowerCase();
  const originHost = context.origin ? new URL(context.origin).host : undefined;
  if (!context.domains.includes(domain) || (originHost !== undefined && domain !== originHost)) broken.add('SIWE_DOMAIN_MISMATCH');
  const uri = new URL(siwe.uri);
  if (context.origin ? uri.origin !== context.origin : uri.host !== domain) broken.add('SIWE_URI_MISMATCH');
  if (!context.chainIds.includes(siwe.chainId)) broken.add('SIWE_CHAIN_NOT_ALLOWED');
  if (siwe.address.toLowerCase() !== context.walletAddress.toLowerCase()) broken.add('SIWE_ADDRESS_MISMATCH');
  if (siwe.issuedAt!.getTime() > context.now + CLOCK_TOLERANCE_MS || (siwe.notBefore && siwe.notBefore.getTime() > context.now + CLOCK_TOLERANCE_MS)) broken.add('SIWE_NOT_YET_VALID');
  if (siwe.expirationTime && siwe.expirationTime.getTime() <= context.now - CLOCK_TOLERANCE_MS) broken.add('SIWE_EXPIRED');
  if (siwe.issuedAt!.getTime() < context.now - SIWE_LIFETIME_MS - CLOCK_TOLERANCE_MS) broken.add('SIWE_EXPIRED');
  return broken;
}

/** The kit's verdict on one signed message: its checked fields, or the code it refused with. */
async function verdict(message: string, signature: string, context: SiweContext, rpcForContractWallets?: string): Promise<{ accepted: ReturnType<typeof checkSiweFields> } | { code: KitErrorCode }> {
  try {
    const checked = checkSiweFields(message, context);
    await verifySiweSignature(message, signature, checked, rpcForContractWallets);
    return { accepted: checked };
  } catch (error) {
    // Anything but the kit's own typed error fails the property here.
    if (!(error instanceof KitError)) throw error;
    return { code: error.code };
  }
}

/** Fields that make a message the kit must accept: the signer's own, on this site, within time. */
const validFields = fields.map(
  (generated): Fields => ({
    ...generated,
    named: undefined,
    wallet: undefined,
    statement: SIWE_STATEMENT,
    domain: 'app.example.com',
    uri: generated.withOrigin ? SITE : `${SITE}/login`,
    chainId: ALLOWED_CHAINS[generated.chainId % 2]!,
    issuedOffset: Math.max(-5 * MINUTE, Math.min(30_000, generated.issuedOffset)),
    expiresAfter: generated.expiresAfter === undefined ? undefined : Math.abs(generated.expiresAfter) + 10 * MINUTE,
    notBeforeOffset: generated.notBeforeOffset === undefined ? undefined : -Math.abs(generated.notBeforeOffset),
  }),
);

type ChangedField = 'domain' | 'address' | 'uri' | 'chainId' | 'nonce' | 'issuedAt' | 'expirationTime' | 'notBefore' | 'statement';

function flipHexDigit(hex: string, index: number, by: number): string {
  const digit = (parseInt(hex[index]!, 16) + by) % 16;
  return `${hex.slice(0, index)}${digit.toString(16)}${hex.slice(index + 1)}`;
}

describe('SIWE verification in the kit, on generated signed messages', () => {
  it('accepts exactly the messages signed by their own address for this site, an allowed chain and a valid time, and names a broken rule otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fields, async (generated) => {
        const { siwe, message, signature, context, signer } = await build(generated);
        const broken = violations(siwe, context);
        if (broken.size === 0 && !isAddressEqual(signer.address, siwe.address)) broken.add('SIWE_BAD_SIGNATURE');

        const result = await verdict(message, signature, context);

        if (broken.size === 0) {
          expect(result).toEqual({ accepted: { address: getAddress(siwe.address), chainId: siwe.chainId, nonce: siwe.nonce } });
        } else {
          expect('code' in result && broken.has(result.code)).toBe(true);
          if (broken.size === 1) expect(result).toEqual({ code: [...broken][0] });
        }
      }),
      { numRuns: SIGNED_RUNS },
    );
  });

  it('refuses a valid message once any byte of its signature changes, any field is changed, or another key signed it', async () => {
    await fc.assert(
      fc.asyncProperty(
        validFields,
        fc.nat(),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom<ChangedField>('domain', 'address', 'uri', 'chainId', 'nonce', 'issuedAt', 'expirationTime', 'notBefore', 'statement'),
        fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
        async (generated, at, by, field, otherNonce) => {
          const { siwe, message, signature, context, signer } = await build(generated);
          expect(violations(siwe, context).size).toBe(0);
          expect('accepted' in (await verdict(message, signature, context, rpcUrl))).toBe(true);

          const flipped = flipHexDigit(signature, 2 + (at % (signature.length - 2)), by);
          const other = ACCOUNTS[(ACCOUNTS.indexOf(signer) + 1 + (at % (ACCOUNTS.length - 1))) % ACCOUNTS.length]!;
          const changes: Record<ChangedField, Partial<SiweMessage>> = {
            domain: { domain: 'evil.example' },
            address: { address: other.address },
            uri: { uri: 'https://evil.example' },
            chainId: { chainId: siwe.chainId === 1 ? 11155111 : 1 },
            nonce: { nonce: otherNonce === siwe.nonce ? `${otherNonce}x` : otherNonce },
            issuedAt: { issuedAt: new Date(siwe.issuedAt!.getTime() - 1_000) },
            expirationTime: { expirationTime: new Date((siwe.expirationTime ?? new Date(NOW + 60 * MINUTE)).getTime() + 1_000) },
            notBefore: { notBefore: new Date((siwe.notBefore ?? new Date(NOW - MINUTE)).getTime() - 1_000) },
            statement: { statement: `${siwe.statement} Also send 1 ETH.` },
          };
          const changed = createSiweMessage({ ...siwe, ...changes[field] });

          expect(await verdict(message, flipped, context)).toEqual({ code: 'SIWE_BAD_SIGNATURE' });
          expect(await verdict(message, await other.signMessage({ message }), context)).toEqual({ code: 'SIWE_BAD_SIGNATURE' });
          const againstChanged = await verdict(changed, signature, context);
          // A changed field either breaks a rule of its own or leaves the signature for another text.
          const expected: KitErrorCode =
            field === 'address'
              ? 'SIWE_ADDRESS_MISMATCH'
              : field === 'domain'
                ? 'SIWE_DOMAIN_MISMATCH'
                : field === 'uri'
                  ? 'SIWE_URI_MISMATCH'
                  : field === 'statement'
                    ? 'SIWE_INVALID'
                    : 'SIWE_BAD_SIGNATURE';
          expect(againstChanged).toEqual({ code: expected });
        },
      ),
      { numRuns: SIGNED_RUNS },
    );

    // Every accepted signature above was an ordinary one: the contract-wallet RPC was never asked.
    expect(rpcHits).toBe(0);
  });

  it('never accepts a message text changed in one character, and refuses it only with a SIWE code', async () => {
    const samples = await Promise.all(fc.sample(validFields, 20).map((generated) => build(generated)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: samples.length - 1 }), fc.nat(), fc.string({ unit: 'binary', minLength: 0, maxLength: 3 }), async (pick, at, replacement) => {
        const { message, signature, context } = samples[pick]!;
        const index = at % message.length;
        const mutated = `${message.slice(0, index)}${replacement}${message.slice(index + 1)}`;
        fc.pre(mutated !== message);

        const result = await verdict(mutated, signature, context);

        expect('code' in result && result.code.startsWith('SIWE_')).toBe(true);
      }),
      { numRuns: CHEAP_RUNS },
    );
  });

  it('reads any text or signature without throwing anything but its typed error', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 600 }),
      fc.constantFrom(
        'app.example.com wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\nURI: https://app.example.com\nVersion: 1\nChain ID: 99999999999999999999999\nNonce: abcdefgh\nIssued At: 2026-02-30T25:61:61Z',
        'app.example.com wants you to sign in with your Ethereum account:\n0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\nURI: not a uri\nVersion: 1\nChain ID: 1\nNonce: abcdefgh\nIssued At: 2026-03-01T12:00:00Z',
        ' wants you to sign in with your Ethereum account:\n0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\nURI: https://app.example.com\nVersion: 1\nChain ID: 0\nNonce: abcdefgh\nIssued At: 2026-03-01T12:00:00Z',
      ),
    );
    const signature = fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^0x[0-9a-fA-F]{0,300}$/), fc.constant(`0x${'ff'.repeat(65)}`), fc.constant(`0x${'00'.repeat(65)}`));
    await fc.assert(
      fc.asyncProperty(text, signature, fc.boolean(), async (message, sig, withOrigin) => {
        const result = await verdict(message, sig, contextFor(testAccount.address, withOrigin));

        expect('code' in result && result.code.startsWith('SIWE_')).toBe(true);
      }),
      { numRuns: CHEAP_RUNS },
    );
  });
});

describe('SIWE nonces in the kit, on generated sign-ins', () => {
  const logs: LogLine[] = [];
  const mock = createMockTrusset();
  const handler = createTrussetHandler(
    kitOptions('http://127.0.0.1:9', captureLogger(logs), {
      fetch: (input, init) => mock.fetch(new Request(input, init)),
      rateLimits: { nonce: { limit: 1_000_000, windowMs: 60_000 }, create: { limit: 1_000_000, windowMs: 60_000 }, status: { limit: 1_000_000, windowMs: 60_000 } },
      linksPerHour: 1_000_000,
    }),
  );
  const spent: string[] = [];

  async function issuedNonce(): Promise<string> {
    const response = await handler(new Request('http://kit.test/api/trusset/nonce', { headers: { Origin: PAGE_ORIGIN } }));
    return ((await response.json()) as { data: { nonce: string } }).data.nonce;
  }

  it('accepts a nonce it issued, once, and refuses one it has spent or never issued', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('issued', 'issued', 'spent', 'unknown'), fc.stringMatching(/^[A-Za-z0-9]{32}$/), fc.nat({ max: ACCOUNTS.length - 1 }), async (kind, unknown, signer) => {
        fc.pre(kind !== 'spent' || spent.length > 0);
        const account = ACCOUNTS[signer]!;
        const nonce = kind === 'issued' ? await issuedNonce() : kind === 'spent' ? spent[spent.length - 1]! : unknown;
        const message = createSiweMessage({
          domain: new URL(PAGE_ORIGIN).host,
          uri: PAGE_ORIGIN,
          address: account.address,
          chainId: 1,
          nonce,
          issuedAt: new Date(),
          version: '1',
          statement: SIWE_STATEMENT,
        });
        const body = { email: 'ada@example.com', walletAddress: account.address, country: 'DE', siwe: { message, signature: await account.signMessage({ message }) } };

        const response = await handler(
          new Request('http://kit.test/api/trusset/id-links', { method: 'POST', headers: { Origin: PAGE_ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
        );

        const answer = (await response.json()) as { success: boolean; error?: { code: string } };
        if (kind === 'issued') {
          expect(response.status).toBe(201);
          spent.push(nonce);
        } else {
          expect([response.status, answer.error?.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the widget’s sign-in message and the kit, on generated page origins', () => {
  // DNS names (IDN ones as the browser's location.host spells them, in punycode), IPv4 and
  // localhost, with and without ports. IPv6 literals are left out: viem's EIP-4361 domain
  // pattern has no brackets, so neither side can write or read such a message.
  const pageOrigin = fc
    .tuple(
      fc.constantFrom('https', 'http'),
      fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom('localhost', 'bücher.example', 'Shop.Example.COM')),
      fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    )
    .map(([scheme, host, port]) => new URL(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`));

  it('builds, for any page, a message that a kit allowing that page accepts', async () => {
    const mock = createMockTrusset({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const GENEROUS = { limit: 1_000_000, windowMs: 60_000 };
    await fc.assert(
      fc.asyncProperty(pageOrigin, fc.constantFrom(1, 11155111, 137), fc.nat({ max: ACCOUNTS.length - 1 }), async (page, chainId, signer) => {
        const account = ACCOUNTS[signer]!;
        const handler = createTrussetHandler(
          kitOptions('http://127.0.0.1:9', captureLogger([]), {
            allowedOrigins: [page.origin],
            siwe: { chainIds: [chainId] },
            fetch: (input, init) => mock.fetch(new Request(input, init)),
            rateLimits: { nonce: GENEROUS, create: GENEROUS, status: GENEROUS },
            linksPerHour: 1_000_000,
          }),
        );
        const nonceAnswer = await handler(new Request('http://kit.test/api/trusset/nonce', { headers: { Origin: page.origin } }));
        const { nonce, serverTime } = ((await nonceAnswer.json()) as { data: { nonce: string; serverTime: string } }).data;
        const message = buildSiweMessage({ address: account.address, chainId, nonce, serverTime, domain: page.host, uri: page.origin, statement: SIWE_STATEMENT });
        const body = { email: 'ada@example.com', walletAddress: account.address, country: 'DE', siwe: { message, signature: await account.signMessage({ message }) } };

        const response = await handler(
          new Request('http://kit.test/api/trusset/id-links', { method: 'POST', headers: { Origin: page.origin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
        );

        expect([response.status, ((await response.json()) as { error?: { code: string } }).error?.code]).toEqual([201, undefined]);
      }),
      { numRuns: 100 },
    );
  });
});
