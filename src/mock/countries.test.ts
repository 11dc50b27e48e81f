import { describe, expect, it } from 'vitest';
import { COUNTRIES, isAlpha2, toAlpha2, toAlpha3 } from '../shared/countries.js';

describe('ISO 3166-1 table', () => {
  it('holds all 249 officially assigned entries', () => {
    expect(COUNTRIES).toHaveLength(249);
  });

  it('has no duplicate code in any column', () => {
    for (const column of [0, 1, 2] as const) {
      const codes = COUNTRIES.map((country) => country[column]);

      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('writes every code in its canonical form', () => {
    for (const [alpha2, alpha3, numeric] of COUNTRIES) {
      expect(alpha2).toMatch(/^[A-Z]{2}$/);
      expect(alpha3).toMatch(/^[A-Z]{3}$/);
      expect(numeric).toMatch(/^[0-9]{3}$/);
    }
  });

  it('round-trips Germany through every form', () => {
    const forms = ['DE', 'de', 'DEU', 'deu', '276'];

    const alpha2 = forms.map(toAlpha2);
    const alpha3 = forms.map(toAlpha3);

    expect(alpha2).toEqual(['DE', 'DE', 'DE', 'DE', 'DE']);
    expect(alpha3).toEqual(['DEU', 'DEU', 'DEU', 'DEU', 'DEU']);
  });

  it('keeps the leading zeros of numeric codes', () => {
    expect(toAlpha2('004')).toBe('AF');
    expect(toAlpha2('4')).toBeUndefined();
  });

  it('answers undefined for unknown codes', () => {
    for (const code of ['', 'XX', 'XK', 'ZZZ', '999', 'D', 'DEUT', ' DE']) {
      expect(toAlpha2(code)).toBeUndefined();
      expect(toAlpha3(code)).toBeUndefined();
    }
  });

  describe('isAlpha2', () => {
    it('accepts only assigned upper-case alpha-2 codes', () => {
      expect(isAlpha2('DE')).toBe(true);
      expect(isAlpha2('de')).toBe(false);
      expect(isAlpha2('DEU')).toBe(false);
      expect(isAlpha2('276')).toBe(false);
      expect(isAlpha2('XK')).toBe(false);
    });
  });
});
