import { describe, expect, it } from 'vitest';
import { demoPerFile } from '../support/demo-per-file.js';

const running = demoPerFile();

describe('npm run demo, the React page (/react/)', () => {
  it("renders <TrussetVerify> in StrictMode and completes the flow to the mock's verification page", async () => {
    const page = await running.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${running.demo.url}/react/`);
    await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByLabel('E-mail').fill('ada@example.com');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Widget status' }).textContent()).toBe('Widget status: ready');
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await page.waitForURL(/\/link\/[A-Za-z0-9]{32}$/);

    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
