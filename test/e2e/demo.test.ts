import { describe, expect, it } from 'vitest';
import { demoPerFile } from '../support/demo-per-file.js';

const running = demoPerFile();

describe('npm run demo', () => {
  it.each(['localhost', '127.0.0.1'])(
    "completes the flow with the demo wallet on %s, to the mock's verification page",
    async (host) => {
      const page = await running.browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const origin = running.demo.url.replace('localhost', host);

      await page.goto(origin);
      const demoBanner = await page.locator('.banner').textContent();
      await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
      await page.getByRole('button', { name: 'Connect wallet' }).click();
      await page.getByLabel('E-mail').fill('ada@example.com');
      await page.getByRole('button', { name: 'Verify identity' }).click();
      await page.waitForURL(/\/link\/[A-Za-z0-9]{32}$/);
      await page.getByRole('button', { name: 'Approve' }).click();

      await expect.poll(() => page.textContent('body')).toMatch(/completed/i);
      expect(demoBanner).toBe('Mock Trusset API — no real identity check');
      expect(await page.locator('.banner').textContent()).toMatch(/Mock Trusset API/);
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it('prints its URL and serves the snippet with a literal endpoint', async () => {
    const html = await fetch(running.demo.url).then((response) => response.text());

    expect(running.demo.output()).toMatch(/trusset-verify demo on http:\/\/localhost:\d+/);
    expect(html).toContain('<trusset-verify endpoint="/api/trusset"');
    expect(html).toContain('<script type="module" src="/trusset-verify.js"></script>');
  });
});
