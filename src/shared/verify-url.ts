/**
 * docs/architecture.md, "Security rules": the one check a verification URL passes before anyone is sent
 * to it. Shared by the widget and the backend kit so that both refuse the same URLs.
 */

import { LOOPBACK_HOSTS } from '../contract/loopback-hosts.js';

/**
 * Normalises a `verify-hosts` entry the way a URL's `host` reads: lower case, default port
 * dropped. Returns undefined for an entry that is not a bare host (a path, a scheme, a space).
 */
export function normalizeVerifyHost(entry: string): string | undefined {
  const trimmed = entry.trim();
  if (!trimmed || /[/?#@\s\\]/.test(trimmed)) return undefined;
  try {
    return new URL(`https://${trimmed}`).host;
  } catch {
    return undefined;
  }
}

/**
 * The parsed URL when it may be opened, else undefined. `hosts` are normalised entries.
 * `https:` on a listed host; `http:` only on a listed loopback host (local test servers).
 */
export function checkVerifyUrl(candidate: unknown, hosts: readonly string[]): URL | undefined {
  if (typeof candidate !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.username || url.password || !hosts.includes(url.host)) return undefined;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  return undefined;
}
