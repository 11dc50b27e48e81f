import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPerFile } from '../support/demo-per-file.js';

const running = demoPerFile();

/** The computed background of the widget's box: white in the light defaults, #1a1d21 in the dark ones. */
function baseBackground(page: Page, selector = 'trusset-verify'): Promise<string> {
  return page.locator(selector).evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part=base]')!).backgroundColor);
}

/** What the element's class JSDoc documents (`@csspart`, `@cssproperty`, `@cssstate`). */
async function documented(tag: string): Promise<string[]> {
  const source = await readFile(new URL('../../src/element/trusset-verify.ts', import.meta.url), 'utf8');
  return [...source.matchAll(new RegExp(`^ \\* @${tag} (\\S+) - `, 'gm'))].map((match) => match[1]!);
}

const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(26, 29, 33)';

describe('<trusset-verify> theme', () => {
  it('follows the system colour scheme by default and with theme="auto"; light and dark ignore it', async () => {
    const page = await running.browser.newPage();
    await page.goto(running.demo.url);
    await page.locator('trusset-verify').getByRole('button', { name: 'Connect wallet' }).waitFor();

    await page.emulateMedia({ colorScheme: 'dark' });
    const byDefaultOnDark = await baseBackground(page);
    await page.emulateMedia({ colorScheme: 'light' });
    const byDefaultOnLight = await baseBackground(page);
    await page.locator('trusset-verify').evaluate((el) => el.setAttribute('theme', 'auto'));
    await page.emulateMedia({ colorScheme: 'dark' });
    const autoOnDark = await baseBackground(page);
    await page.locator('trusset-verify').evaluate((el) => el.setAttribute('theme', 'light'));
    const lightOnDark = await baseBackground(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('trusset-verify').evaluate((el) => el.setAttribute('theme', 'dark'));
    const darkOnLight = await baseBackground(page);

    expect({ byDefaultOnDark, byDefaultOnLight, autoOnDark, lightOnDark, darkOnLight }).toEqual({
      byDefaultOnDark: DARK,
      byDefaultOnLight: LIGHT,
      autoOnDark: DARK,
      lightOnDark: LIGHT,
      darkOnLight: DARK,
    });
    await page.close();
  });
});

describe('demo/theming.html', () => {
  it('themes with documented custom properties, parts and states only', async () => {
    const html = await readFile(new URL('../../demo/theming.html', import.meta.url), 'utf8');
    const [documentedProperties, documentedParts, documentedStates] = await Promise.all([documented('cssproperty'), documented('csspart'), documented('cssstate')]);

    const used = (pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((match) => match[1]!))];
    const properties = used(/(--trusset-verify-[a-z-]+)\s*:/g);
    const parts = used(/::part\(([a-z-]+)\)/g);
    const states = used(/:state\(([a-z-]+)\)/g);

    expect(properties.filter((name) => !documentedProperties.includes(name))).toEqual([]);
    expect(parts.filter((name) => !documentedParts.includes(name))).toEqual([]);
    expect(states.filter((name) => !documentedStates.includes(name))).toEqual([]);
    expect([properties.length, parts.length, states.length].every((count) => count > 0)).toBe(true);
  });

  it("shows three live widgets, each in its partner's colours, and one completes the connection", async () => {
    const page = await running.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${running.demo.url}/theming.html`);
    const connectButtons = page.getByRole('button', { name: 'Connect wallet' });
    await expect.poll(() => connectButtons.count()).toBe(3);

    const accents = await connectButtons.evaluateAll((buttons) => buttons.map((button) => getComputedStyle(button).backgroundColor));
    const backgrounds = await Promise.all(['.bank', '.fintech', '.exchange'].map((theme) => baseBackground(page, `${theme} trusset-verify`)));
    await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
    const exchange = page.locator('.exchange trusset-verify');
    await exchange.getByRole('button', { name: 'Connect wallet' }).click();
    await exchange.getByLabel('E-mail').fill('ada@example.com');

    expect(accents).toEqual(['rgb(20, 48, 90)', 'rgb(109, 40, 217)', 'rgb(240, 185, 11)']);
    expect(backgrounds).toEqual(['rgb(251, 250, 246)', 'rgb(250, 245, 255)', 'rgb(11, 14, 17)']);
    expect(await exchange.evaluate((el) => el.matches(':state(ready)'))).toBe(true);
    expect(await exchange.getByRole('button', { name: 'Verify identity' }).evaluate((button) => getComputedStyle(button).borderTopLeftRadius)).toBe('0px');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
