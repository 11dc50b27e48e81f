import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKEND_CODES, WIDGET_CODES, type ErrorCode } from '../../src/errors/codes.js';
import { en } from '../../src/i18n/en.js';
import { errorMessage } from '../../src/i18n/error-message.js';
import { format } from '../../src/i18n/format.js';
import { loadMessages, mergeMessages, resolveLanguage } from '../../src/i18n/resolve.js';

const CODES = [...Object.keys(BACKEND_CODES), ...Object.keys(WIDGET_CODES)] as ErrorCode[];

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
}

/** Just enough of the DOM for `resolveLanguage`: attributes, parents, and shadow roots with a host. */
class FakeElement {
  readonly parentElement: FakeElement | null;
  readonly #attributes: Record<string, string>;
  readonly #root: { host?: FakeElement };

  constructor(attributes: Record<string, string>, parent: FakeElement | null, root: { host?: FakeElement } = parent ? parent.getRootNode() : {}) {
    this.#attributes = attributes;
    this.parentElement = parent;
    this.#root = root;
  }

  getAttribute(name: string): string | null {
    return this.#attributes[name] ?? null;
  }

  closest(selector: string): FakeElement | null {
    if (selector !== '[lang]') throw new Error(`unexpected selector ${selector}`);
    for (let node: FakeElement | null = this; node; node = node.parentElement) if (node.getAttribute('lang') !== null) return node;
    return null;
  }

  getRootNode(): { host?: FakeElement } {
    return this.#root;
  }

  /** A child inside this element's shadow root. */
  shadowChild(attributes: Record<string, string> = {}): FakeElement {
    return new FakeElement(attributes, null, { host: this });
  }

  child(attributes: Record<string, string> = {}): FakeElement {
    return new FakeElement(attributes, this);
  }
}

function asElement(fake: FakeElement): Element {
  return fake as unknown as Element;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the English messages', () => {
  it.each(CODES)('have a message for %s', (code) => {
    const message = en.errors[code];

    expect(message).toMatch(/\S/);
  });

  it('have no message for a code that does not exist', () => {
    const extra = Object.keys(en.errors).filter((code) => !CODES.includes(code as ErrorCode));

    expect(extra).toEqual([]);
  });

  it('have no empty string anywhere', () => {
    const empty = strings(en).filter(([, text]) => !text.trim());

    expect(empty).toEqual([]);
  });

  it('use only the parameters the widget gives', () => {
    const allowed: Record<string, string[]> = {
      consent: ['partner'],
      openInWallet: ['wallet'],
      'inApp.camera': ['wallet'],
      'paramFallbacks.chainId': ['chainId'],
      'errors.COUNTRY_BLOCKED': ['country'],
      'errors.INVALID_COUNTRY': ['country'],
      'errors.RATE_LIMITED': ['seconds'],
      'errors.WRONG_CHAIN': ['chain'],
      // English is whole here (en.ts completes it), so the later views' strings are checked too.
      'tracking.next.rejected': ['partner'],
      'tracking.resumeUntil': ['date'],
    };

    const stray = strings(en).flatMap(([path, text]) =>
      [...text.matchAll(/\{(\w+)\}/g)]
        .map((match) => match[1]!)
        .filter((name) => !allowed[path]?.includes(name))
        .map((name) => `${path}: {${name}}`),
    );

    expect(stray).toEqual([]);
  });
});

describe('format', () => {
  it('replaces each {name} with its parameter', () => {
    const text = format('Open in {wallet}, {wallet} or {count}', { wallet: 'Rainbow', count: 3 });

    expect(text).toBe('Open in Rainbow, Rainbow or 3');
  });

  it('leaves a parameter that was not given as written, including names an object inherits', () => {
    const text = format('{missing} {constructor} {toString}', {});

    expect(text).toBe('{missing} {constructor} {toString}');
  });
});

describe('errorMessage', () => {
  it('names the country of COUNTRY_BLOCKED', () => {
    const text = errorMessage(en, { code: 'COUNTRY_BLOCKED' }, { country: 'Russia' });

    expect(text).toBe('Identity verification is not available for Russia.');
  });

  it('puts neutral words where the country is not known', () => {
    const text = errorMessage(en, { code: 'COUNTRY_BLOCKED' }, { country: '' });

    expect(text).toBe('Identity verification is not available for your country.');
  });

  it('says how many seconds to wait after RATE_LIMITED, rounded up', () => {
    const text = errorMessage(en, { code: 'RATE_LIMITED', retryAfter: 29.2 });

    expect(text).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('lets a countdown override the retry delay', () => {
    const text = errorMessage(en, { code: 'RATE_LIMITED', retryAfter: 30 }, { seconds: 12 });

    expect(text).toBe('Too many attempts. Try again in 12 seconds.');
  });

  it('says "in a moment" for RATE_LIMITED without a delay', () => {
    const text = errorMessage(en, { code: 'RATE_LIMITED' });

    expect(text).toBe('Too many attempts. Try again in a moment.');
  });

  it.each([
    ['11155111', 'Switch your wallet to Sepolia to continue.'],
    ['1', 'Switch your wallet to Ethereum to continue.'],
    ['31337', 'Switch your wallet to network 31337 to continue.'],
  ])('names chain %s in WRONG_CHAIN', (chainId, expected) => {
    const text = errorMessage(en, { code: 'WRONG_CHAIN' }, { chainId });

    expect(text).toBe(expected);
  });

  it.each([
    [503, en.errorFallbacks.server],
    [429, en.errorFallbacks.server],
    [404, en.errorFallbacks.client],
    [400, en.errorFallbacks.client],
  ])('tells an unknown code answered with HTTP %i by its status', (statusCode, expected) => {
    const text = errorMessage(en, { code: 'SOMETHING_NEW', statusCode });

    expect(text).toBe(expected);
  });

  it('tells UNKNOWN_ERROR without a status by its retry advice, and says something went wrong without either', () => {
    const texts = [errorMessage(en, { code: 'UNKNOWN_ERROR', retryable: true }), errorMessage(en, { code: 'UNKNOWN_ERROR', retryable: false }), errorMessage(en, { code: 'UNKNOWN_ERROR' })];

    expect(texts).toEqual([en.errorFallbacks.server, en.errorFallbacks.client, en.errors.UNKNOWN_ERROR]);
  });

  it('does not take an inherited name for a code', () => {
    const text = errorMessage(en, { code: 'constructor', statusCode: 500 });

    expect(text).toBe(en.errorFallbacks.server);
  });
});

describe('mergeMessages', () => {
  it('puts in the strings given, at any depth, and keeps the rest', () => {
    const merged = mergeMessages(en, { connect: 'Wallet verbinden', errors: { TIMEOUT: 'Zu langsam.' }, fieldErrors: { email: { required: 'Pflicht.' } } });

    expect([merged.connect, merged.errors.TIMEOUT, merged.fieldErrors.email.required]).toEqual(['Wallet verbinden', 'Zu langsam.', 'Pflicht.']);
    expect([merged.submit, merged.errors.NETWORK_ERROR, merged.fieldErrors.email.invalid]).toEqual([en.submit, en.errors.NETWORK_ERROR, en.fieldErrors.email.invalid]);
  });

  it('ignores values that are not strings, unknown keys and prototype keys, and leaves the base untouched', () => {
    const before = JSON.stringify(en);
    const overrides = JSON.parse('{"connect": 42, "errors": "nope", "extra": "x", "__proto__": {"polluted": "yes"}, "fieldErrors": {"email": null}}');

    const merged = mergeMessages(en, overrides);

    expect(merged).toEqual(en);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(en)).toBe(before);
  });
});

describe('resolveLanguage', () => {
  it('takes the lang attribute first, canonicalised', () => {
    const page = new FakeElement({ lang: 'fr' }, null);

    const tag = resolveLanguage('de-ch', asElement(page.child()));

    expect(tag).toBe('de-CH');
  });

  it('takes the closest ancestor with lang', () => {
    const html = new FakeElement({ lang: 'fr' }, null);
    const section = html.child({ lang: 'it' });

    const tag = resolveLanguage(null, asElement(section.child().child()));

    expect(tag).toBe('it');
  });

  it('crosses shadow roots to find the lang of the host page', () => {
    const html = new FakeElement({ lang: 'nl-BE' }, null);
    const host = html.child().child();
    const widget = host.shadowChild().child();

    const tag = resolveLanguage(null, asElement(widget));

    expect(tag).toBe('nl-BE');
  });

  it('passes over empty and malformed lang values', () => {
    const html = new FakeElement({ lang: 'pt-BR' }, null);
    const host = html.child({ lang: 'not a tag!' });
    const widget = host.shadowChild({ lang: '' });

    const tag = resolveLanguage('', asElement(widget));

    expect(tag).toBe('pt-BR');
  });

  it("falls back to the browser's language", () => {
    vi.stubGlobal('navigator', { language: 'es-mx' });

    const tag = resolveLanguage(null, asElement(new FakeElement({}, null)));

    expect(tag).toBe('es-MX');
  });

  it('falls back to English when nothing names a language', () => {
    vi.stubGlobal('navigator', undefined);

    const tag = resolveLanguage(null, asElement(new FakeElement({}, null)));

    expect(tag).toBe('en');
  });
});

describe('loadMessages', () => {
  it.each(['en', 'en-GB', 'pt-BR', 'constructor'])('gives English for %s, which has no locale of its own', async (tag) => {
    const messages = await loadMessages(tag);

    expect(messages).toBe(en);
  });
});
