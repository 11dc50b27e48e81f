/**
 * The configuration checks' words for the developer: what each setting expects and what came.
 * Loaded only when a check fails (settings.ts reads the configuration on the first render).
 */
import { absolute, alpha2, byteLength, countries, isJson, isPlainObject, MAX_METADATA_BYTES, offered, unset } from './readers.js';
import { attributeName, readConfig, SETTINGS, type ConfigFaults, type RawConfig, type SettingName, type WidgetConfig } from './settings.js';

export type { RawConfig, WidgetConfig } from './settings.js';

export interface ConfigProblem {
  /** The attribute (kebab-case) or, for properties only, the property name. */
  attribute: string;
  expected: string;
  /** A short, safe description of what came: never a header or metadata value, nor a URL's path. */
  received: string;
}

export type ConfigResult = { ok: true; config: WidgetConfig } | { ok: false; problems: ConfigProblem[] };

/** settings.ts's column of what each setting expects, kept here: the first render needs none of it. */
const EXPECTED: Record<SettingName, string> = {
  endpoint: 'an absolute http(s) URL or a path starting with /, such as /api/trusset, with no user info, query or fragment',
  projectId: 'a WalletConnect Cloud project id',
  appName: 'a name',
  appIcon: 'an absolute https URL',
  chainId: 'a positive integer such as 1 or 11155111',
  country: 'an ISO 3166-1 alpha-2 code such as DE',
  countries: 'a comma-separated list of ISO 3166-1 alpha-2 codes such as DE,FR,IT',
  email: 'an e-mail address',
  channels: 'a comma-separated list of email, sms',
  lang: 'a language tag such as en or de-CH',
  redirect: 'one of same-tab, new-tab, none',
  verifyHosts: 'a comma-separated list of hosts such as verify.trusset.org',
  signature: 'one of required, off',
  privacyUrl: 'an absolute https URL (http only on localhost, 127.0.0.1 or [::1])',
  theme: 'one of light, dark, auto',
  metadata: `a plain JSON object of at most ${MAX_METADATA_BYTES} bytes`,
  headers: 'an object of header names (such as X-CSRF-Token) to string values without line breaks',
  credentials: 'one of omit, same-origin, include',
  registry: 'a 0x-prefixed 20-byte hex address',
  rpcUrl: 'an absolute http(s) URL',
  // Never at fault here: the wallet module checks a host's wagmi `Config` when it uses it.
  wagmiConfig: 'a wagmi Config',
};

const URL_KEYS = new Set<SettingName>(['endpoint', 'appIcon', 'privacyUrl', 'rpcUrl']);
const LIST_KEYS = new Set<SettingName>(['countries', 'channels', 'verifyHosts']);

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function describeValue(key: SettingName, value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    if (value.trim() === '') return 'an empty string';
    const url = URL_KEYS.has(key) ? absolute(value.trim()) : undefined;
    // A URL's path, query and user info may hold a key (RPC providers put it in the path).
    if (url)
      return `a URL with scheme ${url.protocol} on ${url.host ? `host ${url.host}` : 'no host'}${key === 'endpoint' && (url.username || url.password || url.search || url.hash) ? ' (with user info, a query or a fragment)' : ''}`;
    if (URL_KEYS.has(key) && key !== 'endpoint') return 'a string that is not an absolute URL';
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    if (!isPlainObject(value)) return `an instance of ${(value as object).constructor?.name || 'a class'}`;
    const keys = Object.keys(value).length;
    return `an object with ${keys} key${keys === 1 ? '' : 's'}`;
  }
  return `a ${typeof value}`;
}

/** What came, naming the entries or keys at fault but never a header or metadata value. */
function describe(key: SettingName, value: unknown, at: PropertyKey[]): string {
  const base = describeValue(key, value);
  if (key === 'metadata' && isPlainObject(value)) {
    if (!isJson(value, new Set())) return `${base}, holding a value JSON cannot carry`;
    return `${base}, of ${byteLength(value)} bytes`;
  }
  if (key === 'headers' && at.length) return `${base} (at fault: ${at.map((name) => quote(String(name))).join(', ')})`;
  if (LIST_KEYS.has(key) && at.length) {
    const entries = (Array.isArray(value) ? (value as unknown[]) : String(value).split(',')).map((entry) => String(entry).trim()).filter(Boolean);
    const wrong = at.map((index) => entries[Number(index)]).filter((entry) => entry !== undefined);
    if (wrong.length) return `${base} (not valid: ${wrong.map((entry) => quote(entry)).join(', ')})`;
  }
  return base;
}

function notOffered(country: string, countries: readonly string[]): ConfigProblem {
  const offered = countries.length > 8 ? `${countries.slice(0, 8).join(', ')}, …` : countries.join(', ');
  return { attribute: 'country', expected: `one of the codes in countries (${offered})`, received: quote(country) };
}

/** Every mistake of a configuration that `readConfig` refused, with what was expected and what came. */
export function describeFaults(raw: RawConfig, faults: ConfigFaults): ConfigProblem[] {
  const problems: ConfigProblem[] = [...faults].map(([key, at]) => ({ attribute: attributeName(key), expected: EXPECTED[key], received: describe(key, raw[key], at) }));
  if (!faults.has('country') && !faults.has('countries')) {
    const country = alpha2(unset(raw.country));
    const offer = countries(unset(raw.countries), () => {}, '');
    if (!offered(country, offer)) problems.push(notOffered(country!, offer!));
  }
  return problems;
}

/**
 * Parses the element's configuration. `baseURI` resolves a relative `endpoint` (the caller
 * passes `document.baseURI`). Every mistake is named, with what was expected and what came.
 */
export function parseConfig(raw: RawConfig, baseURI: string): ConfigResult {
  const result = readConfig(raw, baseURI);
  return result.ok ? result : { ok: false, problems: describeFaults(raw, result.faults) };
}

/** One sentence for the developer's console, e.g. `<trusset-verify>: attribute "chain-id" expected …, received "abc".` */
export function formatConfigProblem(problem: ConfigProblem): string {
  const kind = (SETTINGS as Record<string, { property?: true }>)[problem.attribute]?.property ? 'property' : 'attribute';
  return `<trusset-verify>: ${kind} "${problem.attribute}" expected ${problem.expected}, received ${problem.received}.`;
}
