import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener } from '../../src/kit/index.js';
import { launchChromium } from '../support/chromium.js';
import { closeServer, listen } from '../support/kit.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
type Output = Rolldown.RolldownOutput | Rolldown.RolldownOutput[];

function chunks(output: Output): Rolldown.OutputChunk[] {
  return (Array.isArray(output) ? output : [output]).flatMap((each) => each.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
}

function entryFile(output: Output, name: string): string {
  const entry = chunks(output).find((chunk) => chunk.isEntry && chunk.name === name);
  if (!entry) throw new Error(`no ${name} entry in the build output`);
  return entry.fileName;
}

/** The URL path of the chunk that holds a module of ours, whatever the build names its chunks. */
function chunkPath(output: Output, source: string): string {
  const chunk = chunks(output).find((each) => Object.keys(each.modules).some((id) => id.endsWith(source)));
  if (!chunk) throw new Error(`no chunk holds ${source}`);
  return `/cdn/${chunk.fileName}`;
}

let work: string;
let widgetEntry: string;
/** The widget's lazy wallet chunks: each source's own. */
let walletChunks: Record<'injected' | 'hostConfig' | 'web3modal', string>;
let hostEntry: string;
let mock: RunningMockTrusset;
let server: Server;
let origin: string;
let browser: Browser;

// The widget as partners load it (the CDN build, its own copy of Web3Modal) beside a host page
// that bundled its own Web3Modal: what the vitest browser tests cannot show, since there the two
// share one copy of every module.
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trusset-host-web3modal-'));
  const [widget, host] = await Promise.all([
    build({ root, logLevel: 'error', build: { outDir: join(work, 'cdn'), emptyOutDir: true } }),
    build({
      root,
      configFile: false,
      logLevel: 'error',
      build: {
        target: 'es2022',
        outDir: join(work, 'host'),
        emptyOutDir: true,
        minify: false,
        lib: { entry: { host: join(root, 'test/e2e/host-web3modal/host-page.ts') }, formats: ['es'] },
        rolldownOptions: { output: { entryFileNames: '[name].js' } },
      },
    }),
  ]);
  widgetEntry = entryFile(widget as Output, 'trusset-verify');
  walletChunks = {
    injected: chunkPath(widget as Output, 'src/wallet/injected.ts'),
    hostConfig: chunkPath(widget as Output, 'src/wallet/host-config.ts'),
    web3modal: chunkPath(widget as Output, 'src/wallet/web3modal.ts'),
  };
  hostEntry = entryFile(host as Output, 'host');
  mock = await startMockTrusset();

  let kit: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname.startsWith('/api/trusset/')) return kit!(req, res);
    if (pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<script type="module" src="/host/${hostEntry}"></script></head>
<body><h1>A page with its own Web3Modal</h1></body></html>`);
      return;
    }
    const [, folder, ...rest] = pathname.split('/');
    const file = normalize(join(work, folder ?? '', ...rest));
    if ((folder === 'cdn' || folder === 'host') && file.startsWith(join(work, folder))) {
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
        res.end(body);
        return;
      } catch {
        // Falls through to 404.
      }
    }
    res.writeHead(404).end();
  });
  origin = await listen(server);
  kit = toNodeListener(
    createTrussetHandler({
      apiKey: MOCK_API_KEY,
      apiBase: mock.url,
      basePath: '/api/trusset',
      allowedOrigins: [origin],
      allowAnonymous: true,
      verifyHosts: [new URL(mock.url).host],
      logger: { info() {}, warn() {}, error: (message, fields) => console.error(message, fields) },
    }),
  );
  browser = await launchChromium();
}, 120_000);

beforeEach(() => mock.reset());
afterAll(async () => {
  await browser?.close();
  if (server) await closeServer(server);
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The host page with its Web3Modal running, and what the test watches on it. */
async function openHostPage() {
  const page = await browser.newPage();
  const errors: string[] = [];
  const infos: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'info') infos.push(message.text());
  });
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(origin);
  // The host's script sets `__host` once its Web3Modal defined `<w3m-modal>`.
  await page.waitForFunction(() => Boolean((window as { __host?: unknown }).__host), undefined, { timeout: 30_000 });
  const host = await page.evaluate(() => {
    const { address, rdns } = (window as unknown as { __host: { address: string; rdns: string } }).__host;
    return { address, rdns };
  });
  return { page, errors, infos, requested, host };
}

/** Loads the CDN build after the host's Web3Modal, as a partner's snippet further down the page would, and adds the element. */
async function mountWidget(page: Page, attributes: Record<string, string>, withHostConfig = false): Promise<void> {
  await page.addScriptTag({ type: 'module', url: `/cdn/${widgetEntry}` });
  const all = { endpoint: '/api/trusset', country: 'DE', redirect: 'none', 'verify-hosts': new URL(mock.url).host, ...attributes };
  await page.evaluate(
    ({ all, withHostConfig }) => {
      const el = document.createElement('trusset-verify');
      for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
      if (withHostConfig) Object.assign(el, { wagmiConfig: (window as unknown as { __host: { config: unknown } }).__host.config });
      document.body.append(el);
    },
    { all, withHostConfig },
  );
}

describe('the CDN build on a page that already runs its own bundled Web3Modal (or Reown AppKit)', () => {
  it("uses its built-in list, logs one line, loads no Web3Modal of its own, completes the flow and leaves the host's modal working", async () => {
    const { page, errors, infos, requested, host } = await openHostPage();

    await mountWidget(page, { 'project-id': 'partner-project-id' });
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    const list = page.getByRole('list', { name: 'Choose a wallet' });
    await list.waitFor();
    const rows = await list.getByRole('button').allTextContents();
    await list.getByRole('button', { name: 'Test Wallet' }).click();
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByRole('button', { name: 'Verify identity' }).click();
    const continueLink = page.getByRole('link', { name: 'Continue to verification' });
    await continueLink.waitFor();

    expect(rows.map((row) => row.trim())).toEqual(['Test Wallet', 'Second Wallet']);
    expect(new URL((await continueLink.getAttribute('href'))!).host).toBe(new URL(mock.url).host);
    expect(mock.links().map((link) => link.walletAddress)).toEqual([host.address]);
    expect(infos.filter((line) => line.includes('trusset-verify'))).toEqual([expect.stringMatching(/already runs Web3Modal or AppKit/)]);
    expect(requested).toContain(walletChunks.injected);
    expect(requested).not.toContain(walletChunks.web3modal);
    expect(await page.locator('w3m-modal').count()).toBe(1);

    await page.evaluate(() => (window as unknown as { __host: { modal: { open(options: object): Promise<void> } } }).__host.modal.open({ view: 'Connect' }));
    await page.getByTestId(`wallet-selector-${host.rdns}`).waitFor({ state: 'visible' });
    await page.evaluate(() => (window as unknown as { __host: { modal: { close(): Promise<void> } } }).__host.modal.close());
    await page.getByTestId('w3m-header-close').waitFor({ state: 'detached' });

    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it("given the host's wagmiConfig (another copy of wagmi), connects through it and completes the flow", async () => {
    const { page, errors, requested, host } = await openHostPage();

    await mountWidget(page, {}, true);
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await page.getByRole('link', { name: 'Continue to verification' }).waitFor();

    expect(mock.links().map((link) => link.walletAddress)).toEqual([host.address]);
    expect(await page.evaluate(() => (window as unknown as { __host: { status(): string } }).__host.status())).toBe('connected');
    // The host's Web3Modal saw its own config connect.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __host: { modal: { getCaipAddress(): string | undefined } } }).__host.modal.getCaipAddress())).toBe(`eip155:1:${host.address}`);
    expect(requested).toContain(walletChunks.hostConfig);
    expect(requested).not.toContain(walletChunks.web3modal);
    expect(requested).not.toContain(walletChunks.injected);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
