import { chromium, type Browser, type BrowserContext, type Page, type Request, type Route } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';
import { demoPerFile } from '../support/demo-per-file.js';
import { classicScript } from '../support/strict-site.js';

/**
 * Resuming (docs/element.md, "After the link"): `npm run demo` (redirect same-tab) in a real Chromium. The user creates a
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
async function tab(browser: Browser = running.browser): Promise<{ context: BrowserContext; page: Page; address: string; creates: CreateBody[]; problems: string[] }> {
  const privateKey = generatePrivateKey();
  const context = await browser.newContext();
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

/** On the demo page: connect, fill the form and submit. */
async function submit(page: Page): Promise<void> {
  await page.goto(running.demo.url);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByRole('button', { name: 'Verify identity' }).click();
}

/** Connect, fill, submit; resolves on the hosted page, with its URL. */
async function createLink(page: Page): Promise<string> {
  await submit(page);
  await page.waitForURL(LINK_URL);
  return page.url();
}

/** Back on the demo page with a new document: connect the same wallet again and continue the offered link. */
async function connectAndContinue(page: Page): Promise<void> {
  // A new document: nothing connected, the wallet not asked to sign yet.
  expect(await signatures(page)).toBe(0);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const offer = page.locator('trusset-verify [part=resume]');
  await expect.poll(() => offer.textContent()).toContain('You have a verification in progress for this wallet.');
  await page.locator('trusset-verify [part=resume-button]').click();
  await page.waitForURL(LINK_URL);
}

/** The second POST resumed `id` with a signature of its own, and asked for no new link. */
function expectResumed(creates: CreateBody[], id: string, address: string): void {
  expect(creates).toHaveLength(2);
  expect(creates[0]?.resume).toBeUndefined();
  expect(creates[1]).toMatchObject({ walletAddress: address, resume: { id } });
  expect(creates[1]?.email).toBeUndefined();
  expect(creates[1]?.siwe?.signature).toMatch(/^0x[0-9a-f]+$/);
  expect(creates[1]?.siwe?.signature).not.toBe(creates[0]?.siwe?.signature);
}

/** What the demo page's session storage keeps for `id`: the four fields, for `address`. */
async function expectSaved(page: Page, id: string, address: string): Promise<void> {
  const saved = JSON.parse((await savedLink(page)) ?? 'null') as Record<string, unknown> | null;
  expect(Object.keys(saved ?? {})).toEqual(['linkId', 'wallet', 'expiresAt', 'statusToken']);
  expect(saved).toMatchObject({ linkId: id, wallet: address });
}

describe('npm run demo: resuming a link after Back or a reload', () => {
  it('after Back: connect again, continue with a new signature, and land on the same verification URL', async () => {
    const { context, page, address, creates, problems } = await tab();
    const first = await createLink(page);
    const [link] = await linksOf(address);
    expect(link?.url).toBe(first);

    await page.goBack();
    await page.waitForURL(`${running.demo.url}/`);
    await expectSaved(page, link!.id, address);
    await connectAndContinue(page);

    expect(page.url()).toBe(first);
    expect(await linksOf(address)).toEqual([expect.objectContaining({ id: link!.id, state: 'pending' })]);
    expectResumed(creates, link!.id, address);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('after a reload: connect again, continue, and land on the same verification URL', async () => {
    const { context, page, address, creates, problems } = await tab();
    // The hosted page does not come (the navigation is cancelled): the user is still on the demo
    // page, and reloads it.
    const held: Route[] = [];
    await page.route(LINK_URL, (route) => void held.push(route));
    await submit(page);
    await expect.poll(() => held.length).toBe(1);
    const [link] = await linksOf(address);
    expect(held[0]!.request().url()).toBe(link!.url);
    await held[0]!.abort('aborted');
    await page.unroute(LINK_URL);
    expect(page.url()).toBe(`${running.demo.url}/`);

    await page.reload();
    expect(page.url()).toBe(`${running.demo.url}/`);
    await expectSaved(page, link!.id, address);
    await connectAndContinue(page);

    expect(page.url()).toBe(link!.url);
    expect(await linksOf(address)).toEqual([expect.objectContaining({ id: link!.id, state: 'pending' })]);
    expectResumed(creates, link!.id, address);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('after the link was approved: Back, connect, no offer, and the saved link is gone', async () => {
    const { context, page, address, creates, problems } = await tab();
    const statusReads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname.startsWith('/api/trusset/id-links/')) statusReads.push(request.url());
    });
    await createLink(page);
    const [link] = await linksOf(address);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('#status').getAttribute('data-state')).toBe('completed');
    expect(await linksOf(address)).toEqual([expect.objectContaining({ id: link!.id, state: 'completed' })]);
    // The kit caches Trusset's status for 30 s. Nothing asked it for this link's status while it
    // was pending (same-tab redirect: no tracking; a first link: no open link to look up), so the
    // first read, below, reaches the mock and sees the approval.
    expect(statusReads).toEqual([]);

    // Approve posted a form that redirected to the hosted page: a history entry of its own, so
    // Back twice, past the hosted page as first opened.
    await page.goBack();
    expect(page.url()).toBe(link!.url);
    await page.goBack();
    expect(page.url()).toBe(`${running.demo.url}/`);
    await expectSaved(page, link!.id, address);
    const statusAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/trusset/id-links/${link!.id}`);
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    expect(((await (await statusAnswer).json()) as { data: unknown }).data).toEqual({ id: link!.id, status: 'completed', expiresAt: expect.any(String) });

    await expect.poll(() => savedLink(page)).toBeNull();
    await expect(page.getByLabel('E-mail').isVisible()).resolves.toBe(true);
    expect(await page.locator('trusset-verify [part=resume]').count()).toBe(0);
    expect(statusReads).toHaveLength(1);
    expect(creates).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  // Real Chrome keeps the page in its back/forward cache, so Back restores the demo page as it was
  // left, with the widget in `redirecting`. Playwright turns that cache off by default
  // (--disable-back-forward-cache), hence a Chromium of its own here.
  it('after Back from the back/forward cache (as in a real Chrome): not stuck on "Taking you to the verification", the same link is one press away', async () => {
    const executablePath = findChromium();
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    try {
      const { page, address, problems } = await tab(browser);
      await page.addInitScript(() => addEventListener('pageshow', (event) => ((window as { restoredFromCache?: boolean }).restoredFromCache = event.persisted)));
      const first = await createLink(page);
      const [link] = await linksOf(address);
      expect(link?.url).toBe(first);

      // A page restored from the cache fires no load event: wait for the commit only.
      await page.goBack({ waitUntil: 'commit' });
      expect(page.url()).toBe(`${running.demo.url}/`);
      await expect.poll(() => page.evaluate(() => (window as { restoredFromCache?: boolean }).restoredFromCache)).toBe(true);

      const widget = page.locator('trusset-verify');
      await expect.poll(() => widget.evaluate((el) => (el as HTMLElement & { status: string }).status), { timeout: 5_000 }).not.toBe('redirecting');
      // The link again, followed from here (the user may have finished meanwhile).
      expect(await widget.evaluate((el) => (el as HTMLElement & { status: string }).status)).toBe('link-ready');
      await expect.poll(() => page.locator('trusset-verify [part=link-status]').count()).toBe(1);
      await page.locator('trusset-verify [part=continue-link]').click();
      await page.waitForURL(LINK_URL);

      expect(page.url()).toBe(first);
      expect(await linksOf(address)).toEqual([expect.objectContaining({ id: link!.id, state: 'pending' })]);
      // Chromium closes the demo's dev-server socket (Vite's HMR client) when the page enters the
      // cache, and says so: that one line is the browser's, not the page's.
      expect(problems.filter((problem) => !/^WebSocket connection to 'ws:\/\/[^']+' failed: Page entered Back-Forward Cache\.$/.test(problem))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
