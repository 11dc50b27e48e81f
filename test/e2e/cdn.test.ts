import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCdn, packageVersion, type CdnBuild } from '../../scripts/build-cdn.js';
import { testAccount } from '../support/accounts.js';
import { pageWalletScript, startCdnSite, type CdnSite } from '../support/cdn-site.js';
import { launchChromium } from '../support/chromium.js';

const VERSION = packageVersion();
const OTHER_VERSION = '0.0.9-other';
const DOCUMENTED_BASE = `https://cdn.jsdelivr.net/npm/trusset-verify@${VERSION}/dist/cdn/`;
const cdnPath = (version: string) => `/npm/trusset-verify@${version}/dist/cdn/`;

/** The README's two snippets, as a partner copies them. */
function documentedSnippets(): { module: string; loader: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = /^### Script tag \(CDN\)\n([\s\S]*?)^##/m.exec(readme)?.[1] ?? '';
  const blocks = [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return {
    module: blocks.find((block) => block.includes('type="module"')) ?? '',
    loader: blocks.find((block) => block.includes('trusset-verify.loader.js')) ?? '',
  };
}

let tmp: string;
let current: CdnBuild;
let site: CdnSite;
let browser: Browser;
let wallet: string;
const pages: Page[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trusset-verify-cdn-'));
  current = await buildCdn({ outDir: join(tmp, 'current'), logLevel: 'error' });
  const other = await buildCdn({ outDir: join(tmp, 'other'), version: OTHER_VERSION, logLevel: 'error' });
  const appendNewline = (file: string, bytes: Buffer) => (file === current.entry.file ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes);
  [site, browser, wallet] = await Promise.all([
    startCdnSite([
      { path: cdnPath(VERSION), dir: current.outDir },
      { path: cdnPath(OTHER_VERSION), dir: other.outDir },
      { path: cdnPath(`${VERSION}-tampered`), dir: current.outDir, tamper: appendNewline },
    ]),
    launchChromium(),
    pageWalletScript(),
  ]);
}, 300_000);

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.context().close()));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * A documented snippet on the test's own servers: the CDN origin and path swapped for the local
 * CDN's (`version` picks the folder), the `sha384-…` placeholders filled from that build's
 * sri.json, and `verify-hosts` naming the mock's hosted page instead of verify.trusset.org.
 */
async function personalise(snippet: string, version = VERSION): Promise<string> {
  const folder = version.endsWith('-tampered') ? VERSION : version;
  const sri = JSON.parse(await readFile(join(tmp, folder === VERSION ? 'current' : 'other', 'sri.json'), 'utf8')) as Record<string, string>;
  return snippet
    .replace(/src="[^"]*\/([\w.-]+\.js)" integrity="sha384-…"/g, (_all, file: string) => `src="${site.cdnUrl}${cdnPath(version)}${file}" integrity="${sri[file]}"`)
    .replace('<trusset-verify ', `<trusset-verify verify-hosts="${new URL(site.mock.url).host}" `);
}

/** A fresh page with the test wallet installed before any script, and everything it does recorded. */
async function openPage() {
  const context = await browser.newContext();
  await context.addInitScript({ content: wallet });
  const page = await context.newPage();
  pages.push(page);
  const problems: string[] = [];
  const warnings: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return { page, problems, warnings, requests };
}

async function completeFlow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Country of residence').selectOption('DE');
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await page.waitForURL(`${site.mock.url}/link/**`);
}

function chunkOf(source: string): string {
  const chunk = current.chunks.find((each) => each.facadeModuleId?.endsWith(source));
  if (!chunk) throw new Error(`no chunk is built from ${source}`);
  return chunk.fileName;
}

const strictCsp = (policies: string) => `default-src 'none'; script-src 'nonce-cdn-test'; connect-src 'self'; img-src data:; require-trusted-types-for 'script'; trusted-types ${policies}`;

const entryScripts = (page: Page, url: string) => page.evaluate((src) => [...document.scripts].filter((script) => script.src === src).length, url);

describe('the CDN build', () => {
  it('is documented with the package version in the path and an integrity attribute', () => {
    const { module, loader } = documentedSnippets();

    expect(module).toContain(`<script type="module" src="${DOCUMENTED_BASE}trusset-verify.js" integrity="sha384-…" crossorigin="anonymous"></script>`);
    expect(loader).toContain(`<script src="${DOCUMENTED_BASE}trusset-verify.loader.js" integrity="sha384-…" crossorigin="anonymous"></script>`);
    expect(module).toContain('<trusset-verify endpoint="/api/trusset"></trusset-verify>');
    expect(loader).toContain('<trusset-verify endpoint="/api/trusset"></trusset-verify>');
  });

  it("writes the SRI hashes of the entry and the loader to sri.json, and bakes the entry's into the loader", async () => {
    const sha384 = async (file: string) =>
      `sha384-${createHash('sha384')
        .update(await readFile(join(current.outDir, file)))
        .digest('base64')}`;

    const sri = JSON.parse(await readFile(join(current.outDir, 'sri.json'), 'utf8')) as Record<string, string>;
    const loader = await readFile(join(current.outDir, 'trusset-verify.loader.js'), 'utf8');

    expect(sri).toEqual({ version: VERSION, 'trusset-verify.js': await sha384('trusset-verify.js'), 'trusset-verify.loader.js': await sha384('trusset-verify.loader.js') });
    expect(loader).toContain(sri['trusset-verify.js']);
    expect(Buffer.byteLength(loader)).toBeLessThan(1024);
    expect(current.chunks.filter((chunk) => !chunk.isEntry).every((chunk) => /^chunks\/[\w.-]+-[\w-]{8}\.js$/.test(chunk.fileName))).toBe(true);
  });

  describe.each([
    ['the module snippet', 'module', undefined],
    ['the loader snippet', 'loader', undefined],
    // Scripts allowed by nonce only and Trusted Types enforced: the nonce reaches every chunk, the
    // element needs only Lit's policy, and the loader its own (docs/csp.md).
    ['the module snippet under a strict CSP with Trusted Types', 'module', strictCsp('lit-html')],
    ['the loader snippet under a strict CSP with Trusted Types', 'loader', strictCsp('trusset-verify-loader lit-html')],
  ] as const)('%s on a page of another origin', (_name, kind, csp) => {
    it("completes the flow to the mock's verification page, chunks coming from the CDN's versioned path", async () => {
      let html = await personalise(documentedSnippets()[kind]);
      if (csp) html = html.replace('<script ', '<script nonce="cdn-test" ');
      const url = site.page(html, csp ? { csp } : {});
      const { page, problems, requests } = await openPage();

      await page.goto(url);
      await completeFlow(page);

      const cdnBase = `${site.cdnUrl}${cdnPath(VERSION)}`;
      const [link] = site.mock.links().slice(-1);
      expect(link?.walletAddress).toBe(testAccount.address);
      expect(page.url()).toBe(link?.url);
      expect(problems).toEqual([]);
      expect(
        requests
          .filter((request) => !request.startsWith('data:'))
          .map((request) => new URL(request).origin)
          .filter((origin) => ![site.siteUrl, site.cdnUrl, site.mock.url].includes(origin)),
      ).toEqual([]);
      expect(requests.filter((request) => request.startsWith(site.cdnUrl)).every((request) => request.startsWith(cdnBase))).toBe(true);
      expect(requests.filter((request) => request.includes('/chunks/')).every((request) => request.startsWith(`${cdnBase}chunks/`))).toBe(true);
      expect(requests).toEqual(expect.arrayContaining([`${cdnBase}trusset-verify.js`, `${cdnBase}${chunkOf('src/wallet/load.ts')}`, `${cdnBase}${chunkOf('src/wallet/injected.ts')}`]));
    }, 60_000);

    it('refuses an entry whose bytes changed on the CDN', async () => {
      let html = await personalise(documentedSnippets()[kind], `${VERSION}-tampered`);
      if (csp) html = html.replace('<script ', '<script nonce="cdn-test" ');
      const { page, problems, requests } = await openPage();

      await page.goto(site.page(html, csp ? { csp } : {}));

      await expect.poll(() => problems.join('\n')).toMatch(/integrity/);
      expect(await page.evaluate(() => customElements.get('trusset-verify'))).toBeUndefined();
      expect(requests.filter((request) => request.includes('/chunks/'))).toEqual([]);
    });
  });

  it.each([
    ['', undefined],
    [', under a strict CSP whose nonce the preloads carry', strictCsp('lit-html')],
  ] as const)("prefetches Web3Modal's chunks from the CDN's versioned path, not the page's, when project-id is set%s", async (_name, csp) => {
    let html = (await personalise(documentedSnippets().module)).replace('<trusset-verify ', '<trusset-verify project-id="cdn-test" ');
    if (csp) html = html.replace('<script ', '<script nonce="cdn-test" ');
    const { page, problems, requests } = await openPage();
    const cdnBase = `${site.cdnUrl}${cdnPath(VERSION)}`;
    const web3ModalChunk = `${cdnBase}${chunkOf('src/wallet/web3modal.ts')}`;

    await page.goto(site.page(html, csp ? { csp } : {}));
    await expect.poll(() => requests.includes(web3ModalChunk), { timeout: 15_000 }).toBe(true);

    const preloads = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload]')].map((link) => link.href));
    expect(preloads).toContain(web3ModalChunk);
    expect(preloads.every((href) => href.startsWith(`${cdnBase}chunks/`))).toBe(true);
    expect(await page.evaluate(() => customElements.get('w3m-modal'))).toBeUndefined();
    expect(problems).toEqual([]);
  });

  describe('loaded twice', () => {
    it('adds one module script for the loader snippet twice', async () => {
      const snippet = await personalise(documentedSnippets().loader);
      const { page, problems, warnings, requests } = await openPage();

      await page.goto(site.page(`${snippet}${snippet}`));
      await page.getByRole('button', { name: 'Connect wallet' }).first().waitFor();

      const entry = `${site.cdnUrl}${cdnPath(VERSION)}trusset-verify.js`;
      expect(await entryScripts(page, entry)).toBe(1);
      expect(requests.filter((request) => request === entry)).toHaveLength(1);
      expect(await page.getByRole('button', { name: 'Connect wallet' }).count()).toBe(2);
      expect(problems).toEqual([]);
      expect(warnings).toEqual([]);
    });

    it('adds nothing for the loader beside the module snippet, and defines the tag once without a word', async () => {
      const { module, loader } = documentedSnippets();
      const html = await personalise(`${module}${module}${loader}`);
      const { page, problems, warnings, requests } = await openPage();

      await page.goto(site.page(html));
      await page.getByRole('button', { name: 'Connect wallet' }).first().waitFor();

      const entry = `${site.cdnUrl}${cdnPath(VERSION)}trusset-verify.js`;
      expect(await entryScripts(page, entry)).toBe(2);
      expect(requests.filter((request) => request === entry)).toHaveLength(1);
      expect(await page.evaluate(() => (customElements.get('trusset-verify') as unknown as { version: string }).version)).toBe(VERSION);
      expect(await page.getByRole('button', { name: 'Connect wallet' }).count()).toBe(3);
      expect(problems).toEqual([]);
      expect(warnings).toEqual([]);
    });

    it('keeps the first version and warns once when another version loads after it', async () => {
      const { module } = documentedSnippets();
      const html = `${await personalise(module)}${await personalise(module, OTHER_VERSION)}`;
      const { page, problems, warnings } = await openPage();

      await page.goto(site.page(html));
      await page.getByRole('button', { name: 'Connect wallet' }).first().waitFor();
      await expect.poll(() => warnings.length).toBeGreaterThan(0);

      expect(await page.evaluate(() => (customElements.get('trusset-verify') as unknown as { version: string }).version)).toBe(VERSION);
      expect(warnings).toEqual([`<trusset-verify>: version ${VERSION} is already defined on this page; this copy (${OTHER_VERSION}) is not used. Load the script once.`]);
      expect(problems).toEqual([]);
    });
  });
});
