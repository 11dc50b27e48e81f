import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { startMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener } from '../../src/kit/index.js';
import { captureLogger, closeServer, kitOptions, listen, type LogLine } from './kit.js';

/**
 * What a partner's deployment of the CDN build looks like, on 127.0.0.1: a CDN on its own origin
 * (`http://localhost:…`, files under a versioned path, CORS open as jsDelivr's are), and the
 * partner's site on another (`http://127.0.0.1:…`) serving a page and the backend kit at
 * `/api/trusset`, in front of the mock Trusset API on a third.
 */

export interface CdnFolder {
  /** Path the folder is served under, such as `/npm/trusset-verify@0.1.0/dist/cdn/`. */
  path: string;
  dir: string;
  /** Changes a file's bytes on the way out (a compromised CDN). */
  tamper?: (file: string, bytes: Buffer) => Buffer;
}

export interface PageOptions {
  /** `Content-Security-Policy` header of the page. */
  csp?: string;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };

export async function startCdnSite(folders: CdnFolder[]) {
  const cdnRequests: string[] = [];
  const cdn = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    cdnRequests.push(path);
    const folder = folders.find((each) => path.startsWith(each.path));
    const file = folder && normalize(path.slice(folder.path.length));
    if (!folder || !file || file.startsWith('..') || !TYPES[file.slice(file.lastIndexOf('.'))]) return void res.writeHead(404).end();
    try {
      const bytes = await readFile(join(folder.dir, file));
      res.writeHead(200, { 'Content-Type': TYPES[file.slice(file.lastIndexOf('.'))]!, 'Access-Control-Allow-Origin': '*' });
      res.end(folder.tamper ? folder.tamper(file, bytes) : bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  const cdnUrl = (await listen(cdn)).replace('127.0.0.1', 'localhost');

  const mock = await startMockTrusset();
  const logs: LogLine[] = [];
  const pages = new Map<string, { html: string; options: PageOptions }>();
  let kitListener: ReturnType<typeof toNodeListener> | undefined;
  const site = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/trusset/')) return void kitListener?.(req, res);
    const page = pages.get(path);
    if (!page) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.options.csp ? { 'Content-Security-Policy': page.options.csp } : {}) });
    res.end(page.html);
  });
  const siteUrl = await listen(site);
  const logger = captureLogger(logs);
  kitListener = toNodeListener(createTrussetHandler(kitOptions(mock.url, logger, { allowedOrigins: [siteUrl] })), { logger });

  let pageCount = 0;
  return {
    cdnUrl,
    siteUrl,
    mock,
    logs,
    /** Paths asked of the CDN, in order. */
    cdnRequests,
    /** Serves `html`, exactly as given, at a fresh path of the site; returns its URL. */
    page(html: string, options: PageOptions = {}): string {
      const path = `/page-${++pageCount}.html`;
      pages.set(path, { html, options });
      return `${siteUrl}${path}`;
    },
    async close() {
      await Promise.all([closeServer(cdn), closeServer(site), mock.close()]);
    },
  };
}

export type CdnSite = Awaited<ReturnType<typeof startCdnSite>>;

/** test/support/cdn-page-wallet.ts as one classic script, for `addInitScript`. */
export async function pageWalletScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry: fileURLToPath(new URL('./cdn-page-wallet.ts', import.meta.url)), formats: ['iife'], name: 'trussetTestWallet' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((each) => each.output).find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('The page wallet did not build.');
  return chunk.code;
}
