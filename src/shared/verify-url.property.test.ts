import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinkUrl } from '../backend-client/redirect.js';
import type { TrussetVerifyError } from '../errors/base.js';
import { RedirectBlockedError } from '../errors/backend.js';
import { checkVerifyUrl, normalizeVerifyHost } from './verify-url.js';

const RUNS = 5_000;
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

// Hosts an attacker would try, beside the listed ones: case, trailing dots, ports, look-alikes,
// IDN, loopback in its other spellings.
const hostLike = fc.oneof(
  fc.constantFrom(
    'verify.trusset.org',
    'VERIFY.TRUSSET.ORG',
    'verify.trusset.org.',
    'verify.trusset.org:443',
    'verify.trusset.org:8443',
    'verify.trusset.org.evil.example',
    'evilverify.trusset.org',
    'verify.trusset.org%2eevil.example',
    'vérify.trusset.org',
    'xn--vrify-bsa.trusset.org',
    'bücher.example',
    'xn--bcher-kva.example',
    '127.0.0.1:4000',
    '127.1:4000',
    '0x7f.0.0.1:4000',
    '2130706433:4000',
    'localhost:4000',
    'LOCALHOST:4000',
    'localhost.:4000',
    '[::1]:4000',
    '[0:0:0:0:0:0:0:1]:4000',
    '[::ffff:127.0.0.1]:4000',
    'evil.example',
    '',
  ),
  fc.domain(),
  fc.tuple(fc.domain(), fc.integer({ min: 0, max: 70_000 })).map(([host, port]) => `${host}:${port}`),
);

const scheme = fc.constantFrom('https:', 'HTTPS:', 'http:', 'HtTp:', 'javascript:', 'data:', 'blob:https:', 'file:', 'ftp:', 'ws:', 'wss:', 'x-custom:', '');
const separator = fc.constantFrom('//', '\\\\', '/\\', '', '/', '///', ' //', '//\t');
const userinfo = fc.constantFrom('', '', '', 'user@', 'user:pw@', 'verify.trusset.org@', 'https://verify.trusset.org@', '@', ':@');
const noise = fc.constantFrom('', '', ' ', '\t', '\n', '\u0000', '\u001f', '\u00a0', '\u200b', '\ufeff', '\r\n');

// The path carries a link's token; an upper-case marker cannot be mistaken for a host (hosts are lower-cased).
const token = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/).map((text) => `TOKEN${text}`);
const path = fc.tuple(fc.constantFrom('/link/', '\\link\\', '/link/@evil.example/', '/?next=', '#', '/%2e%2e/'), token).map(([prefix, secret]) => ({ text: `${prefix}${secret}`, secret }));

const assembledUrl = fc
  .tuple(noise, scheme, separator, userinfo, hostLike, path, noise)
  .map(([before, s, sep, user, host, p, after]) => ({ url: `${before}${s}${sep}${user}${host}${p.text}${after}`, secret: p.secret }));

const anyUrl = fc.oneof(
  { weight: 4, arbitrary: assembledUrl.map(({ url }) => url) },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true } }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.tuple(scheme, fc.string({ maxLength: 60 })).map(([s, rest]) => `${s}${rest}`) },
);

// Entries as partners write them, plus entries the normaliser must drop.
const hostEntry = fc.oneof(
  { weight: 4, arbitrary: hostLike },
  { weight: 1, arbitrary: fc.constantFrom(' Verify.Trusset.org:443 ', 'https://verify.trusset.org', 'verify.trusset.org/path', 'user@verify.trusset.org', '*.trusset.org', 'a b', '\\evil.example') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const hostList = fc.array(hostEntry, { maxLength: 6 });

function normalised(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => normalizeVerifyHost(entry) ?? []);
}

/** The property's own reading of docs/element.md, "Redirect safety", from the parsed URL. */
function allowedByPolicy(url: URL, entries: readonly string[]): boolean {
  const listed = normalised(entries).includes(url.host);
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTNAMES.includes(url.hostname));
  return listed && schemeOk && !url.username && !url.password;
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

describe('the redirect guard, on generated URLs and verify-hosts lists', () => {
  it('accepts only an https: URL (or http: on a listed loopback host) whose normalised host is a listed entry', () => {
    fc.assert(
      fc.property(anyUrl, hostList, (candidate, entries) => {
        const accepted = checkVerifyUrl(candidate, normalised(entries));

        if (accepted) {
          const reparsed = new URL(candidate);
          expect(accepted.href).toBe(reparsed.href);
          expect(allowedByPolicy(reparsed, entries)).toBe(true);
          expect(entries.some((entry) => normalizeVerifyHost(entry) === reparsed.host)).toBe(true);
        } else {
          const reparsed = parse(candidate);
          expect(reparsed === undefined || !allowedByPolicy(reparsed, entries)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the widget either a URL the guard accepts again or REDIRECT_BLOCKED, and never throws anything else', () => {
    fc.assert(
      fc.property(anyUrl, hostList, (candidate, entries) => {
        let outcome: string | unknown;
        try {
          outcome = checkLinkUrl(candidate, entries);
        } catch (error) {
          outcome = error;
        }

        if (typeof outcome === 'string') {
          expect(checkVerifyUrl(outcome, normalised(entries))?.href).toBe(outcome);
          expect(allowedByPolicy(new URL(outcome), entries)).toBe(true);
        } else {
          expect(outcome).toBeInstanceOf(RedirectBlockedError);
          expect((outcome as TrussetVerifyError).code).toBe('REDIRECT_BLOCKED');
          expect((outcome as TrussetVerifyError).retryable).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never quotes the refused URL’s path, query or fragment, where the link’s token lives', () => {
    fc.assert(
      fc.property(assembledUrl, hostList, ({ url, secret }, entries) => {
        let error: unknown;
        try {
          checkLinkUrl(url, entries);
        } catch (caught) {
          error = caught;
        }

        fc.pre(error !== undefined);
        expect((error as Error).message).not.toContain(secret);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every https: URL on a listed host, whatever its path', () => {
    fc.assert(
      fc.property(fc.array(hostLike, { minLength: 1, maxLength: 4 }), fc.nat(), fc.webPath(), (entries, pick, webPath) => {
        const hosts = normalised(entries);
        fc.pre(hosts.length > 0);
        const host = hosts[pick % hosts.length]!;

        const accepted = checkLinkUrl(`https://${host}${webPath}`, entries);

        expect(new URL(accepted).host).toBe(host);
        expect(new URL(accepted).protocol).toBe('https:');
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a host that only appears as user info, whatever is listed', () => {
    fc.assert(
      fc.property(hostList, fc.domain(), token, (entries, evil, secret) => {
        const listed = normalised(entries);
        fc.pre(!listed.includes(evil));
        const candidate = `https://${listed[0] ?? 'verify.trusset.org'}@${evil}/link/${secret}`;

        expect(checkVerifyUrl(candidate, listed)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('normalizeVerifyHost, on generated entries', () => {
  it('returns a host that is its own normal form and reads as a URL’s host, or nothing', () => {
    fc.assert(
      fc.property(hostEntry, (entry) => {
        const host = normalizeVerifyHost(entry);

        fc.pre(host !== undefined);
        expect(normalizeVerifyHost(host!)).toBe(host);
        expect(new URL(`https://${host}/`).host).toBe(host);
        expect(host).not.toMatch(/[/?#@\s\\]/);
      }),
      { numRuns: RUNS },
    );
  });
});
