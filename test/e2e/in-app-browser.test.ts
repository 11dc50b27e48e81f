import { describe, expect, it } from 'vitest';
import { demoPerFile } from '../support/demo-per-file.js';

const running = demoPerFile();

/** MetaMask Mobile's browser on an iPhone: the system web view with MetaMask's token appended. */
const METAMASK_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 WebView MetaMaskMobile';

describe("npm run demo in MetaMask's browser on an iPhone", () => {
  it('shows the link with the system-browser hint instead of navigating, copies it, and still continues', async () => {
    const context = await running.browser.newContext({
      userAgent: METAMASK_IOS,
      isMobile: true,
      hasTouch: true,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.demo.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(running.demo.url);
    await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
    await page.getByRole('button', { name: 'Connect wallet' }).tap();
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByRole('button', { name: 'Verify identity' }).tap();
    const hint = page.locator('trusset-verify').locator('[part=system-browser-hint]');
    await hint.waitFor();

    const continueLink = page.getByRole('link', { name: 'Continue to verification' });
    const url = await continueLink.getAttribute('href');
    expect(url).toMatch(/\/link\/[A-Za-z0-9]{32}$/);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await hint.textContent()).toContain('The identity check needs your camera, which the MetaMask browser may block. Copy the link and open it in Safari.');

    await page.getByRole('button', { name: 'Copy link' }).tap();
    await page.locator('trusset-verify').locator('[part=copy-status]', { hasText: 'Link copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    await continueLink.tap();
    await page.waitForURL(/\/link\/[A-Za-z0-9]{32}$/);
    expect(page.url()).toBe(url);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
