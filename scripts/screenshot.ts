/**
 * `npm run screenshot [-- --out <dir>]`: renders the real element in the demo (demo wallet, mock
 * API), connected with an e-mail typed, and writes the README's pictures to `docs/` (or `<dir>`):
 * widget-light.png, widget-dark.png (the default `auto` theme on a light and a dark system),
 * widget-partner-theme.png (the fintech theme of demo/theming.html) and widget-phone.png (a 360 px
 * wide phone).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import { startDemo } from '../test/support/demo-server.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs' } } });
const out = values.out;

/** Pixels per CSS pixel: sharp on high-density screens, where READMEs are mostly read. */
const SCALE = 2;

/** Switches on the demo wallet, connects the widget in `scope` and types an e-mail. */
async function connect(page: Page, scope: Locator): Promise<void> {
  await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
  await scope.getByRole('button', { name: 'Connect wallet' }).click();
  await scope.getByLabel('E-mail').fill('ada@example.com');
  // A picture of the form at rest: no focus ring on the field just typed into.
  await scope.getByLabel('E-mail').blur();
}

async function shoot(browser: Browser, demoUrl: string, context: BrowserContextOptions, take: (page: Page) => Promise<Buffer>, file: string): Promise<void> {
  const session = await browser.newContext({ deviceScaleFactor: SCALE, ...context });
  try {
    const page = await session.newPage();
    await page.goto(demoUrl);
    await take(page);
  } finally {
    await session.close();
  }
  console.log(`wrote ${join(out, file)}`);
}

await mkdir(out, { recursive: true });
const demo = await startDemo();
const browser = await launchChromium();
try {
  const desktop = { viewport: { width: 720, height: 900 } };
  for (const scheme of ['light', 'dark'] as const) {
    const file = `widget-${scheme}.png`;
    // The demo's widget has no theme attribute: `auto` follows the system's colour scheme.
    await shoot(
      browser,
      demo.url,
      { ...desktop, colorScheme: scheme },
      async (page) => {
        const widget = page.locator('trusset-verify');
        await connect(page, widget);
        return widget.screenshot({ path: join(out, file) });
      },
      file,
    );
  }

  await shoot(
    browser,
    `${demo.url}/theming.html`,
    desktop,
    async (page) => {
      const section = page.locator('.fintech');
      const widget = section.locator('trusset-verify');
      await connect(page, widget);
      const box = (await widget.boundingBox())!;
      const top = (await section.boundingBox())!.y;
      // The partner's heading and page around the widget show the theme in its setting.
      const margin = 24;
      return page.screenshot({ path: join(out, 'widget-partner-theme.png'), clip: { x: box.x - margin, y: top, width: box.width + 2 * margin, height: box.y + box.height + margin - top } });
    },
    'widget-partner-theme.png',
  );

  await shoot(
    browser,
    demo.url,
    { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, colorScheme: 'light' },
    async (page) => {
      await connect(page, page.locator('trusset-verify'));
      await page.evaluate(() => window.scrollTo(0, 0));
      return page.screenshot({ path: join(out, 'widget-phone.png') });
    },
    'widget-phone.png',
  );
} finally {
  await browser.close();
  await demo.close();
}
