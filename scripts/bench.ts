/**
 * `npm run bench [-- --runs N --network 4g]`: builds the CDN bundle and a baseline (a plain
 * Lit element, built in the same run), serves both gzipped from 127.0.0.1 and loads them in
 * headless Chromium with 4x CPU throttling, a fresh browser context per page load, N runs
 * (default 7). Prints medians, the widget beside the baseline: script time, time to the element's
 * first render, and time from a Connect click to the wallet list being visible — the built-in
 * list (clicked at once, and after the pointer rested on Connect), and Web3Modal's with and
 * without the chunk prefetched. `--network 4g` adds a network of
 * 40 ms round trips and 20 Mbit/s, where the prefetch has something to save; on 127.0.0.1 a
 * fetch costs next to nothing. Timings are figures to read, not assertions: `npm test` only
 * checks that one run still prints them all (test/e2e/bench.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { launchChromium } from '../test/support/chromium.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const CPU_THROTTLING = 4;
const WALLET_RDNS = 'org.trusset.bench-wallet';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number, got ${process.argv[index + 1]}`);
  return value;
}
const RUNS = argument('runs', 7);

/** Chromium's network emulation: latency in ms, throughputs in bytes per second. */
const NETWORKS = { '4g': { offline: false, latency: 40, downloadThroughput: (20 * 1e6) / 8, uploadThroughput: (5 * 1e6) / 8 } } as const;
const networkIndex = process.argv.indexOf('--network');
const networkName = networkIndex >= 0 ? process.argv[networkIndex + 1] : undefined;
if (networkName !== undefined && !(networkName in NETWORKS)) throw new Error(`--network takes ${Object.keys(NETWORKS).join(', ')}, got ${networkName}`);
const NETWORK = networkName ? NETWORKS[networkName as keyof typeof NETWORKS] : undefined;

type Output = Rolldown.RolldownOutput | Rolldown.RolldownOutput[];

/** The entry's file name in a build's output. */
function entryFile(output: Output, name: string): string {
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((each) => each.output);
  const entry = chunks.find((item): item is Rolldown.OutputChunk => item.type === 'chunk' && item.isEntry && item.name === name);
  if (!entry) throw new Error(`no ${name} entry in the build output`);
  return entry.fileName;
}

// Both builds go to temporary folders: a bench run never rewrites dist/cdn under a running test.
const work = mkdtempSync(join(tmpdir(), 'trusset-bench-'));
const widgetDir = join(work, 'cdn');
const baselineDir = join(work, 'baseline');
const widgetEntry = entryFile((await build({ root, logLevel: 'error', build: { outDir: widgetDir, emptyOutDir: true } })) as Output, 'trusset-verify');
const baselineEntry = entryFile(
  (await build({
    root,
    configFile: false,
    logLevel: 'error',
    build: {
      target: 'es2022',
      outDir: baselineDir,
      emptyOutDir: true,
      lib: { entry: { 'bench-baseline': join(root, 'scripts/bench/baseline-element.ts') }, formats: ['es'] },
      rolldownOptions: { output: { minify: true, entryFileNames: '[name].js' } },
    },
  })) as Output,
  'bench-baseline',
);

/**
 * Two installed wallets, announced through EIP-6963 (two, so that the built-in list shows rather
 * than connecting the only one), the first also as `window.ethereum` (Web3Modal 5.1.11 lists a
 * wallet only then). They never connect: the bench stops at the list.
 */
const WALLETS_SCRIPT = `(() => {
  const icon = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#3b6"/></svg>');
  const wallet = (name, rdns) => {
    const provider = {
      async request({ method }) {
        if (method === 'eth_accounts') return [];
        if (method === 'eth_chainId') return '0x1';
        throw Object.assign(new Error('The bench wallet does not answer ' + method), { code: 4200 });
      },
      on() { return provider; },
      removeListener() { return provider; },
    };
    const detail = Object.freeze({ info: Object.freeze({ uuid: crypto.randomUUID(), name, icon, rdns }), provider });
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
    return provider;
  };
  window.ethereum = wallet('Bench Wallet', '${WALLET_RDNS}');
  wallet('Second Bench Wallet', 'org.trusset.second-bench-wallet');
})();`;

function page(body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>trusset-verify bench</title>
<script>${WALLETS_SCRIPT}</script>
<script type="module" src="${script}"></script>
</head>
<body>${body}</body>
</html>`;
}

const PAGES: Record<string, string> = {
  '/widget.html': page('<trusset-verify endpoint="/api/trusset"></trusset-verify>', `/cdn/${widgetEntry}`),
  '/widget-web3modal.html': page('<trusset-verify endpoint="/api/trusset" project-id="bench-project-id"></trusset-verify>', `/cdn/${widgetEntry}`),
  '/baseline.html': page('<bench-baseline></bench-baseline>', `/baseline/${baselineEntry}`),
};

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Gzipped once, as a CDN would serve them. */
const gzipped = new Map<string, Buffer>();

function serveFile(dir: string, path: string): { body: Buffer; type: string } | undefined {
  const file = normalize(join(dir, decodeURIComponent(path)));
  if (!file.startsWith(resolve(dir))) return undefined;
  try {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(file)));
    return { body: gzipped.get(file)!, type: TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

const server: Server = createServer((request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
  const html = PAGES[pathname];
  const file = html
    ? { body: gzipSync(html), type: 'text/html' }
    : pathname.startsWith('/cdn/')
      ? serveFile(widgetDir, pathname.slice('/cdn/'.length))
      : pathname.startsWith('/baseline/')
        ? serveFile(baselineDir, pathname.slice('/baseline/'.length))
        : undefined;
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': file.type, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
  response.end(file.body);
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Instrumentation {
  /** The element whose Connect button's first showing is the first render. */
  tag: string;
  /** What shows once the wallet list is visible (searched through shadow roots). */
  list: string;
  /** Keep `requestIdleCallback` from ever firing: the Web3Modal prefetch waits for an idle page. */
  holdIdle: boolean;
}

/**
 * Runs in every page before its own scripts: records, in `performance.now()` time, the frame in
 * which the element's Connect button first shows, the Connect click, and the frame in which the
 * wallet list shows (checked once per animation frame from the click on, so that a figure is when
 * a person could see it, not when a node was inserted). Plain JavaScript in a string: a function
 * compiled by tsx would carry its `__name` helper into the page.
 */
const INSTRUMENT = `(({ tag, list, holdIdle }) => {
  const bench = { firstRender: 0, click: 0, list: 0 };
  window.__bench = bench;
  if (holdIdle) window.requestIdleCallback = () => 0;
  const deepQuery = (scope, selector) => {
    const found = scope.querySelector(selector);
    if (found) return found;
    for (const element of scope.querySelectorAll('*')) {
      const inner = element.shadowRoot && deepQuery(element.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  const shows = (element) => !!element && element.getBoundingClientRect().height > 0;
  const watchFirstRender = () => {
    if (shows(document.querySelector(tag)?.shadowRoot?.querySelector('[part=connect-button]'))) bench.firstRender = performance.now();
    else requestAnimationFrame(watchFirstRender);
  };
  requestAnimationFrame(watchFirstRender);
  const watchList = () => {
    if (shows(deepQuery(document, list))) bench.list = performance.now();
    else requestAnimationFrame(watchList);
  };
  addEventListener('click', () => {
    if (bench.click) return;
    bench.click = performance.now();
    requestAnimationFrame(watchList);
  }, true);
})`;

interface Load {
  page: Page;
  close(): Promise<void>;
  scriptMs(): Promise<number>;
}

/** A fresh context and page, 4x CPU throttling, the instrumentation in place, the page loaded. */
async function open(browser: Browser, path: string, options: Instrumentation): Promise<Load> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  await cdp.send('Performance.enable');
  if (NETWORK) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
  }
  await page.addInitScript({ content: `${INSTRUMENT}(${JSON.stringify(options)});` });
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __bench: { firstRender: number } }).__bench.firstRender > 0, undefined, { timeout: 30_000 });
  return {
    page,
    close: () => context.close(),
    async scriptMs() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const seconds = metrics.find((metric) => metric.name === 'ScriptDuration')?.value;
      if (seconds === undefined) throw new Error('Chromium reported no ScriptDuration');
      return seconds * 1000;
    },
  };
}

type Marks = { firstRender: number; click: number; list: number };
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);

/** Clicks Connect and returns the milliseconds from the click to the wallet list showing. */
async function clickToList(page: Page, button: string): Promise<number> {
  await page.locator(button).click();
  await page.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.list > 0, undefined, { timeout: 30_000 });
  const { click, list } = await marks(page);
  return list - click;
}

/** Waits until every `<link rel="modulepreload">` the widget added has arrived and the page is idle again. */
async function prefetched(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
      return links.length > 0 && links.every((link) => (performance.getEntriesByName(link.href)[0] as PerformanceResourceTiming | undefined)?.responseEnd);
    },
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
}

const ROWS = [
  ['script', 'script time (page load, until the network is idle)'],
  ['firstRender', 'first render (navigation start to Connect button)'],
  ['builtIn', 'Connect click to wallet list: built-in list'],
  ['builtInWarm', 'Connect click to wallet list: built-in list, pointer first'],
  ['web3modalCold', 'Connect click to wallet list: Web3Modal, no prefetch'],
  ['web3modalWarm', 'Connect click to wallet list: Web3Modal, prefetched'],
] as const;
type Row = (typeof ROWS)[number][0];
const figures = { widget: new Map<Row, number[]>(), baseline: new Map<Row, number[]>() };
const record = (side: keyof typeof figures, row: Row, value: number) => figures[side].set(row, [...(figures[side].get(row) ?? []), value]);

const WIDGET = { tag: 'trusset-verify', button: 'trusset-verify [part=connect-button]' };
const BASELINE = { tag: 'bench-baseline', button: 'bench-baseline [part=connect-button]', list: 'bench-baseline [part=wallet-list] [part=wallet-button]' };

async function run(browser: Browser): Promise<void> {
  const widget = await open(browser, '/widget.html', { tag: WIDGET.tag, list: '[part=wallet-list] [part=wallet-button]', holdIdle: false });
  await widget.page.waitForLoadState('networkidle');
  record('widget', 'script', await widget.scriptMs());
  record('widget', 'firstRender', (await marks(widget.page)).firstRender);
  record('widget', 'builtIn', await clickToList(widget.page, WIDGET.button));
  await widget.close();

  // As the prefetched Web3Modal row: the pointer rests on Connect (which loads the list's code) until the page is idle.
  const warmList = await open(browser, '/widget.html', { tag: WIDGET.tag, list: '[part=wallet-list] [part=wallet-button]', holdIdle: false });
  await warmList.page.waitForLoadState('networkidle');
  await warmList.page.locator(WIDGET.button).hover();
  await warmList.page.waitForLoadState('networkidle');
  await warmList.page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
  record('widget', 'builtInWarm', await clickToList(warmList.page, WIDGET.button));
  await warmList.close();

  const baseline = await open(browser, '/baseline.html', { tag: BASELINE.tag, list: '[part=wallet-list] [part=wallet-button]', holdIdle: false });
  await baseline.page.waitForLoadState('networkidle');
  record('baseline', 'script', await baseline.scriptMs());
  record('baseline', 'firstRender', (await marks(baseline.page)).firstRender);
  const baselineClick = await clickToList(baseline.page, BASELINE.button);
  for (const row of ['builtIn', 'builtInWarm', 'web3modalCold', 'web3modalWarm'] as const) record('baseline', row, baselineClick);
  await baseline.close();

  const web3ModalList = `[data-testid="wallet-selector-${WALLET_RDNS}"]`;
  const cold = await open(browser, '/widget-web3modal.html', { tag: WIDGET.tag, list: web3ModalList, holdIdle: true });
  record('widget', 'web3modalCold', await clickToList(cold.page, WIDGET.button));
  await cold.close();

  const warm = await open(browser, '/widget-web3modal.html', { tag: WIDGET.tag, list: web3ModalList, holdIdle: false });
  await warm.page.locator(WIDGET.button).hover();
  await prefetched(warm.page);
  record('widget', 'web3modalWarm', await clickToList(warm.page, WIDGET.button));
  await warm.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const browser = await launchChromium();
const started = Date.now();
try {
  for (let index = 0; index < RUNS; index++) await run(browser);
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

const label = Math.max(...ROWS.map(([, text]) => text.length));
const networkText = NETWORK ? `, network ${networkName} (${NETWORK.latency} ms round trip, ${(NETWORK.downloadThroughput * 8) / 1e6} Mbit/s)` : '';
console.log(
  `trusset-verify bench: headless Chromium, ${CPU_THROTTLING}x CPU throttling${networkText}, median of ${RUNS} run${RUNS === 1 ? '' : 's'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
console.log(`${''.padEnd(label)}  ${'widget'.padStart(9)}  ${'baseline'.padStart(9)}`);
for (const [row, text] of ROWS) {
  const cell = (side: keyof typeof figures) => `${median(figures[side].get(row)!).toFixed(0)} ms`.padStart(9);
  console.log(`${text.padEnd(label)}  ${cell('widget')}  ${cell('baseline')}`);
}
console.log('baseline: a plain Lit element whose button renders a two-row list on click (its click time stands beside each click row).');
