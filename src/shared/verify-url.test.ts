import { describe, expect, it } from 'vitest';
import { checkVerifyUrl, normalizeVerifyHost } from './verify-url.js';

const HOSTS = ['verify.trusset.org', '127.0.0.1:4000', 'localhost:4000'];

describe('checkVerifyUrl', () => {
  it.each(['https://verify.trusset.org/link/abc', 'https://VERIFY.trusset.org:443/link/abc', 'http://127.0.0.1:4000/link/abc', 'http://localhost:4000/link/abc'])('accepts %s', (url) => {
    expect(checkVerifyUrl(url, HOSTS)?.href).toBe(new URL(url).href);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['http: off loopback', 'http://verify.trusset.org/link/abc'],
    ['a foreign host', 'https://verify.evil.example/link/abc'],
    ['a look-alike host', 'https://verify.trusset.org.evil.example/link/abc'],
    ['a look-alike suffix', 'https://evilverify.trusset.org/link/abc'],
    ['userinfo that hides the host', 'https://verify.trusset.org@evil.example/'],
    ['credentials on the right host', 'https://user:pw@verify.trusset.org/'],
    ['another port', 'https://verify.trusset.org:8443/link/abc'],
    ['a loopback host that is not listed', 'http://127.0.0.1:5000/link/abc'],
    ['a relative URL', '/link/abc'],
    ['an unparsable URL', 'https://'],
    ['a non-string', 42],
  ])('refuses %s', (_name, url) => {
    expect(checkVerifyUrl(url, HOSTS)).toBeUndefined();
  });
});

describe('normalizeVerifyHost', () => {
  it('lower-cases and drops the default port', () => {
    expect(normalizeVerifyHost(' Verify.Trusset.org:443 ')).toBe('verify.trusset.org');
  });

  it.each(['https://verify.trusset.org', 'verify.trusset.org/path', 'a b', '', 'user@host'])('refuses %j', (entry) => {
    expect(normalizeVerifyHost(entry)).toBeUndefined();
  });
});
