// The packed alpha-2 list, not countries.ts: the browser needs no alpha-3 or numeric column (about 1.5 KB gzip).
import { LOOPBACK_HOSTS } from '../contract/loopback-hosts.js';
import { isCountryCode } from '../shared/alpha2.js';
import { normalizeVerifyHost } from '../shared/verify-url.js';

/** The element's configuration as attributes and properties deliver it: strings or null, and a few objects. */
export interface RawConfig {
  endpoint?: unknown;
  projectId?: unknown;
  appName?: unknown;
  appIcon?: unknown;
  chainId?: unknown;
  country?: unknown;
  countries?: unknown;
  email?: unknown;
  channels?: unknown;
  lang?: unknown;
  redirect?: unknown;
  verifyHosts?: unknown;
  signature?: unknown;
  privacyUrl?: unknown;
  theme?: unknown;
  metadata?: unknown;
  headers?: unknown;
  credentials?: unknown;
  registry?: unknown;
  rpcUrl?: unknown;
  /** Passed through unchecked: the wallet module decides what a host's wagmi `Config` is. */
  wagmiConfig?: unknown;
}

export type Channel = 'email' | 'sms';
export type RedirectMode = 'same-tab' | 'new-tab' | 'none';
export type Theme = 'light' | 'dark' | 'auto';

export interface WidgetConfig {
  /** Absolute; relative paths are resolved against the document's base URI. */
  endpoint: string;
  projectId: string | undefined;
  appName: string | undefined;
  appIcon: string | undefined;
  chainId: number;
  /** Upper-case alpha-2, within `countries` when both are given. */
  country: string | undefined;
  /** Upper-case alpha-2 codes, deduplicated; undefined: all countries. */
  countries: readonly string[] | undefined;
  email: string | undefined;
  /** Empty when unset: nothing to forward. */
  channels: readonly Channel[];
  lang: string | undefined;
  redirect: RedirectMode;
  /** Normalised as a URL's `host` reads (DESIGN.md, "Redirect safety"). */
  verifyHosts: readonly string[];
  signature: 'required' | 'off';
  privacyUrl: string | undefined;
  theme: Theme;
  metadata: Record<string, unknown> | undefined;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  registry: `0x${string}` | undefined;
  rpcUrl: string | undefined;
  /** The host page's wagmi `Config`, passed through as given. */
  wagmiConfig: unknown;
}

export interface ConfigProblem {
  /** The attribute (kebab-case) or, for properties only, the property name. */
  attribute: string;
  expected: string;
  /** A short, safe description of what came: never a header or metadata value, nor a URL's path. */
  received: string;
}

export type ConfigResult = { ok: true; config: WidgetConfig } | { ok: false; problems: ConfigProblem[] };

const PROPERTIES_ONLY = new Set(['metadata', 'headers', 'credentials']);
// RFC 9110, 5.6.2: a header name is a token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_METADATA_BYTES = 2048;

type ConfigKey = Exclude<keyof RawConfig, 'wagmiConfig'>;

const EXPECTED: Record<ConfigKey, string> = {
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
};

const URL_KEYS = new Set<ConfigKey>(['endpoint', 'appIcon', 'privacyUrl', 'rpcUrl']);
const LIST_KEYS = new Set<ConfigKey>(['countries', 'channels', 'verifyHosts']);

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function absolute(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isJson(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const ok = Array.isArray(value)
    ? value.every((item) => isJson(item, seen))
    : // JSON.stringify drops undefined members, so they cost nothing.
      isPlainObject(value) && Object.values(value).every((item) => item === undefined || isJson(item, seen));
  seen.delete(value);
  return ok;
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Reads one setting: its value, or undefined for a mistake (after `fault` names the entries or keys at fault, if any). */
type Reader<T> = (value: unknown, fault: (at: PropertyKey) => void) => T | undefined;

/** An attribute that is absent, null or blank is unset; frameworks set empty strings freely. */
function unset(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

const text: Reader<string> = (value) => (typeof value === 'string' ? value.trim() : undefined);

/** HTML enumerated attributes compare ASCII case-insensitively. */
function oneOf<const T extends string>(values: readonly T[]): (value: unknown) => T | undefined {
  return (value) => {
    const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
    return values.find((candidate) => candidate === word);
  };
}

function alpha2(value: unknown): string | undefined {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return isCountryCode(code) ? code : undefined;
}

/** A comma list (or, set as a property, an array of strings), deduplicated; each entry at fault is named. */
function list<T>(item: (entry: string) => T | undefined): Reader<T[]> {
  return (value, fault) => {
    const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? (value as string[]) : [];
    const entries = raw.map((entry) => entry.trim()).filter(Boolean);
    const items: T[] = [];
    let ok = entries.length > 0;
    entries.forEach((entry, index) => {
      const read = item(entry);
      if (read === undefined) {
        ok = false;
        fault(index);
      } else if (!items.includes(read)) items.push(read);
    });
    return ok ? items : undefined;
  };
}

function url(accept: (url: URL) => boolean): Reader<string> {
  return (value) => {
    const parsed = typeof value === 'string' ? absolute(value.trim()) : undefined;
    return parsed && accept(parsed) ? parsed.href : undefined;
  };
}

function endpoint(baseURI: string): Reader<string> {
  return (value) => {
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    const isAbsolute = /^https?:\/\//i.test(trimmed);
    if (!isAbsolute && !trimmed.startsWith('/')) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(trimmed, baseURI);
    } catch {
      return undefined;
    }
    // `//host` and `/\host` are paths only in appearance: they leave the page's origin.
    const leavesOrigin = !isAbsolute && parsed.origin !== absolute(baseURI)?.origin;
    // fetch refuses URLs with credentials; a query or fragment would break the path joining.
    const unusable = parsed.username || parsed.password || parsed.search || parsed.hash;
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !leavesOrigin && !unusable ? parsed.href : undefined;
  };
}

const chainId: Reader<number> = (value) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]{1,16}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
};

const headers: Reader<Record<string, string>> = (value, fault) => {
  if (!isPlainObject(value)) return undefined;
  let ok = true;
  for (const [name, header] of Object.entries(value)) {
    if (!TOKEN.test(name) || typeof header !== 'string' || /[\r\n\0]/.test(header)) {
      ok = false;
      fault(name);
    }
  }
  return ok ? ({ ...value } as Record<string, string>) : undefined;
};

const metadata: Reader<Record<string, unknown>> = (value) =>
  isPlainObject(value) && isJson(value, new Set()) && byteLength(value) <= MAX_METADATA_BYTES ? value : undefined;

const countries = list(alpha2);

/**
 * One reader per setting. Plain functions rather than zod/mini: the configuration is read on the
 * first render, and zod's runtime (about 6 KB gzip with this schema) would not fit the 20 KB
 * budget; the backend's answers, read later in a lazy chunk, go through zod/mini.
 */
function readersFor(baseURI: string): Record<ConfigKey, { read: Reader<unknown>; required?: boolean }> {
  return {
    endpoint: { read: endpoint(baseURI), required: true },
    projectId: { read: text },
    appName: { read: text },
    appIcon: { read: url((parsed) => parsed.protocol === 'https:') },
    chainId: { read: chainId },
    country: { read: alpha2 },
    countries: { read: countries },
    email: { read: text },
    channels: { read: list(oneOf(['email', 'sms'] as const)) },
    lang: { read: text },
    redirect: { read: oneOf(['same-tab', 'new-tab', 'none'] as const) },
    verifyHosts: { read: list(normalizeVerifyHost) },
    signature: { read: oneOf(['required', 'off'] as const) },
    privacyUrl: { read: url((parsed) => parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))) },
    theme: { read: oneOf(['light', 'dark', 'auto'] as const) },
    metadata: { read: metadata },
    headers: { read: headers },
    credentials: { read: oneOf(['omit', 'same-origin', 'include'] as const) },
    registry: { read: (value) => (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value.trim()) ? (value.trim() as `0x${string}`) : undefined) },
    rpcUrl: { read: url((parsed) => parsed.protocol === 'http:' || parsed.protocol === 'https:') },
  };
}

let cached: { baseURI: string; readers: ReturnType<typeof readersFor> } | undefined;

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function describeValue(key: ConfigKey, value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    if (value.trim() === '') return 'an empty string';
    const url = URL_KEYS.has(key) ? absolute(value.trim()) : undefined;
    // A URL's path, query and user info may hold a key (RPC providers put it in the path).
    if (url) return `a URL with scheme ${url.protocol} on ${url.host ? `host ${url.host}` : 'no host'}${key === 'endpoint' && (url.username || url.password || url.search || url.hash) ? ' (with user info, a query or a fragment)' : ''}`;
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
function describe(key: ConfigKey, value: unknown, at: PropertyKey[]): string {
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

function notOffered(country: string | undefined, countries: readonly string[] | undefined): ConfigProblem | undefined {
  if (!country || !countries || countries.includes(country)) return undefined;
  const offered = countries.length > 8 ? `${countries.slice(0, 8).join(', ')}, …` : countries.join(', ');
  return { attribute: 'country', expected: `one of the codes in countries (${offered})`, received: quote(country) };
}

/**
 * Parses the element's configuration. `baseURI` resolves a relative `endpoint` (the caller
 * passes `document.baseURI`). Every mistake is named, with what was expected and what came.
 */
export function parseConfig(raw: RawConfig, baseURI: string): ConfigResult {
  if (cached?.baseURI !== baseURI) cached = { baseURI, readers: readersFor(baseURI) };
  const value: { [K in ConfigKey]?: NonNullable<WidgetConfig[K]> } = {};
  const byKey = new Map<ConfigKey, PropertyKey[]>();
  for (const [key, { read, required }] of Object.entries(cached.readers) as [ConfigKey, { read: Reader<unknown>; required?: boolean }][]) {
    const at: PropertyKey[] = [];
    let faulted = false;
    const input = unset(raw[key]);
    const out = input === undefined ? undefined : read(input, (sub) => ((faulted = true), at.push(sub)));
    if (out === undefined && (faulted || input !== undefined || required)) byKey.set(key, at);
    else (value as Record<ConfigKey, unknown>)[key] = out;
  }

  if (byKey.size) {
    const problems: ConfigProblem[] = [...byKey].map(([key, at]) => ({ attribute: kebab(key), expected: EXPECTED[key], received: describe(key, raw[key], at) }));
    if (!byKey.has('country') && !byKey.has('countries')) {
      const offered = notOffered(alpha2(unset(raw.country)), countries(unset(raw.countries), () => {}));
      if (offered) problems.push(offered);
    }
    return { ok: false, problems };
  }

  const offered = notOffered(value.country, value.countries);
  if (offered) return { ok: false, problems: [offered] };
  return {
    ok: true,
    config: {
      // Required: a successful parse has it.
      endpoint: value.endpoint!,
      projectId: value.projectId,
      appName: value.appName,
      appIcon: value.appIcon,
      chainId: value.chainId ?? 1,
      country: value.country,
      countries: value.countries,
      email: value.email,
      channels: value.channels ?? [],
      lang: value.lang,
      redirect: value.redirect ?? 'same-tab',
      verifyHosts: value.verifyHosts ?? ['verify.trusset.org'],
      signature: value.signature ?? 'required',
      privacyUrl: value.privacyUrl,
      theme: value.theme ?? 'auto',
      metadata: value.metadata,
      headers: value.headers ?? {},
      credentials: value.credentials ?? 'same-origin',
      registry: value.registry as `0x${string}` | undefined,
      rpcUrl: value.rpcUrl,
      wagmiConfig: raw.wagmiConfig,
    },
  };
}

/** One sentence for the developer's console, e.g. `<trusset-verify>: attribute "chain-id" expected …, received "abc".` */
export function formatConfigProblem(problem: ConfigProblem): string {
  const kind = PROPERTIES_ONLY.has(problem.attribute) ? 'property' : 'attribute';
  return `<trusset-verify>: ${kind} "${problem.attribute}" expected ${problem.expected}, received ${problem.received}.`;
}
