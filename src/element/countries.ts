import { COUNTRY_CODES } from '../shared/alpha2.js';

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<string, CountryOption[]>();

/**
 * Every offered country, named in the UI language (Intl.DisplayNames) and sorted for that
 * language (Intl.Collator), so that typing a name's first letters in the picker finds it.
 */
export function countryOptions(language: string, allowed: readonly string[] | undefined): CountryOption[] {
  const key = `${language}|${allowed?.join(',') ?? '*'}`;
  let options = cache.get(key);
  if (!options) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
    } catch {
      names = undefined;
    }
    const collator = new Intl.Collator([language, 'en']);
    options = (allowed ?? COUNTRY_CODES).map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
    cache.set(key, options);
  }
  return options;
}
