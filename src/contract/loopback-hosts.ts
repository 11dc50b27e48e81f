/**
 * The hosts on which `http:` is accepted where the contract otherwise requires `https:` (a
 * verification URL, docs/architecture.md "Security rules"; the widget's `privacy-url`): local test servers
 * only. Spelled as `URL.hostname` reads them (IPv6 in brackets).
 */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
