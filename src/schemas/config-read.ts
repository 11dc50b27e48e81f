/**
 * Reading the element's configuration: the part the first render needs (config.ts words the
 * mistakes, loaded only when there is one).
 */
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
  /** Normalised as a URL's `host` reads (docs/architecture.md, "Security rules"). */
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

/** The settings at fault, each with the list entries or header names at fault (config.ts words them). */
export type ConfigFaults = Map<ConfigKey, PropertyKey[]>;

export type ReadResult = { ok: true; config: WidgetConfig } | { ok: false; faults: ConfigFaults };

// RFC 9110, 5.6.2: a header name is a token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const MAX_METADATA_BYTES = 2048;

export type ConfigKey = Exclude<keyof RawConfig, 'wagmiConfig'>;

export function absolute(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isJson(value: unknown, seen: Set<object>): boolean {
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

export function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Reads one setting: its value, or undefined for a mistake (after `fault` names the entries or keys at fault, if any). */
type Reader<T> = (value: unknown, fault: (at: PropertyKey) => void) => T | undefined;

/** An attribute that is absent, null or blank is unset; frameworks set empty strings freely. */
export function unset(value: unknown): unknown {
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

export function alpha2(value: unknown): string | undefined {
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

export const countries = list(alpha2);

/**
 * One reader per setting. Plain functions rather than zod/mini: the configuration is read on the
 * first render, and zod's runtime (about 6 KB gzip with this schema) would not fit its budget
 * (scripts/size.ts); the backend's answers, read later in a lazy chunk, go through zod/mini.
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

/** Whether `country` (when both are set) is among `countries`. */
export function offered(country: string | undefined, countries: readonly string[] | undefined): boolean {
  return !country || !countries || countries.includes(country);
}

/**
 * Reads the element's configuration (`baseURI` resolves a relative `endpoint`; the caller passes
 * `document.baseURI`). A mistake comes back as the settings at fault, each with the entries or keys
 * at fault; what was expected and what came is config.ts's to say (`describeFaults`), in a chunk
 * of its own: the first render of a configured widget needs no sentence about mistakes.
 * No setting at fault but a failure: `country` is not among `countries`.
 */
export function readConfig(raw: RawConfig, baseURI: string): ReadResult {
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

  if (byKey.size) return { ok: false, faults: byKey };
  if (!offered(value.country, value.countries)) return { ok: false, faults: byKey };
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

