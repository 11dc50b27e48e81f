// The packed alpha-2 list, not countries.ts: the browser needs no alpha-3 or numeric column (about 1.5 KB gzip).
import { isCountryCode } from '../shared/alpha2.js';

export interface FormInput {
  email: string;
  country: string;
}

/** The form as sent: e-mail trimmed, country upper-case alpha-2. */
export interface FormValue {
  email: string;
  country: string;
}

/** Codes, not sentences: the view reads the words from the i18n table (`fieldErrors`). */
export interface FormErrors {
  email?: 'required' | 'invalid';
  country?: 'required' | 'not-offered';
}

export type FormResult = { ok: true; value: FormValue } | { ok: false; errors: FormErrors };

// Deliberately loose (local@domain.tld, no spaces): the backend kit validates the address again,
// and a strict pattern here would turn away addresses the kit accepts.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks what the user typed; `allowedCountries` (upper-case alpha-2) limits the country when given. */
export function validateForm(input: FormInput, allowedCountries?: readonly string[]): FormResult {
  const value = { email: input.email.trim(), country: input.country.trim().toUpperCase() };
  const errors: FormErrors = {};

  if (!value.email) errors.email = 'required';
  else if (value.email.length > 254 || !EMAIL.test(value.email)) errors.email = 'invalid';
  if (!value.country) errors.country = 'required';
  else if (!isCountryCode(value.country) || (allowedCountries && !allowedCountries.includes(value.country))) errors.country = 'not-offered';

  return errors.email || errors.country ? { ok: false, errors } : { ok: true, value };
}
