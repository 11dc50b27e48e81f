import fc from 'fast-check';
import { SiweMessage } from 'siwe';
import { bytesToHex, getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { KitError } from '../../src/kit/errors.js';
import { checkSiweFields } from '../../src/kit/siwe.js';
import { parseSiweMessage, type SiweFields } from '../../src/kit/siwe-message.js';

/**
 * The reference EIP-4361 implementation (`siwe`, an ABNF parser) as the oracle of the kit's
 * reader: on generated messages and on mutations of them, the kit accepts a text only when the
 * reference does, and then reads the same fields.
 */

const RUNS = 3_000;
// The reference parser takes a few milliseconds a message: room for a loaded machine.
const TIMEOUT_MS = 120_000;

type Reading = { fields: Omit<SiweFields, 'version'> } | { refused: string };

function byReference(message: string): Reading {
  let parsed: SiweMessage;
  try {
    parsed = new SiweMessage(message);
  } catch {
    return { refused: 'reference' };
  }
  const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
  return {
    fields: {
      scheme: orUndefined(parsed.scheme),
      domain: parsed.domain,
      address: parsed.address as `0x${string}`,
      statement: orUndefined(parsed.statement),
      uri: parsed.uri,
      chainId: parsed.chainId,
      nonce: parsed.nonce,
      issuedAt: parsed.issuedAt!,
      expirationTime: orUndefined(parsed.expirationTime),
      notBefore: orUndefined(parsed.notBefore),
      requestId: orUndefined(parsed.requestId),
      resources: orUndefined(parsed.resources),
    },
  };
}

function byKit(message: string): Reading {
  try {
    const { version: _version, ...fields } = parseSiweMessage(message);
    return { fields };
  } catch (error) {
    // Anything but the kit's own typed refusal fails the property.
    if (!(error instanceof KitError) || error.code !== 'SIWE_INVALID') throw error;
    // A refusal names the field, never the text.
    expect(error.message).not.toContain(message.slice(0, 20));
    return { refused: error.details ?? '' };
  }
}

const hex = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((bytes) => bytesToHex(bytes));
const address = hex(20).map((value) => getAddress(value));
const pcharToken = fc.oneof(
  fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@".split('')),
  hex(1).map((value) => `%${value.slice(2).toUpperCase()}`),
);
const pchars = (max: number) => fc.array(pcharToken, { maxLength: max }).map((parts) => parts.join(''));
const uri = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'did:pkh:eip155:1:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
    'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
    'http://[::1]:8080/x',
    'https://localhost:5173',
  ),
);
const domain = fc.oneof(
  fc.domain(),
  fc.tuple(fc.domain(), fc.integer({ min: 1, max: 65_535 })).map(([host, port]) => `${host}:${port}`),
  fc.constantFrom('localhost:5173', '127.0.0.1:8080', '[::1]:8080', 'app.example.com'),
);
const statement = fc.stringMatching(/^[A-Za-z0-9 .,!?'()*+;=:/@#[\]$&~_-]{0,80}$/);

/** RFC 3339 date-times of real instants, written the ways writers write them. */
const dateTime = fc
  .tuple(
    fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('iso', 'seconds', 'micro', 'offset'),
    fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
  )
  .map(([date, form, offsetMinutes]) => {
    const iso = date.toISOString();
    if (form === 'iso') return iso;
    if (form === 'seconds') return `${iso.slice(0, 19)}Z`;
    if (form === 'micro') return `${iso.slice(0, 23)}456Z`;
    const shifted = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  });

const message = fc
  .record(
    {
      scheme: fc.constantFrom('https', 'http'),
      domain,
      address,
      statement,
      uri,
      chainId: fc.integer({ min: 1, max: 2 ** 31 }),
      nonce: fc.stringMatching(/^[A-Za-z0-9]{8,40}$/),
      issuedAt: dateTime,
      expirationTime: dateTime,
      notBefore: dateTime,
      requestId: pchars(20).filter((value) => value !== ''),
      resources: fc.array(uri, { maxLength: 3 }),
    },
    { requiredKeys: ['domain', 'address', 'uri', 'chainId', 'nonce', 'issuedAt'] },
  )
  .map((fields) => new SiweMessage({ ...fields, version: '1' }).prepareMessage());

/** Edits a careless or hostile writer makes, each of which may or may not break the grammar. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('repeat-line' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('drop-line' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('flip-case' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('lower-case-line' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), a: fc.nat(), text: fc.constantFrom(' ', '  ', '\t', '\r', '\n', '\n\n', '\u00a0', 'é', '%', ':', '- https://x.example') }),
  fc.record({
    kind: fc.constant('append' as const),
    text: fc.constantFrom('\n', ' ', '\nKey: value', '\nResources:', '\n- https://x.example', '\nRequest ID: abc', '\nExpiration Time: 2026-03-01T12:00:00Z'),
  }),
  fc.record({
    kind: fc.constant('insert-line' as const),
    a: fc.nat(),
    text: fc.constantFrom('', 'Key: value', 'Not Before: 2026-03-01T12:00:00Z', 'Expiration Time: 2026-03-01T12:00:00Z', 'Request ID: 1', 'Resources:', 'Version: 1'),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    a: fc.nat(),
    text: fc.constantFrom(
      '2026-02-31T12:00:00Z',
      '2025-02-29T12:00:00Z',
      '2024-02-29T12:00:00Z',
      '2026-13-01T12:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T12:60:00Z',
      '2026-03-01T12:00:60Z',
      '2026-03-01t12:00:00z',
      '2026-03-01 12:00:00Z',
      '2026-03-01T12:00:00',
      '2026-03-01T12:00:00+25:00',
      '2026-3-1T12:00:00Z',
      '+002026-03-01T12:00:00Z',
    ),
  }),
  fc.record({ kind: fc.constant('replace-char' as const), a: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 2 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, edit: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  const at = (n: number) => n % (text.length + 1);
  switch (edit.kind) {
    case 'swap-lines': {
      const [a, b] = [line(edit.a), line(edit.b)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'repeat-line':
      lines.splice(line(edit.a), 0, lines[line(edit.a)]!);
      return lines.join('\n');
    case 'drop-line':
      lines.splice(line(edit.a), 1);
      return lines.join('\n');
    case 'flip-case': {
      const i = at(edit.a) % text.length;
      const c = text[i]!;
      return `${text.slice(0, i)}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}${text.slice(i + 1)}`;
    }
    case 'lower-case-line':
      lines[line(edit.a)] = lines[line(edit.a)]!.toLowerCase();
      return lines.join('\n');
    case 'insert':
      return `${text.slice(0, at(edit.a))}${edit.text}${text.slice(at(edit.a))}`;
    case 'append':
      return `${text}${edit.text}`;
    case 'insert-line':
      lines.splice(line(edit.a), 0, edit.text);
      return lines.join('\n');
    case 'date': {
      const dated = lines.map((value, index) => [value, index] as const).filter(([value]) => /^(Issued At|Expiration Time|Not Before): /.test(value));
      if (dated.length === 0) return text;
      const [value, index] = dated[edit.a % dated.length]!;
      lines[index] = `${value.slice(0, value.indexOf(': ') + 2)}${edit.text}`;
      return lines.join('\n');
    }
    case 'replace-char': {
      const i = at(edit.a) % text.length;
      return `${text.slice(0, i)}${edit.text}${text.slice(i + 1)}`;
    }
  }
}

/**
 * Where the kit is knowingly stricter than the reference: upper-case `T` and `Z` only (what every
 * writer emits), no leap second (JavaScript's clock has none), chain ids without leading zeros.
 */
const STRICTER = /issued-at is not valid|expiration-time is not valid|not-before is not valid|real calendar day|chain id is not valid/;

describe('the kit’s EIP-4361 reader against the reference implementation (siwe)', () => {
  it(
    'reads every generated message as the reference does, field for field',
    () => {
      fc.assert(
        fc.property(message, (text) => {
          const reference = byReference(text);
          const kit = byKit(text);

          expect(reference).toHaveProperty('fields');
          expect(kit).toEqual(reference);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'accepts a mutated message only when the reference does, and then reads the same fields',
    () => {
      let disagreements = 0;
      fc.assert(
        fc.property(message, fc.array(mutation, { minLength: 1, maxLength: 3 }), (original, edits) => {
          const text = edits.reduce(mutate, original);

          const reference = byReference(text);
          const kit = byKit(text);

          if ('fields' in kit) expect(kit).toEqual(reference);
          else if ('fields' in reference) {
            disagreements += 1;
            expect(kit.refused).toMatch(STRICTER);
          }
        }),
        { numRuns: RUNS },
      );
      // Mutations the kit refuses and the reference accepts are rare and all of the kinds above.
      expect(disagreements).toBeLessThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );

  it(
    'checks a mutated message only when the reference reads it',
    () => {
      fc.assert(
        fc.property(message, fc.array(mutation, { minLength: 1, maxLength: 2 }), (original, edits) => {
          const fields = parseSiweMessage(original);
          const text = edits.reduce(mutate, original);
          const context = {
            domains: [fields.domain.toLowerCase()],
            origin: undefined,
            chainIds: [fields.chainId],
            walletAddress: fields.address,
            statement: fields.statement ?? '',
            now: Date.parse(fields.issuedAt),
          };

          let accepted = false;
          try {
            checkSiweFields(text, context);
            accepted = true;
          } catch (error) {
            if (!(error instanceof KitError) || !error.code.startsWith('SIWE_')) throw error;
          }

          if (accepted) expect(byReference(text)).toHaveProperty('fields');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
