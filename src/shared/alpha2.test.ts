import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from './alpha2.js';
import { COUNTRIES } from './countries.js';

describe('COUNTRY_CODES', () => {
  it('lists exactly the alpha-2 column of the full ISO 3166-1 table', () => {
    expect(COUNTRY_CODES).toEqual(COUNTRIES.map(([alpha2]) => alpha2).sort());
  });
});
