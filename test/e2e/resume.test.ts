import type { BrowserContext, Page, Request } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPerFile } from '../support/demo-per-file.js';
import { classicScript } from '../support/strict-site.js';

/**
 * Issue #7, resuming: `npm run demo` (redirect same-tab) in a real Chromium. The user creates a
 * link, lands on the mock's hosted page, comes back to the demo (Back, or a reload), connects the
 * same wallet again and is offered to continue: a fresh signature, and the same link.
 *
 * The wallet: the demo's own button makes a new throwaway key for every document, so after Back or
 * a reload it would be another wallet, for which there is nothing to resume. Here the same code
 * (test/support/test-wallet.ts, named and announced as the demo wallet) is injected into every
 * document of the tab before the page's scripts, as a browser extension is, with one key per test.
 */

const running = demoPerFile();

const SAVED_LINK_KEY = 'trusset-verify.link';
const LINK_URL = /\/link\/[A-Za-z0-9]{32}$/;

interface MockLink {
  id: string;
  state: string;
  walletAddress?: string;
  url: string;
}

interface CreateBody {
  walletAddress: string;
  email?: string;
  resume?: { id: string; statusToken: string };
  siwe?: { message: string; signature: string };
}

let walletScript: string;
beforeAll(async () => {
  walletScript = await classicScript('./test-wallet.ts');
}, 60_000);

/** The mock's links of `address`, through the demo server's own `/__mock/links`. */
async function linksOf(address: string): Promise<MockLink[]> {
  const links = (await (await fetch(`${running.demo.url}/__mock/links`)).json()) as MockLink[];
  return links.filter((link) => link.walletAddress?.toLowerCase() === address.toLowerCase());
}

/** A tab whose every document gets the demo wallet with one key, and what it sends to the kit. */
async function tab(): Promise<{ context: BrowserContext; page: Page; address: string; creates: CreateBody[]; problems: string[] }> {
  const privateKey = generatePrivateKey();
  const context = await running.browser.newContext();
  await context.addInitScript({
    content: `${walletScript}
      window.__demoWallet = trussetTestScript.installTestWallet({ privateKey: ${JSON.stringify(privateKey)}, name: 'Demo wallet (throwaway key)', rdns: 'org.trusset.demo-wallet', autoApprove: true });`,
  });
  const page = await context.newPage();
  const creates: CreateBody[] = [];
  const problems: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/trusset/id-links') creates.push(request.postDataJSON() as CreateBody);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return { context, page, address: privateKeyToAccount(privateKey).address, creates, problems };
}

async function signatures(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __demoWallet: { count(method: string): number } }).__demoWallet.count('personal_sign'));
}

async function savedLink(page: Page): Promise<string | null> {
  return page.evaluate((key) => sessionStorage.getItem(key), SAVED_LINK_KEY);
}

/** On the demo page: connect, fill the form, submit; resolves on the hosted page, with its URL. */
async function createLink(page: Page): Promise<string> {
  await page.goto(running.demo.url);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await page.waitForURL(LINK_URL);
  return page.url();
}

describe('npm run demo: resuming a link after Back or a reload', () => {
  it('after Back: connect again, continue with a new signature, and land on the same verification URL', async () => {
    const { context, page, address, creates, problems } = await tab();
    const first = await createLink(page);
    const [link] = await linksOf(address);
    expect(link?.url).toBe(first);

    await page.goBack();
    await page.waitForURL(`${running.demo.url}/`);
    expect(Object.keys(JSON.parse((await savedLink(page)) ?? 'null'))).toEqual(['linkId', 'wallet', 'expiresAt', 'statusToken']);
    expect(JSON.parse((await savedLink(page)) ?? 'null')).toMatchObject({ linkId: link!.id, wallet: address });
    // A new document: nothing connected, the wallet not asked to sign yet.
    expect(await signatures(page)).toBe(0);
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    const offer = page.locator('trusset-verify [part=resume]');
    await expect.poll(() => offer.textContent()).toContain('You have a verification in progress for this wallet.');
    await page.locator('trusset-verify [part=resume-button]').click();
    await page.waitForURL(LINK_URL);

    expect(page.url()).toBe(first);
    expect(await linksOf(address)).toEqual([expect.objectContaining({ id: link!.id, state: 'pending' })]);
    expect(creates).toHaveLength(2);
    expect(creates[0]?.resume).toBeUndefined();
    expect(creates[1]).toMatchObject({ walletAddress: address, resume: { id: link!.id } });
    expect(creates[1]?.email).toBeUndefined();
    expect(creates[1]?.siwe?.signature).toMatch(/^0x[0-9a-f]+$/);
    expect(creates[1]?.siwe?.signature).not.toBe(creates[0]?.siwe?.signature);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
