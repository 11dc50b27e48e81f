/**
 * `npm run screenshot`: renders the real element in the demo (demo wallet, mock API) and writes
 * docs/widget.png, the picture in the README.
 */
import { launchChromium } from '../test/support/chromium.js';
import { startDemo } from '../test/support/demo-server.js';

const demo = await startDemo();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(demo.url);
  await page.getByRole('button', { name: 'Switch on the demo wallet' }).click();
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.locator('trusset-verify').screenshot({ path: 'docs/widget.png' });
  console.log('wrote docs/widget.png');
} finally {
  await browser.close();
  await demo.close();
}
