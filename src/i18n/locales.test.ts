import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { completeEnglish } from './en-later.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it as italian } from './it.js';
import type { Messages } from './messages.js';
import { loadedMessages, loadMessages, mergeMessages, uiLanguage } from './resolve.js';

const LOCALES: Record<string, Messages> = { de, fr, es, it: italian };
const en = completeEnglish();

type Tree = { [key: string]: string | Tree };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

/**
 * Every difference between a locale and English, as `path: problem` lines: a missing or extra key,
 * a string where English has a group (or the reverse), an empty string, or other `{param}`s.
 */
function differences(source: Tree, locale: Tree, path = ''): string[] {
  const found: string[] = [];
  for (const key of Object.keys(source)) {
    const where = `${path}${key}`;
    const expected = source[key]!;
    const actual = Object.hasOwn(locale, key) ? locale[key] : undefined;
    if (actual === undefined) found.push(`${where}: missing`);
    else if (typeof expected === 'string') {
      if (typeof actual !== 'string') found.push(`${where}: a group instead of a string`);
      else if (actual.trim() === '') found.push(`${where}: empty`);
      else if (placeholders(actual).join() !== placeholders(expected).join())
        found.push(`${where}: placeholders {${placeholders(actual).join('}{')}} instead of {${placeholders(expected).join('}{')}}`);
    } else if (typeof actual === 'string') found.push(`${where}: a string instead of a group`);
    else found.push(...differences(expected, actual, `${where}.`));
  }
  for (const key of Object.keys(locale)) if (!Object.hasOwn(source, key)) found.push(`${path}${key}: not in English`);
  return found;
}

describe('locales', () => {
  it.each(Object.keys(LOCALES))('%s has every English string, with the same placeholders, and nothing else', (language) => {
    const locale = LOCALES[language]!;

    const found = differences(en as unknown as Tree, locale as unknown as Tree);

    expect(found).toEqual([]);
  });

  it('reports a missing key, a changed placeholder and an extra key', () => {
    const broken = structuredClone(de) as unknown as Tree;
    delete broken.submit;
    (broken.errors as Tree).RATE_LIMITED = 'Zu viele Versuche. Warten Sie {sekunden} Sekunden.';
    (broken.fieldErrors as Tree).phone = 'Telefon';

    const found = differences(en as unknown as Tree, broken);

    expect(found).toEqual(['submit: missing', 'fieldErrors.phone: not in English', 'errors.RATE_LIMITED: placeholders {sekunden} instead of {seconds}']);
  });
});

describe('loadMessages', () => {
  it('loads a regional tag in its language', async () => {
    const messages = await loadMessages('de-AT');

    expect(messages.submit).toBe(de.submit);
    expect(loadedMessages('de-CH')?.submit).toBe(de.submit);
  });

  it('answers English for a language without a locale', async () => {
    const messages = await loadMessages('pt-BR');

    expect(messages).toBe(en);
    expect(uiLanguage('pt-BR')).toBe('en');
    expect(uiLanguage('it-CH')).toBe('it-CH');
  });

  it('has no locale ready before it was loaded, except English', () => {
    expect(loadedMessages('es')).toBeUndefined();
    expect(loadedMessages('en-GB')).toBe(en);
  });
});

describe('mergeMessages', () => {
  it('puts overrides over a locale and ignores what is not a string of it', () => {
    const merged = mergeMessages(de, { submit: 'Jetzt prüfen', errors: { TIMEOUT: 'Zeit abgelaufen.' }, extra: 'x' } as never);

    expect(merged.submit).toBe('Jetzt prüfen');
    expect(merged.errors.TIMEOUT).toBe('Zeit abgelaufen.');
    expect(merged.errors.NOT_FOUND).toBe(de.errors.NOT_FOUND);
    expect(merged).not.toHaveProperty('extra');
  });
});
