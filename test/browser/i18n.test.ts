import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { fr } from '../../src/i18n/fr.js';
import { it as italian } from '../../src/i18n/it.js';
import { loadMessages } from '../../src/i18n/resolve.js';
import { backend, mountWidget, testWallet } from './fixture.js';

sessionStorage.clear();
testWallet();

type Widget = Awaited<ReturnType<typeof mountWidget>>;

async function connect(widget: Widget): Promise<void> {
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await widget.find('[part=form]');
}

function countryNames(widget: Widget): string[] {
  return [...widget.root.querySelectorAll<HTMLOptionElement>('[part=country-select] option')].filter((option) => option.value).map((option) => option.text);
}

function text(widget: Widget, part: string): string | undefined {
  return widget.root.querySelector(`[part=${part}]`)?.textContent?.trim();
}

function wrapper(lang: string): HTMLElement {
  const div = document.createElement('div');
  div.lang = lang;
  div.className = 'i18n-test';
  document.body.append(div);
  return div;
}

beforeEach(async () => {
  await backend.reset();
});
afterEach(() => {
  document.querySelectorAll('.i18n-test, trusset-verify').forEach((node) => node.remove());
});

describe('<trusset-verify> languages', () => {
  it('renders a German page in German from the first render, with countries named and sorted in German', async () => {
    const widget = await mountWidget({ parent: wrapper('de') });

    expect(text(widget, 'connect-button')).toBe(de.connect);

    await connect(widget);

    await expect.element(page.getByRole('textbox', { name: de.emailLabel })).toBeVisible();
    const names = countryNames(widget);
    expect(names).toContain('Deutschland');
    expect(names).not.toContain('Germany');
    expect(names).toEqual([...names].sort(new Intl.Collator('de').compare));
    // The collator files "Österreich" under O, where a plain code-point sort would put it last.
    expect(names.indexOf('Österreich')).toBeGreaterThan(names.indexOf('Oman'));
    expect(names.indexOf('Österreich')).toBeLessThan(names.indexOf('Pakistan'));
  });

  it('switches from English to French at run time and keeps the typed e-mail, the chosen country and the status', async () => {
    const widget = await mountWidget({ attributes: { lang: 'en' } });
    await connect(widget);
    await userEvent.type(page.getByRole('textbox', { name: en.emailLabel }), 'ada@example.com');
    await userEvent.selectOptions(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!, 'BE');

    widget.el.lang = 'fr';

    await expect.element(page.getByRole('button', { name: fr.submit })).toBeVisible();
    expect(widget.el.status).toBe('ready');
    expect((page.getByRole('textbox', { name: fr.emailLabel }).element() as HTMLInputElement).value).toBe('ada@example.com');
    const select = widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!;
    expect(select.value).toBe('BE');
    expect(select.selectedOptions[0]?.text).toBe('Belgique');
    expect(countryNames(widget)).toContain('Allemagne');
  });

  it('keeps the country preselected from the page language when the language changes', async () => {
    const widget = await mountWidget({ attributes: { lang: 'de-AT' } });
    await connect(widget);
    const select = widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!;
    expect(select.value).toBe('AT');

    widget.el.setAttribute('lang', 'it');

    await expect.element(page.getByRole('button', { name: italian.submit })).toBeVisible();
    expect(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!.value).toBe('AT');
    expect(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!.selectedOptions[0]?.text).toBe('Austria');
  });

  it("follows a change of the closest ancestor's lang, through a shadow root", async () => {
    const host = wrapper('de');
    const widget = await mountWidget({ parent: host.attachShadow({ mode: 'open' }) });
    expect(text(widget, 'connect-button')).toBe(de.connect);

    host.lang = 'es';

    await expect.element(page.getByRole('button', { name: es.connect })).toBeVisible();
  });

  it("follows the page's <html lang> when no closer element sets one", async () => {
    const previous = document.documentElement.lang;
    try {
      const widget = await mountWidget();
      document.documentElement.lang = 'fr';

      await expect.element(page.getByRole('button', { name: fr.connect })).toBeVisible();
      expect(widget.el.lang).toBe('');
    } finally {
      document.documentElement.lang = previous;
    }
  });

  it('stops following the ancestor once it left the page, and follows its new place when it comes back', async () => {
    // French is loaded up front, so that following the change would re-render at once.
    await loadMessages('fr');
    const first = wrapper('de');
    const widget = await mountWidget({ parent: first });
    const changed = new Promise((resolve) => new MutationObserver(resolve).observe(first, { attributes: true }));

    widget.el.remove();
    first.lang = 'fr';
    await changed;
    await widget.el.updateComplete;
    expect(text(widget, 'connect-button')).toBe(de.connect);
    wrapper('es').append(widget.el);

    await expect.element(page.getByRole('button', { name: es.connect })).toBeVisible();
  });

  it('shows the strings of the messages property over any language', async () => {
    const widget = await mountWidget({ parent: wrapper('de'), properties: { messages: { connect: 'Mit Wallet anmelden', fieldErrors: { email: { required: 'Bitte E-Mail angeben.' } } } } });

    await expect.element(page.getByRole('button', { name: 'Mit Wallet anmelden' })).toBeVisible();
    await connect(widget);
    await userEvent.click(page.getByRole('button', { name: de.submit }));
    await expect.element(page.getByText('Bitte E-Mail angeben.')).toBeVisible();
    expect(text(widget, 'disconnect-button')).toBe(de.disconnect);

    widget.el.lang = 'fr';

    await expect.element(page.getByRole('button', { name: fr.submit })).toBeVisible();
    expect(page.getByText('Bitte E-Mail angeben.').element()).toBeVisible();
  });

  it('speaks English, with English country names, for a language it has no locale for', async () => {
    const widget = await mountWidget({ attributes: { lang: 'ja-JP' } });

    await connect(widget);

    await expect.element(page.getByRole('button', { name: en.submit })).toBeVisible();
    expect(countryNames(widget)).toContain('Japan');
    expect(widget.root.querySelector<HTMLSelectElement>('[part=country-select]')!.value).toBe('JP');
  });
});
