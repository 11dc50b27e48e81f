import { page } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { mountWidget } from './fixture.js';

// This file imports no locale but English: any locale the page fetched, the widget asked for.

function fetchedLocales(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => /\/src\/i18n\/(de|fr|es|it)\.ts/.exec(entry.name)?.[1])
    .filter((locale): locale is string => locale !== undefined);
}

afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
});

describe('<trusset-verify> locale chunks', () => {
  it('fetches a language only when it is shown, and only that one', async () => {
    const widget = await mountWidget({ attributes: { lang: 'en' } });
    await expect.element(page.getByRole('button', { name: en.connect })).toBeVisible();
    expect(fetchedLocales()).toEqual([]);

    widget.el.lang = 'de-CH';

    const button = widget.root.querySelector('[part=connect-button]')!;
    await expect.poll(() => button.textContent?.trim()).not.toBe(en.connect);
    expect(fetchedLocales()).toEqual(['de']);
    // Read only now: the test's own import must not be what fetched German.
    const { de } = await import('../../src/i18n/de.js');
    expect(button.textContent?.trim()).toBe(de.connect);
  });
});
