import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COUNTRY_CODES } from '../shared/alpha2.js';
import { validateForm } from './form.js';

const RUNS = 5_000;

const space = fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\u3000');
const withSpace = <T extends string>(text: fc.Arbitrary<T>) => fc.tuple(space, text, space).map(([before, middle, after]) => `${before}${middle}${after}`);

const email = fc.oneof(
  { weight: 3, arbitrary: withSpace(fc.emailAddress()) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([local, domain]) => `${local}@${domain}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.emailAddress(), fc.constantFrom(' ', '\u00a0', '@', '\n', '\u200b'), fc.nat({ max: 60 }))
      .map(([address, extra, at]) => `${address.slice(0, at)}${extra}${address.slice(at)}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[a-z]{1,200}$/), fc.stringMatching(/^[a-z]{1,80}$/)).map(([local, domain]) => `${local}@${domain}.example`) },
);

const country = fc.oneof(
  { weight: 3, arbitrary: withSpace(fc.constantFrom(...COUNTRY_CODES).chain((code) => fc.constantFrom(code, code.toLowerCase(), `${code[0]}${code[1]!.toLowerCase()}`))) },
  { weight: 1, arbitrary: fc.constantFrom('DEU', 'XK', 'EU', 'UK', 'ZZ', 'ß', 'ＤＥ', 'D E', 'D', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const allowed = fc.option(fc.uniqueArray(fc.constantFrom(...COUNTRY_CODES), { minLength: 1, maxLength: 8 }), { nil: undefined });

// The kit's own check of the address (src/kit/steps/read-body.ts): the form must not be stricter.
const kitEmail = z.email().max(254);

describe('validateForm, on generated input', () => {
  it('never throws, and what it accepts is a trimmed address with one @ and no whitespace, and an offered alpha-2 code', () => {
    fc.assert(
      fc.property(email, country, allowed, (typedEmail, typedCountry, offered) => {
        const result = validateForm({ email: typedEmail, country: typedCountry }, offered);

        if (!result.ok) return;
        const { value } = result;
        expect(value.email).toBe(typedEmail.trim());
        expect(value.email.length).toBeLessThanOrEqual(254);
        expect(value.email.split('@')).toHaveLength(2);
        expect(value.email).not.toMatch(/\s/);
        expect(value.email.split('@')[1]).toMatch(/[^.]\.[^.]/);
        expect(value.country).toBe(typedCountry.trim().toUpperCase());
        expect(COUNTRY_CODES).toContain(value.country);
        if (offered) expect(offered).toContain(value.country);
      }),
      { numRuns: RUNS },
    );
  });

  it('judges each field on its own: the e-mail’s verdict does not depend on the country, nor the reverse', () => {
    fc.assert(
      fc.property(email, country, country, allowed, (typedEmail, countryA, countryB, offered) => {
        const first = validateForm({ email: typedEmail, country: countryA }, offered);
        const second = validateForm({ email: typedEmail, country: countryB }, offered);
        const byEmail = validateForm({ email: 'ada@example.com', country: countryA }, offered);

        expect(first.ok ? undefined : first.errors.email).toBe(second.ok ? undefined : second.errors.email);
        expect(first.ok ? undefined : first.errors.country).toBe(byEmail.ok ? undefined : byEmail.errors.country);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every address the backend kit accepts', () => {
    fc.assert(
      fc.property(email, (typedEmail) => {
        fc.pre(kitEmail.safeParse(typedEmail.trim()).success);

        const result = validateForm({ email: typedEmail, country: 'DE' });

        expect(result).toEqual({ ok: true, value: { email: typedEmail.trim(), country: 'DE' } });
      }),
      { numRuns: RUNS },
    );
  });
});
