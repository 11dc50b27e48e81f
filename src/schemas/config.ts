import * as z from 'zod/mini';
import { isAlpha2 } from '../shared/countries.js';
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
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
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

function fail(ctx: z.core.ParsePayload, input: unknown): never {
  ctx.issues.push({ code: 'custom', input, message: '' });
  return z.NEVER;
}

/** An attribute that is absent, null or blank is unset; frameworks set empty strings freely. */
function unset(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

function optional<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(z.transform(unset), z.optional(schema));
}

const trimmed = z.string().check(z.trim());

/** HTML enumerated attributes compare ASCII case-insensitively. */
function oneOf<const T extends readonly string[]>(values: T) {
  return optional(z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.enum(values)));
}

/** A comma list (or, set as a property, an array), deduplicated; an unknown entry is an error at its index. */
function list<T extends z.ZodMiniType<string, string>>(item: T) {
  return optional(
    z.pipe(
      z.union([z.pipe(z.string(), z.transform((value) => value.split(','))), z.array(z.string())]),
      z.pipe(
        z.transform((items: string[]) => items.map((entry) => entry.trim()).filter(Boolean)),
        z.pipe(z.array(item).check(z.minLength(1)), z.transform((items) => [...new Set(items)])),
      ),
    ),
  );
}

const alpha2 = z.pipe(z.string().check(z.toUpperCase()), z.string().check(z.refine(isAlpha2)));

function urlWhere(accept: (url: URL) => boolean) {
  return optional(z.pipe(trimmed, z.transform((value, ctx) => (absolute(value) && accept(absolute(value)!) ? absolute(value)!.href : fail(ctx, value)))));
}

function endpointSchema(baseURI: string) {
  return z.pipe(
    z.transform(unset),
    z.pipe(
      trimmed,
      z.transform((value, ctx) => {
        const isAbsolute = /^https?:\/\//i.test(value);
        if (!isAbsolute && !value.startsWith('/')) return fail(ctx, value);
        let url: URL;
        try {
          url = new URL(value, baseURI);
        } catch {
          return fail(ctx, value);
        }
        // `//host` and `/\host` are paths only in appearance: they leave the page's origin.
        const leavesOrigin = !isAbsolute && url.origin !== absolute(baseURI)?.origin;
        // fetch refuses URLs with credentials; a query or fragment would break the path joining.
        const unusable = url.username || url.password || url.search || url.hash;
        return (url.protocol === 'http:' || url.protocol === 'https:') && !leavesOrigin && !unusable ? url.href : fail(ctx, value);
      }),
    ),
  );
}

const fields = {
  projectId: optional(trimmed),
  appName: optional(trimmed),
  appIcon: urlWhere((url) => url.protocol === 'https:'),
  chainId: optional(
    z.pipe(
      z.union([z.string().check(z.regex(/^\s*[0-9]{1,16}\s*$/)), z.number()]),
      z.pipe(z.transform(Number), z.int().check(z.positive())),
    ),
  ),
  country: optional(z.pipe(trimmed, alpha2)),
  countries: list(alpha2),
  email: optional(trimmed),
  channels: list(z.enum(['email', 'sms'])),
  lang: optional(trimmed),
  redirect: oneOf(['same-tab', 'new-tab', 'none']),
  verifyHosts: list(z.pipe(z.string(), z.transform((entry, ctx) => normalizeVerifyHost(entry) ?? fail(ctx, entry)))),
  signature: oneOf(['required', 'off']),
  privacyUrl: urlWhere((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))),
  theme: oneOf(['light', 'dark', 'auto']),
  metadata: optional(
    z.record(z.string(), z.unknown()).check(
      z.refine((value) => isJson(value, new Set())),
      z.refine((value) => byteLength(value) <= MAX_METADATA_BYTES),
    ),
  ),
  headers: optional(z.record(z.string().check(z.regex(TOKEN)), z.string().check(z.regex(/^[^\r\n\0]*$/)))),
  credentials: oneOf(['omit', 'same-origin', 'include']),
  registry: optional(z.pipe(trimmed, z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/)))),
  rpcUrl: urlWhere((url) => url.protocol === 'http:' || url.protocol === 'https:'),
};

let cached: { baseURI: string; schema: ReturnType<typeof schemaFor> } | undefined;

function schemaFor(baseURI: string) {
  return z.object({ endpoint: endpointSchema(baseURI), ...fields });
}

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
  if (cached?.baseURI !== baseURI) cached = { baseURI, schema: schemaFor(baseURI) };
  const result = cached.schema.safeParse(raw);

  if (!result.success) {
    const byKey = new Map<ConfigKey, PropertyKey[]>();
    for (const issue of result.error.issues) {
      const [key, sub] = issue.path as [ConfigKey, PropertyKey?];
      const at = byKey.get(key) ?? [];
      if (sub !== undefined && !at.includes(sub)) at.push(sub);
      byKey.set(key, at);
    }
    const problems: ConfigProblem[] = [...byKey].map(([key, at]) => ({ attribute: kebab(key), expected: EXPECTED[key], received: describe(key, raw[key], at) }));
    if (!byKey.has('country') && !byKey.has('countries')) {
      const offered = notOffered(fields.country.safeParse(raw.country).data, fields.countries.safeParse(raw.countries).data);
      if (offered) problems.push(offered);
    }
    return { ok: false, problems };
  }

  const value = result.data;
  const offered = notOffered(value.country, value.countries);
  if (offered) return { ok: false, problems: [offered] };
  return {
    ok: true,
    config: {
      endpoint: value.endpoint,
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
