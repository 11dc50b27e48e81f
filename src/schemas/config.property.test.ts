import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../shared/alpha2.js';
import { normalizeVerifyHost } from '../shared/verify-url.js';
import { formatConfigProblem, parseConfig, type RawConfig } from './config.js';

const RUNS = 2_000;
const BASES = ['https://app.example.com/shop/page.html', 'http://localhost:5173/', 'https://app.example.com:8443/a/b/'];
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

// A secret where a partner would put one: an RPC key in a URL's path, a CSRF token in a header.
const SECRET = 'SECRETxq7';

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constant('   '),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.anything({ maxDepth: 2 }),
);
// Mostly plausible values, so that whole configurations are accepted often enough to check what they hold.
const either = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: junk });

const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withPort: true, withUserInfo: true, withIPv4: true } }),
  fc.constantFrom(
    '/api/trusset',
    ' /api/trusset ',
    '//evil.example/api',
    '/\\evil.example/api',
    '\\\\evil.example',
    'api/trusset',
    'javascript:alert(1)',
    'data:text/html,x',
    'HTTPS://App.Example.com/api',
    'http://localhost:4000/x',
    'http://[::1]/x',
    'http://127.0.0.1/x',
    'http://evil.example/x',
    'ftp://x.example/',
  ),
  fc.constantFrom('https://rpc.example/v3/', 'https://user:', 'http://localhost:8545/', 'rpc.example/v3/', '/api/').map((prefix) => `${prefix}${SECRET}`),
  fc.constantFrom('https://app.example.com/api?key=', 'https://app.example.com/api#', 'https://k:').map((prefix) => `${prefix}${SECRET}@rpc.example/`),
);

const countryText = fc.constantFrom(...COUNTRY_CODES, 'de', ' fr ', 'DEU', 'ZZ', 'ß', 'EU');
const commaList = <T extends string>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 5 }).map((items) => items.join(','));
const listOrArray = <T extends string>(item: fc.Arbitrary<T>) => fc.oneof(commaList(item), fc.array(item, { maxLength: 5 }));

const rawConfig: fc.Arbitrary<RawConfig> = fc.record(
  {
    endpoint: either(urlish),
    projectId: either(fc.string({ maxLength: 32 })),
    appName: either(fc.string({ maxLength: 32 })),
    appIcon: either(urlish),
    chainId: either(fc.oneof(fc.integer({ min: -5, max: 2 ** 60 }).map(String), fc.nat(), fc.constantFrom(' 1 ', '1e3', '0x1', '11155111', '9007199254740993', '1.0'))),
    country: either(countryText),
    countries: either(listOrArray(countryText)),
    email: either(fc.emailAddress()),
    channels: either(listOrArray(fc.constantFrom('email', 'sms', 'EMAIL', ' sms ', 'fax', ''))),
    lang: either(fc.constantFrom('en', 'de-CH', 'fr')),
    redirect: either(fc.constantFrom('same-tab', 'NEW-TAB', ' none ', 'popup')),
    verifyHosts: either(listOrArray(fc.oneof(fc.domain(), fc.constantFrom('Verify.Trusset.org:443', 'localhost:4000', 'https://x.example', 'a b', 'user@host', '[::1]:8080', 'bücher.example')))),
    signature: either(fc.constantFrom('required', 'off', 'OFF', 'maybe')),
    privacyUrl: either(urlish),
    theme: either(fc.constantFrom('light', 'dark', 'auto', 'Dark', 'blue')),
    metadata: either(
      fc.oneof(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
        fc.record({ note: fc.constant(SECRET) }),
        fc.constant({ big: SECRET.repeat(300) }),
        fc.constant({ n: 10n, note: SECRET }),
      ),
    ),
    headers: either(
      fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom('X-CSRF-Token', 'Authorization', 'bad name', 'X\nY', ''), fc.string({ maxLength: 8 })),
          fc.oneof(fc.constant(SECRET), fc.constant(`${SECRET}\r\nX: y`), fc.constant(`${SECRET}\u0000`), fc.constant(42)),
        ),
      ),
    ),
    credentials: either(fc.constantFrom('omit', 'same-origin', 'include', 'INCLUDE', 'all')),
    registry: either(fc.oneof(fc.stringMatching(/^0x[0-9a-fA-F]{40}$/), fc.stringMatching(/^0x[0-9a-f]{0,44}$/))),
    rpcUrl: either(urlish),
    wagmiConfig: fc.constant(undefined),
  },
  { requiredKeys: ['endpoint'] },
);

// Every value of the documented forms (spelled as people spell them), so that whole
// configurations are accepted and what they hold can be checked.
const token = fc.stringMatching(/^[A-Za-z0-9-]{1,16}$/);
const acceptableConfig: fc.Arbitrary<RawConfig> = fc
  .record(
    {
      endpoint: fc.oneof(fc.constantFrom('/api/trusset', ' /api/trusset ', 'HTTPS://App.Example.com/api', 'http://localhost:4000/x'), fc.webUrl()),
      projectId: fc.string({ maxLength: 32 }),
      appName: fc.string({ maxLength: 32 }),
      appIcon: fc.webUrl({ validSchemes: ['https'] }),
      chainId: fc.oneof(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 2 ** 40 }).map((id) => ` ${id} `),
      ),
      country: countryText,
      countries: fc.array(countryText, { minLength: 1, maxLength: 5 }).map((codes) => codes.join(',')),
      email: fc.emailAddress(),
      channels: fc.array(fc.constantFrom('email', 'sms', 'EMAIL', ' sms '), { minLength: 1, maxLength: 3 }),
      lang: fc.constantFrom('en', 'de-CH', 'fr'),
      redirect: fc.constantFrom('same-tab', 'NEW-TAB', ' none '),
      verifyHosts: fc
        .array(fc.oneof(fc.domain(), fc.constantFrom('Verify.Trusset.org:443', 'localhost:4000', '[::1]:8080', 'bücher.example', '127.1:4000')), { minLength: 1, maxLength: 4 })
        .map((hosts) => hosts.join(', ')),
      signature: fc.constantFrom('required', 'off', 'OFF'),
      privacyUrl: fc.oneof(fc.webUrl({ validSchemes: ['https'] }), fc.constantFrom('http://localhost:5173/privacy', 'http://[::1]/p', 'http://127.0.0.1:8080/')),
      theme: fc.constantFrom('light', 'dark', 'auto', 'Dark'),
      metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
      headers: fc.dictionary(
        token,
        fc.string({ maxLength: 20 }).filter((value) => !/[\r\n\0]/.test(value)),
        { maxKeys: 3 },
      ),
      credentials: fc.constantFrom('omit', 'same-origin', 'include', 'INCLUDE'),
      registry: fc.stringMatching(/^0x[0-9a-fA-F]{40}$/),
      rpcUrl: fc.webUrl(),
    },
    { requiredKeys: ['endpoint'] },
  )
  // A country outside the offered countries is a mistake of its own, tested apart.
  .map((raw) => (typeof raw.countries === 'string' && raw.country !== undefined ? { ...raw, country: raw.countries.split(',')[0] } : raw));

function absolute(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

describe('parseConfig, on generated attributes and properties', () => {
  it('never throws, and each problem formats to one sentence', () => {
    fc.assert(
      fc.property(rawConfig, fc.constantFrom(...BASES), (raw, base) => {
        const result = parseConfig(raw, base);

        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(formatConfigProblem(problem)).toMatch(/^<trusset-verify>: (attribute|property) "[a-z-]+" expected .+, received .+\.$/s);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('hands the widget only values of the documented forms', () => {
    fc.assert(
      fc.property(fc.oneof(acceptableConfig, rawConfig), fc.constantFrom(...BASES), (raw, base) => {
        const result = parseConfig(raw, base);

        fc.pre(result.ok);
        const { config } = result as Extract<typeof result, { ok: true }>;
        const endpoint = new URL(config.endpoint);
        expect(['http:', 'https:']).toContain(endpoint.protocol);
        expect(endpoint.username + endpoint.password + endpoint.search + endpoint.hash).toBe('');
        if (!/^https?:\/\//i.test(String(raw.endpoint).trim())) expect(endpoint.origin).toBe(new URL(base).origin);
        expect(Number.isSafeInteger(config.chainId) && config.chainId > 0).toBe(true);
        for (const code of config.countries ?? []) expect(COUNTRY_CODES).toContain(code);
        expect(new Set(config.countries).size).toBe(config.countries?.length ?? 0);
        if (config.country !== undefined) {
          expect(COUNTRY_CODES).toContain(config.country);
          if (config.countries) expect(config.countries).toContain(config.country);
        }
        expect(config.verifyHosts.length).toBeGreaterThan(0);
        for (const host of config.verifyHosts) expect(normalizeVerifyHost(host)).toBe(host);
        for (const channel of config.channels) expect(['email', 'sms']).toContain(channel);
        expect(['same-tab', 'new-tab', 'none']).toContain(config.redirect);
        expect(['required', 'off']).toContain(config.signature);
        expect(['light', 'dark', 'auto']).toContain(config.theme);
        expect(['omit', 'same-origin', 'include']).toContain(config.credentials);
        for (const [name, value] of Object.entries(config.headers)) {
          expect(name).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
          expect(value).not.toMatch(/[\r\n\0]/);
        }
        if (config.metadata) expect(new TextEncoder().encode(JSON.stringify(config.metadata)).length).toBeLessThanOrEqual(2048);
        if (config.appIcon) expect(new URL(config.appIcon).protocol).toBe('https:');
        if (config.privacyUrl) {
          const privacy = new URL(config.privacyUrl);
          expect(privacy.protocol === 'https:' || (privacy.protocol === 'http:' && LOOPBACK.includes(privacy.hostname))).toBe(true);
        }
        if (config.rpcUrl) expect(['http:', 'https:']).toContain(new URL(config.rpcUrl).protocol);
        if (config.registry) expect(config.registry).toMatch(/^0x[0-9a-fA-F]{40}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('never quotes a header value, a metadata value, or what follows the host of a URL it reports', () => {
    fc.assert(
      fc.property(rawConfig, fc.constantFrom(...BASES), (raw, base) => {
        const result = parseConfig(raw, base);

        fc.pre(!result.ok);
        const { problems } = result as Extract<typeof result, { ok: false }>;
        for (const problem of problems) {
          const key = problem.attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof RawConfig;
          const value = raw[key];
          const urlKey = key === 'appIcon' || key === 'privacyUrl' || key === 'rpcUrl' || key === 'endpoint';
          const quotesNoSecret = key === 'headers' || key === 'metadata' || (urlKey && typeof value === 'string' && absolute(value.trim()) !== undefined) || (urlKey && key !== 'endpoint');
          if (quotesNoSecret) expect(problem.received).not.toContain(SECRET);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
