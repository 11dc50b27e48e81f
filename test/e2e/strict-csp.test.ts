import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCdn } from '../../scripts/build-cdn.js';
import { testAccount } from '../support/accounts.js';
import { launchChromium } from '../support/chromium.js';
import { classicScript, recordViolations, startSelfHostedSite, type SelfHostedSite, type Violation } from '../support/strict-site.js';

/** The issue's policy, unchanged: the built-in wallet path needs nothing more. */
const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

/** The two policies of docs/csp.md, in the order it gives them: the built-in list's, then Web3Modal's. */
function documentedPolicies(): { builtIn: string; web3Modal: string } {
  const section = readFileSync(new URL('../../docs/csp.md', import.meta.url), 'utf8');
  const [builtIn = '', web3Modal = ''] = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((match) => match[1]!.replace(/\s+/g, ' ').trim());
  return { builtIn, web3Modal };
}

let tmp: string;
let site: SelfHostedSite;
let browser: Browser;
let wallets: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trusset-verify-csp-'));
  const cdn = await buildCdn({ outDir: join(tmp, 'cdn'), logLevel: 'error' });
  [site, browser, wallets] = await Promise.all([startSelfHostedSite(cdn.outDir), launchChromium(), classicScript('./cdn-page-two-wallets.ts')]);
}, 300_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The partner's page: the module entry from its own origin and the element; no inline script or style. */
const pageHtml = (attributes = '') =>
  `<!doctype html><html lang="en"><title>Verify</title><script type="module" src="/cdn/trusset-verify.js"></script><trusset-verify endpoint="/api/trusset" verify-hosts="${new URL(site.mock.url).host}"${attributes}></trusset-verify></html>`;

/** A fresh page with two announced wallets, its CSP violations and its errors recorded. */
async function openPage() {
  const context = await browser.newContext();
  contexts.push(context);
  const violations = await recordViolations(context);
  await context.addInitScript({ content: wallets });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  return { page, violations, problems };
}

async function submitForm(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Country of residence').selectOption('DE');
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await page.waitForURL(`${site.mock.url}/link/**`);
}

/** Every inline event-handler attribute on the page, shadow roots included, as `tag name="value"`. */
const inlineHandlers = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) if (attribute.name.startsWith('on')) found.push(`${element.localName} ${attribute.name}="${attribute.value}"`);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  });

const directives = (events: Violation[]) => [...new Set(events.map((event) => event.directive))].sort();

describe("the CDN build served by the page's own origin, under a strict CSP with Trusted Types enforced", () => {
  it('is the policy docs/csp.md gives for the built-in wallet list', () => {
    expect(documentedPolicies().builtIn).toBe(STRICT_CSP);
  });

  it('completes the whole flow through the built-in wallet list to the verification page without a violation', async () => {
    const { page, violations, problems } = await openPage();

    await page.goto(site.page(pageHtml(), STRICT_CSP));
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('list', { name: 'Choose a wallet' }).getByRole('button', { name: 'Second Wallet' }).click();
    await submitForm(page);

    const [link] = site.mock.links().slice(-1);
    expect(link?.walletAddress).toBe(testAccount.address);
    expect(page.url()).toBe(link?.url);
    expect(violations.events).toEqual([]);
    expect(violations.console).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("blocks Web3Modal (project-id) only in the directives docs/csp.md's Web3Modal policy opens", async () => {
    const { page, violations } = await openPage();

    await page.goto(site.page(pageHtml(' project-id="csp-test"'), STRICT_CSP));
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.locator('wui-list-wallet[name="Test Wallet"]').waitFor();
    // Its wallet list and images are fetched, and its rows rendered, right after the modal opens.
    await expect.poll(() => directives(violations.events)).toEqual(['connect-src', 'script-src-attr', 'style-src-attr', 'style-src-elem']);

    const measured = directives(violations.events);
    console.log(
      `Web3Modal under the strict policy violates: ${measured.map((directive) => `${directive} (${[...new Set(violations.events.filter((event) => event.directive === directive).map((event) => event.blocked))].join(', ')})`).join('; ')}`,
    );
    expect(violations.events.filter((event) => event.directive === 'connect-src').every((event) => event.blocked.startsWith('https://api.web3modal.org/'))).toBe(true);
    expect(violations.events.some((event) => event.directive === 'trusted-types')).toBe(false);
    // What script-src-attr refused: empty handlers, so refusing them loses nothing.
    expect(new Set(await inlineHandlers(page))).toEqual(new Set(['button ontouchstart=""']));
  }, 60_000);

  it("completes the flow through Web3Modal under docs/csp.md's Web3Modal policy, its empty ontouchstart attributes the only violation", async () => {
    const { web3Modal } = documentedPolicies();
    const { page, violations } = await openPage();

    await page.goto(site.page(pageHtml(' project-id="csp-test"'), web3Modal));
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.locator('wui-list-wallet[name="Test Wallet"]').click();
    await submitForm(page);

    const [link] = site.mock.links().slice(-1);
    expect(page.url()).toBe(link?.url);
    expect(/script-src ([^;]*)/.exec(web3Modal)?.[1]).toBe("'self'");
    expect(directives(violations.events)).toEqual(['script-src-attr']);
    expect(violations.events.filter((event) => event.directive === 'script-src-attr').every((event) => event.blocked === 'inline')).toBe(true);
  }, 60_000);
});
