import { describe, expect, it } from 'vitest';
import { formatConfigProblem, parseConfig, type ConfigProblem, type RawConfig } from '../../src/schemas/config.js';
import { validateForm } from '../../src/schemas/form.js';

const BASE = 'https://shop.example/checkout/page.html';

function problemsOf(raw: RawConfig): ConfigProblem[] {
  const result = parseConfig({ endpoint: '/api/trusset', ...raw }, BASE);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

describe('parseConfig', () => {
  describe('with valid attributes', () => {
    it('applies the defaults when only the endpoint is set', () => {
      const result = parseConfig({ endpoint: '/api/trusset', country: null, countries: null, headers: undefined }, BASE);

      expect(result).toEqual({
        ok: true,
        config: {
          endpoint: 'https://shop.example/api/trusset',
          projectId: undefined,
          appName: undefined,
          appIcon: undefined,
          chainId: 1,
          country: undefined,
          countries: undefined,
          email: undefined,
          channels: [],
          lang: undefined,
          redirect: 'same-tab',
          verifyHosts: ['verify.trusset.org'],
          signature: 'required',
          privacyUrl: undefined,
          theme: 'auto',
          metadata: undefined,
          headers: {},
          credentials: 'same-origin',
          registry: undefined,
          rpcUrl: undefined,
          wagmiConfig: undefined,
        },
      });
    });

    it("passes the host page's wagmi config through as given", () => {
      const wagmiConfig = { chains: [], connectors: [] };

      const result = parseConfig({ endpoint: '/api', wagmiConfig }, BASE);

      expect(result.ok && result.config.wagmiConfig).toBe(wagmiConfig);
    });

    it('normalises what it reads: case, spaces, duplicates, hosts and numbers', () => {
      const result = parseConfig(
        {
          endpoint: ' https://api.example/trusset/ ',
          chainId: ' 11155111 ',
          country: 'de',
          countries: 'de, FR ,DE',
          channels: 'email,email',
          redirect: 'NEW-TAB',
          verifyHosts: 'Verify.Trusset.org:443, localhost:4000',
          signature: 'off',
          theme: 'Dark',
          credentials: 'include',
          privacyUrl: 'http://localhost:3000/privacy',
          appIcon: 'https://cdn.example/icon.png',
          registry: `0x${'aB'.repeat(20)}`,
          rpcUrl: 'https://rpc.example/v3/key',
          headers: { 'X-CSRF-Token': 'token' },
          metadata: { plan: 'gold', tags: ['a'], nested: { ok: true }, skipped: undefined },
          projectId: ' abc123 ',
          email: ' ada@example.com ',
          lang: 'de-CH',
        },
        BASE,
      );

      expect(result.ok && result.config).toMatchObject({
        endpoint: 'https://api.example/trusset/',
        chainId: 11155111,
        country: 'DE',
        countries: ['DE', 'FR'],
        channels: ['email'],
        redirect: 'new-tab',
        verifyHosts: ['verify.trusset.org', 'localhost:4000'],
        signature: 'off',
        theme: 'dark',
        credentials: 'include',
        privacyUrl: 'http://localhost:3000/privacy',
        registry: `0x${'aB'.repeat(20)}`,
        projectId: 'abc123',
        email: 'ada@example.com',
        lang: 'de-CH',
      });
    });

    it('takes a chain id set as a number property, and lists set as arrays', () => {
      const result = parseConfig({ endpoint: '/api', chainId: 31337, countries: ['de', 'at'] }, BASE);

      expect(result.ok && [result.config.chainId, result.config.countries]).toEqual([31337, ['DE', 'AT']]);
    });

    it('treats empty attributes as unset', () => {
      const result = parseConfig({ endpoint: '/api', country: '', countries: ' ', verifyHosts: '', chainId: '' }, BASE);

      expect(result.ok && [result.config.country, result.config.countries, result.config.verifyHosts, result.config.chainId]).toEqual([undefined, undefined, ['verify.trusset.org'], 1]);
    });
  });

  describe('with a mistake', () => {
    it.each<[string, RawConfig, ConfigProblem]>([
      ['a missing endpoint', { endpoint: null }, { attribute: 'endpoint', expected: expect.stringContaining('absolute http(s) URL or a path starting with /'), received: 'nothing' }],
      ['an empty endpoint', { endpoint: '' }, { attribute: 'endpoint', expected: expect.stringContaining('http(s)'), received: 'an empty string' }],
      ['a relative endpoint without a slash', { endpoint: 'api/trusset' }, { attribute: 'endpoint', expected: expect.stringContaining('/api/trusset'), received: '"api/trusset"' }],
      ['an endpoint that leaves the origin', { endpoint: '//evil.example/api' }, { attribute: 'endpoint', expected: expect.any(String), received: '"//evil.example/api"' }],
      ['an endpoint with a backslash trick', { endpoint: '/\\evil.example/api' }, { attribute: 'endpoint', expected: expect.any(String), received: expect.stringContaining('evil.example') }],
      ['an ftp endpoint', { endpoint: 'ftp://files.example/api' }, { attribute: 'endpoint', expected: expect.any(String), received: 'a URL with scheme ftp: on host files.example' }],
      [
        'an endpoint with a query',
        { endpoint: 'https://api.example/x?key=1' },
        {
          attribute: 'endpoint',
          expected: expect.stringContaining('no user info, query or fragment'),
          received: 'a URL with scheme https: on host api.example (with user info, a query or a fragment)',
        },
      ],
      ['a chain id that is not a number', { chainId: 'abc' }, { attribute: 'chain-id', expected: 'a positive integer such as 1 or 11155111', received: '"abc"' }],
      ['a chain id of zero', { chainId: '0' }, { attribute: 'chain-id', expected: 'a positive integer such as 1 or 11155111', received: '"0"' }],
      ['a fractional chain id property', { chainId: 1.5 }, { attribute: 'chain-id', expected: 'a positive integer such as 1 or 11155111', received: 'the number 1.5' }],
      ['an unknown country', { country: 'XX' }, { attribute: 'country', expected: 'an ISO 3166-1 alpha-2 code such as DE', received: '"XX"' }],
      ['an alpha-3 country', { country: 'DEU' }, { attribute: 'country', expected: 'an ISO 3166-1 alpha-2 code such as DE', received: '"DEU"' }],
      ['a country outside countries', { country: 'it', countries: 'DE,FR' }, { attribute: 'country', expected: 'one of the codes in countries (DE, FR)', received: '"IT"' }],
      [
        'unknown countries',
        { countries: 'DE,XX,yy' },
        { attribute: 'countries', expected: 'a comma-separated list of ISO 3166-1 alpha-2 codes such as DE,FR,IT', received: '"DE,XX,yy" (not valid: "XX", "yy")' },
      ],
      ['a list of commas only', { countries: ',,' }, { attribute: 'countries', expected: expect.any(String), received: '",,"' }],
      ['an unknown channel', { channels: 'email,fax' }, { attribute: 'channels', expected: 'a comma-separated list of email, sms', received: '"email,fax" (not valid: "fax")' }],
      ['an unknown redirect mode', { redirect: 'popup' }, { attribute: 'redirect', expected: 'one of same-tab, new-tab, none', received: '"popup"' }],
      [
        'a verify host with a scheme',
        { verifyHosts: 'verify.trusset.org,https://evil.example/x' },
        { attribute: 'verify-hosts', expected: 'a comma-separated list of hosts such as verify.trusset.org', received: expect.stringContaining('(not valid: "https://evil.example/x")') },
      ],
      ['an unknown signature mode', { signature: 'maybe' }, { attribute: 'signature', expected: 'one of required, off', received: '"maybe"' }],
      ['an unknown theme', { theme: 'blue' }, { attribute: 'theme', expected: 'one of light, dark, auto', received: '"blue"' }],
      [
        'a privacy URL on plain http',
        { privacyUrl: 'http://shop.example/privacy' },
        { attribute: 'privacy-url', expected: 'an absolute https URL (http only on localhost, 127.0.0.1 or [::1])', received: 'a URL with scheme http: on host shop.example' },
      ],
      ['a relative privacy URL', { privacyUrl: '/privacy' }, { attribute: 'privacy-url', expected: expect.any(String), received: 'a string that is not an absolute URL' }],
      ['an app icon on http', { appIcon: 'http://cdn.example/icon.png' }, { attribute: 'app-icon', expected: 'an absolute https URL', received: 'a URL with scheme http: on host cdn.example' }],
      ['an unknown credentials mode', { credentials: 'all' }, { attribute: 'credentials', expected: 'one of omit, same-origin, include', received: '"all"' }],
      ['a short registry address', { registry: '0x1234' }, { attribute: 'registry', expected: 'a 0x-prefixed 20-byte hex address', received: '"0x1234"' }],
      ['a websocket RPC URL', { rpcUrl: 'wss://rpc.example/v3/key' }, { attribute: 'rpc-url', expected: 'an absolute http(s) URL', received: 'a URL with scheme wss: on host rpc.example' }],
      ['headers as an array', { headers: ['X-A'] }, { attribute: 'headers', expected: expect.stringContaining('header names'), received: 'an array of 1 item' }],
      [
        'a header name with a space',
        { headers: { 'X-Ok': 'a', 'Bad Name': 'b', 'X-Other': 'c' } },
        { attribute: 'headers', expected: expect.stringContaining('header names'), received: 'an object with 3 keys (at fault: "Bad Name")' },
      ],
      ['a header value that is not a string', { headers: { 'X-Count': 3 } }, { attribute: 'headers', expected: expect.any(String), received: 'an object with 1 key (at fault: "X-Count")' }],
      ['metadata that is not a plain object', { metadata: new Date(0) }, { attribute: 'metadata', expected: 'a plain JSON object of at most 2048 bytes', received: 'an instance of Date' }],
      ['metadata JSON cannot carry', { metadata: { when: () => 1 } }, { attribute: 'metadata', expected: expect.any(String), received: 'an object with 1 key, holding a value JSON cannot carry' }],
      ['metadata over 2 KB', { metadata: { note: 'x'.repeat(2100) } }, { attribute: 'metadata', expected: expect.any(String), received: 'an object with 1 key, of 2111 bytes' }],
    ])('names the attribute, what it expected and what came for %s', (_, raw, problem) => {
      const problems = problemsOf(raw);

      expect(problems).toEqual([problem]);
    });

    it('names every mistake at once', () => {
      const problems = problemsOf({ endpoint: null, chainId: 'x', theme: 'blue', country: 'FR', countries: 'DE' });

      expect(problems.map((problem) => problem.attribute)).toEqual(['endpoint', 'chain-id', 'theme', 'country']);
    });

    it('never repeats a header value, a metadata value or a URL path in what it says came', () => {
      const problems = problemsOf({
        headers: { 'Bad Name': 'csrf-secret-1' },
        metadata: { secret: 'metadata-secret-2', f: () => 1 },
        rpcUrl: 'wss://rpc.example/v3/rpc-secret-3',
        privacyUrl: 'http://shop.example/privacy?token=privacy-secret-4',
        appIcon: 'http://cdn.example/icon-secret-5.png',
      });

      expect(problems).toHaveLength(5);
      expect(JSON.stringify(problems)).not.toMatch(/secret/);
    });
  });
});

describe('formatConfigProblem', () => {
  it('says in one sentence which attribute was wrong, what it expected and what came', () => {
    const [problem] = problemsOf({ chainId: 'abc' });

    const sentence = formatConfigProblem(problem!);

    expect(sentence).toBe('<trusset-verify>: attribute "chain-id" expected a positive integer such as 1 or 11155111, received "abc".');
  });

  it('calls a property-only setting a property', () => {
    const [problem] = problemsOf({ headers: { 'Bad Name': 'x' } });

    const sentence = formatConfigProblem(problem!);

    expect(sentence).toBe(
      '<trusset-verify>: property "headers" expected an object of header names (such as X-CSRF-Token) to string values without line breaks, received an object with 1 key (at fault: "Bad Name").',
    );
  });
});

describe('validateForm', () => {
  it('accepts a trimmed e-mail and a lower-case country, and gives them back normalised', () => {
    const result = validateForm({ email: '  ada@example.com ', country: 'de' });

    expect(result).toEqual({ ok: true, value: { email: 'ada@example.com', country: 'DE' } });
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['ada', 'invalid'],
    ['ada@example', 'invalid'],
    ['ada lovelace@example.com', 'invalid'],
    ['@example.com', 'invalid'],
    [`${'a'.repeat(250)}@example.com`, 'invalid'],
  ])('calls the e-mail %j %s', (email, error) => {
    const result = validateForm({ email, country: 'DE' });

    expect(result).toEqual({ ok: false, errors: { email: error } });
  });

  it.each([
    ['', 'required', undefined],
    ['XX', 'not-offered', undefined],
    ['IT', 'not-offered', ['DE', 'FR']],
  ])('calls the country %j %s when the offered countries are %j', (country, error, allowed) => {
    const result = validateForm({ email: 'ada@example.com', country }, allowed);

    expect(result).toEqual({ ok: false, errors: { country: error } });
  });

  it('reports both fields at once', () => {
    const result = validateForm({ email: '', country: '' });

    expect(result).toEqual({ ok: false, errors: { email: 'required', country: 'required' } });
  });

  it('accepts a country among the offered ones', () => {
    const result = validateForm({ email: 'ada@example.com', country: 'fr' }, ['DE', 'FR']);

    expect(result.ok).toBe(true);
  });
});
