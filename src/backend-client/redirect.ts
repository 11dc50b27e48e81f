import { RedirectBlockedError } from '../errors/backend.js';
import { checkVerifyUrl, normalizeVerifyHost } from '../shared/verify-url.js';

/** What came, without the URL itself: its path and query may hold the link's token. */
function describe(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'a string that is not an absolute URL';
  }
  const host = url.host.length > 100 ? `${url.host.slice(0, 100)}…` : url.host;
  return `${url.protocol} URL ${host ? `on host ${host}` : 'with no host'}${url.username || url.password ? ', with user info' : ''}`;
}

/**
 * docs/architecture.md, "Security rules": the verification URL's parsed `href`, the only form of it the
 * widget may use, or `REDIRECT_BLOCKED`.
 */
export function checkLinkUrl(raw: string, verifyHosts: readonly string[]): string {
  const hosts = verifyHosts.flatMap((entry) => normalizeVerifyHost(entry) ?? []);
  const url = checkVerifyUrl(raw, hosts);
  if (url) return url.href;
  throw new RedirectBlockedError(describe(raw), hosts);
}
