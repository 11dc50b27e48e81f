/**
 * The readers of the element's settings (settings.ts puts one on each row): plain functions
 * rather than zod/mini, since the configuration is read on the first render and zod's runtime
 * (about 6 KB gzip with this schema) would not fit its budget (scripts/size.ts); the backend's
 * answers, read later in a lazy chunk, go through zod/mini.
 */
// The packed alpha-2 list, not countries.ts: the browser needs no alpha-3 or numeric column (about 1.5 KB gzip).
import { LOOPBACK_HOSTS } from '../contract/loopback-hosts.js';
import { isCountryCode } from '../shared/alpha2.js';
import { normalizeVerifyHost } from '../shared/verify-url.js';

// RFC 9110, 5.6.2: a header name is a token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const MAX_METADATA_BYTES = 2048;

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
export type Reader<T> = (value: unknown, fault: (at: PropertyKey) => void, baseURI: string) => T | undefined;

/** An attribute that is absent, null or blank is unset; frameworks set empty strings freely. */
export function unset(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

export const text: Reader<string> = (value) => (typeof value === 'string' ? value.trim() : undefined);

/** HTML enumerated attributes compare ASCII case-insensitively. */
export function oneOf<const T extends string>(values: readonly T[]): (value: unknown) => T | undefined {
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
export function list<T>(item: (entry: string) => T | undefined): Reader<readonly T[]> {
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

export function url(accept: (url: URL) => boolean): Reader<string> {
  return (value) => {
    const parsed = typeof value === 'string' ? absolute(value.trim()) : undefined;
    return parsed && accept(parsed) ? parsed.href : undefined;
  };
}

export const endpoint: Reader<string> = (value, _fault, baseURI) => {
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

export const chainId: Reader<number> = (value) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]{1,16}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
};

export const headers: Reader<Record<string, string>> = (value, fault) => {
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

export const metadata: Reader<Record<string, unknown>> = (value) => (isPlainObject(value) && isJson(value, new Set()) && byteLength(value) <= MAX_METADATA_BYTES ? value : undefined);

export const countries = list(alpha2);

/** Whether `country` (when both are set) is among `countries`. */
export function offered(country: string | undefined, countries: readonly string[] | undefined): boolean {
  return !country || !countries || countries.includes(country);
}

export const channels = list(oneOf(['email', 'sms'] as const));
export const verifyHosts = list(normalizeVerifyHost);
export const httpsUrl = url((parsed) => parsed.protocol === 'https:');
export const privacyUrl = url((parsed) => parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)));
export const httpUrl = url((parsed) => parsed.protocol === 'http:' || parsed.protocol === 'https:');
export const address: Reader<`0x${string}`> = (value) => (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value.trim()) ? (value.trim() as `0x${string}`) : undefined);
/** Passed through unchecked: the wallet module decides what a host's wagmi `Config` is. */
export const anything: Reader<unknown> = (value) => value;
