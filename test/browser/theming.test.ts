import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { backend, mountWidget, testWallet } from './fixture.js';

sessionStorage.clear();
testWallet();

/** A partner's stylesheet on the page, outside the shadow root. */
function pageStyles(text: string): void {
  const style = document.createElement('style');
  style.dataset.test = 'theming';
  style.textContent = text;
  document.head.append(style);
}

function computed(node: Element): CSSStyleDeclaration {
  return getComputedStyle(node);
}

beforeEach(() => backend.reset());
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  document.querySelectorAll('style[data-test=theming]').forEach((style) => style.remove());
  document.documentElement.removeAttribute('style');
});

describe('<trusset-verify> theming', () => {
  describe('custom properties', () => {
    it('colours the connect button with --trusset-verify-accent set on the element', async () => {
      const widget = await mountWidget({ attributes: { style: '--trusset-verify-accent: rgb(1, 2, 3); --trusset-verify-accent-text: rgb(4, 5, 6)' } });

      const button = await widget.find('[part=connect-button]');

      expect(computed(button).backgroundColor).toBe('rgb(1, 2, 3)');
      expect(computed(button).borderTopColor).toBe('rgb(1, 2, 3)');
      expect(computed(button).color).toBe('rgb(4, 5, 6)');
    });

    it('takes radius, spacing and font from custom properties', async () => {
      const widget = await mountWidget({ attributes: { style: '--trusset-verify-radius: 3px; --trusset-verify-spacing: 7px; --trusset-verify-font: monospace' } });

      const base = await widget.find('[part=base]');

      expect(computed(base).borderTopLeftRadius).toBe('3px');
      expect(computed(base).paddingTop).toBe('7px');
      expect(computed(base).fontFamily).toBe('monospace');
    });

    it('inherits custom properties set on an ancestor, in the dark theme too', async () => {
      document.documentElement.style.setProperty('--trusset-verify-background', 'rgb(7, 8, 9)');
      document.documentElement.style.setProperty('--trusset-verify-text', 'rgb(10, 11, 12)');
      const widget = await mountWidget({ attributes: { theme: 'dark' } });

      const base = await widget.find('[part=base]');

      expect(computed(base).backgroundColor).toBe('rgb(7, 8, 9)');
      expect(computed(base).color).toBe('rgb(10, 11, 12)');
    });
  });

  describe('theme', () => {
    it('has light defaults for theme="light" and dark ones for theme="dark"', async () => {
      const light = await mountWidget({ attributes: { theme: 'light' } });
      const dark = await mountWidget({ attributes: { theme: 'dark' } });

      const lightBase = await light.find('[part=base]');
      const darkBase = await dark.find('[part=base]');

      expect([computed(lightBase).backgroundColor, computed(lightBase).color]).toEqual(['rgb(255, 255, 255)', 'rgb(26, 29, 33)']);
      expect([computed(darkBase).backgroundColor, computed(darkBase).color]).toEqual(['rgb(26, 29, 33)', 'rgb(233, 236, 239)']);
      expect(computed(dark.el).colorScheme).toBe('dark');
    });

    it('lets a custom property on the element override a dark default', async () => {
      const widget = await mountWidget({ attributes: { theme: 'dark', style: '--trusset-verify-accent: rgb(1, 2, 3)' } });

      const button = await widget.find('[part=connect-button]');

      expect(computed(button).backgroundColor).toBe('rgb(1, 2, 3)');
    });

    it('switches at run time when the theme attribute changes', async () => {
      const widget = await mountWidget({ attributes: { theme: 'light' } });
      const base = await widget.find('[part=base]');

      widget.el.theme = 'dark';
      await widget.el.updateComplete;

      expect(computed(base).backgroundColor).toBe('rgb(26, 29, 33)');
    });
  });

  describe('::part() and :state()', () => {
    it('applies the page\'s ::part(connect-button) rules to the button named "Connect wallet"', async () => {
      pageStyles('trusset-verify::part(connect-button) { text-transform: uppercase; border-radius: 0px; }');
      await mountWidget();

      const button = page.getByRole('button', { name: en.connect });

      await expect.element(button).toBeVisible();
      expect(computed(button.element()).textTransform).toBe('uppercase');
      expect(computed(button.element()).borderTopLeftRadius).toBe('0px');
    });

    it("applies the page's :state(ready) rules once the form is shown, and not before", async () => {
      pageStyles('trusset-verify:state(ready)::part(base) { background-color: rgb(20, 30, 40); }');
      const widget = await mountWidget({ attributes: { country: 'DE', theme: 'light' } });
      const base = await widget.find('[part=base]');
      const before = computed(base).backgroundColor;

      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');

      expect(before).toBe('rgb(255, 255, 255)');
      expect(computed(base).backgroundColor).toBe('rgb(20, 30, 40)');
    });
  });
});
