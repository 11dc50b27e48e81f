import { getAddress } from 'viem';
import { KitError } from './errors.js';

/**
 * The fields of an EIP-4361 message, as the signed text writes them. Dates stay as written (and
 * as epoch milliseconds beside), so that the message can be written again byte for byte.
 */
export interface SiweFields {
  scheme: string | undefined;
  domain: string;
  address: `0x${string}`;
  statement: string | undefined;
  uri: string;
  version: '1';
  chainId: number;
  nonce: string;
  issuedAt: string;
  expirationTime: string | undefined;
  notBefore: string | undefined;
  requestId: string | undefined;
  resources: string[] | undefined;
}

// RFC 3986, Appendix A, as regular expressions. IPv4address is a subset of reg-name, so a host
// is an IP-literal or a reg-name.
const UNRESERVED = 'A-Za-z0-9\\-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const H16 = '[0-9A-Fa-f]{1,4}';
const DEC_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const IPV4 = `(?:${DEC_OCTET}\\.){3}${DEC_OCTET}`;
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
const IPV6 = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
]
  .map((form) => `(?:${form})`)
  .join('|');
const IP_LITERAL = `\\[(?:${IPV6}|v[0-9A-Fa-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+)\\]`;
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]*)?`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const HIER_PART = `(?://${AUTHORITY}(?:/${SEGMENT})*|/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?|${SEGMENT_NZ}(?:/${SEGMENT})*|)`;
const SCHEME = '[A-Za-z][A-Za-z0-9+\\-.]*';
const QUERY = `(?:${PCHAR}|[/?])*`;

const URI = new RegExp(`^${SCHEME}:${HIER_PART}(?:\\?${QUERY})?(?:#${QUERY})?$`);
const DOMAIN = new RegExp(`^${AUTHORITY}$`);
const SCHEME_ONLY = new RegExp(`^${SCHEME}$`);
// `reserved / unreserved / " "`: no line break, no control character, nothing outside ASCII.
const STATEMENT = new RegExp(`^[${UNRESERVED}${SUB_DELIMS}:/?#\\[\\]@ ]*$`);
const REQUEST_ID = new RegExp(`^${PCHAR}*$`);
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const NONCE = /^[A-Za-z0-9]{8,}$/;
// An EIP-155 chain id, written without leading zeros and small enough to be read exactly.
const CHAIN_ID = /^[1-9][0-9]{0,14}$/;
// RFC 3339 `date-time`, upper-case `T` and `Z` as every writer emits them. Seconds stop at 59: a
// leap second cannot be told apart from its neighbour by JavaScript's clock.
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-]([0-9]{2}):([0-9]{2}))$/;

const HEADER_SUFFIX = ' wants you to sign in with your Ethereum account:';

/** A statement EIP-4361 allows: one line of RFC 3986 `reserved`, `unreserved` and spaces. */
export function isSiweStatement(value: string): boolean {
  return STATEMENT.test(value);
}

/**
 * An RFC 3339 date-time as epoch milliseconds, or undefined when it is not one or names no real
 * instant (February 31st, hour 24): `Date.parse` would roll those over into the next month.
 */
export function parseDateTime(value: string): number | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction, offset, offsetHours, offsetMinutes] = [match[7], match[8], Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0);
  const sign = offset?.startsWith('-') ? -1 : 1;
  return date.getTime() - (offset === 'Z' ? 0 : sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** The message EIP-4361 writes for these fields: the one text a strict parser reads them from. */
export function formatSiweMessage(fields: SiweFields): string {
  const lines = [
    `${fields.scheme === undefined ? '' : `${fields.scheme}://`}${fields.domain}${HEADER_SUFFIX}`,
    fields.address,
    '',
    ...(fields.statement === undefined ? [] : [fields.statement]),
    '',
    `URI: ${fields.uri}`,
    `Version: ${fields.version}`,
    `Chain ID: ${fields.chainId}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${fields.issuedAt}`,
  ];
  if (fields.expirationTime !== undefined) lines.push(`Expiration Time: ${fields.expirationTime}`);
  if (fields.notBefore !== undefined) lines.push(`Not Before: ${fields.notBefore}`);
  if (fields.requestId !== undefined) lines.push(`Request ID: ${fields.requestId}`);
  if (fields.resources !== undefined) lines.push('Resources:', ...fields.resources.map((resource) => `- ${resource}`));
  return lines.join('\n');
}

/**
 * Reads a message that matches the EIP-4361 ABNF exactly, or throws `SIWE_INVALID` whose
 * `details` names the line and the field at fault (never what the line holds). Exactly means:
 * the fields in the grammar's order, each optional one only in its place, single spaces, `\n`
 * line ends, nothing after the last field, an EIP-55 address, real calendar dates. Wallets
 * (MetaMask, Rabby) recognise a sign-in with such a parser and only then warn about a foreign
 * domain: a message that only a lenient parser reads would be signed without that warning.
 */
export function parseSiweMessage(message: string): SiweFields {
  const lines = message.split('\n');
  let at = 0;
  const invalid = (details: string): never => {
    throw new KitError('SIWE_INVALID', { details: `line ${at + 1}: ${details}` });
  };
  const next = (): string => lines[at] ?? invalid('the message ends early');
  const field = (label: string, pattern: RegExp, name: string): string => {
    const line = next();
    if (!line.startsWith(`${label}: `)) invalid(`expected "${label}: "`);
    const value = line.slice(label.length + 2);
    if (!pattern.test(value)) invalid(`${name} is not valid`);
    at += 1;
    return value;
  };
  const optional = (label: string, pattern: RegExp, name: string): string | undefined => (lines[at]?.startsWith(`${label}: `) ? field(label, pattern, name) : undefined);
  const date = (label: string, name: string, required: boolean): string | undefined => {
    const value = required ? field(label, DATE_TIME, name) : optional(label, DATE_TIME, name);
    if (value !== undefined && parseDateTime(value) === undefined) {
      at -= 1;
      invalid(`${name} is not an RFC 3339 date-time of a real calendar day`);
    }
    return value;
  };

  const header = next();
  if (!header.endsWith(HEADER_SUFFIX)) invalid('expected "<domain> wants you to sign in with your Ethereum account:"');
  const origin = header.slice(0, -HEADER_SUFFIX.length);
  const separator = origin.indexOf('://');
  const scheme = separator === -1 ? undefined : origin.slice(0, separator);
  const domain = separator === -1 ? origin : origin.slice(separator + 3);
  if (scheme !== undefined && !SCHEME_ONLY.test(scheme)) invalid('scheme is not an RFC 3986 scheme');
  if (!domain || !DOMAIN.test(domain)) invalid('domain is not an RFC 3986 authority');
  at += 1;

  const address = next();
  if (!ADDRESS.test(address)) invalid('address is not 0x and 40 hex digits');
  // EIP-4361: the address MUST be EIP-55 checksummed; lower case is refused too.
  if (getAddress(address) !== address) invalid('address is not EIP-55 checksummed');
  at += 1;
  if (next() !== '') invalid('expected an empty line after the address');
  at += 1;

  let statement: string | undefined;
  if (lines[at] === '' && lines[at + 1]?.startsWith('URI: ')) {
    at += 1;
  } else {
    statement = next();
    if (!STATEMENT.test(statement)) invalid('statement holds a character EIP-4361 does not allow');
    at += 1;
    if (next() !== '') invalid('expected an empty line after the statement');
    at += 1;
  }

  const uri = field('URI', URI, 'uri');
  field('Version', /^1$/, 'version');
  const chainId = Number(field('Chain ID', CHAIN_ID, 'chain id'));
  const nonce = field('Nonce', NONCE, 'nonce');
  const issuedAt = date('Issued At', 'issued-at', true)!;
  const expirationTime = date('Expiration Time', 'expiration-time', false);
  const notBefore = date('Not Before', 'not-before', false);
  const requestId = optional('Request ID', REQUEST_ID, 'request-id');
  let resources: string[] | undefined;
  if (lines[at] === 'Resources:') {
    at += 1;
    resources = [];
    while (at < lines.length) {
      const line = next();
      if (!line.startsWith('- ') || !URI.test(line.slice(2))) invalid('a resource is not "- " and an RFC 3986 URI');
      resources.push(line.slice(2));
      at += 1;
    }
  }
  if (at < lines.length) invalid(lines[at] === '' ? 'text after the last field (a trailing line break?)' : 'a field out of place, unknown or repeated');

  const fields: SiweFields = { scheme, domain, address: address as `0x${string}`, statement, uri, version: '1', chainId, nonce, issuedAt, expirationTime, notBefore, requestId, resources };
  // The reading above is strict by construction; writing the fields again and comparing holds
  // it to that should a later change loosen a step.
  if (formatSiweMessage(fields) !== message) throw new KitError('SIWE_INVALID', { details: 'the message is not written as EIP-4361 writes its fields' });
  return fields;
}
