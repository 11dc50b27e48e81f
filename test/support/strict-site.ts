import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener, type TrussetHandler } from '../../src/kit/index.js';
import { captureLogger, closeServer, kitOptions, listen, type LogLine } from './kit.js';

/** One answer of the kit, as it left the server. */
export interface KitAnswer {
  method: string;
  url: string;
  status: number;
  body: string;
}

export interface SelfHostedSiteOptions {
  /**
   * Serve the CDN build from a second origin (`http://localhost:…`, CORS open) instead of the
   * page's own `/cdn/`: `cdnUrl` then names that origin.
   */
  separateCdn?: boolean;
}

/**
 * A partner's site on 127.0.0.1: the CDN build under `/cdn/` of the page's own origin (so
 * `script-src 'self'` covers it) or of a second origin, pages with a `Content-Security-Policy`
 * header, and the backend kit at `/api/trusset` in front of the mock Trusset API on its own port.
 * The kit's log lines and every answer it sends are recorded.
 */
export async function startSelfHostedSite(cdnDir: string, options: SelfHostedSiteOptions = {}) {
  const mock = await startMockTrusset();
  const logs: LogLine[] = [];
  const answers: KitAnswer[] = [];
  const pages = new Map<string, { html: string; csp: string | undefined }>();
  let kitListener: ReturnType<typeof toNodeListener> | undefined;

  async function serveCdn(path: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const file = normalize(path.slice('/cdn/'.length));
    if (!path.startsWith('/cdn/') || file.startsWith('..') || !file.endsWith('.js')) return void res.writeHead(404).end();
    try {
      const bytes = await readFile(join(cdnDir, file));
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', ...headers }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  }

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path.startsWith('/api/trusset/')) return void kitListener?.(req, res);
    if (path.startsWith('/cdn/') && !options.separateCdn) return serveCdn(path, res, {});
    const page = pages.get(path);
    if (!page) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.csp ? { 'Content-Security-Policy': page.csp } : {}) }).end(page.html);
  });
  const url = await listen(server);
  const cdn = options.separateCdn ? createServer((req, res) => void serveCdn(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'), res, { 'Access-Control-Allow-Origin': '*' })) : undefined;
  const cdnUrl = cdn ? (await listen(cdn)).replace('127.0.0.1', 'localhost') : url;

  const logger = captureLogger(logs);
  const handler = createTrussetHandler(kitOptions(mock.url, logger, { allowedOrigins: [url] }));
  const recording: TrussetHandler = async (request, context) => {
    const response = await handler(request, context);
    answers.push({ method: request.method, url: request.url, status: response.status, body: await response.clone().text() });
    return response;
  };
  kitListener = toNodeListener(recording, { logger });

  let pageCount = 0;
  return {
    url,
    /** Origin the CDN build is served from, under `/cdn/`. */
    cdnUrl,
    mock,
    logs,
    answers,
    /** Serves `html` (under the header `Content-Security-Policy: csp`) at a fresh path; returns its URL. */
    page(html: string, csp?: string): string {
      const path = `/page-${++pageCount}.html`;
      pages.set(path, { html, csp });
      return `${url}${path}`;
    },
    async close() {
      await Promise.all([closeServer(server), cdn && closeServer(cdn), mock.close()]);
    },
  };
}

export type SelfHostedSite = Awaited<ReturnType<typeof startSelfHostedSite>>;

/** One file of test/support built into a classic script, for `addInitScript` (which no CSP governs). */
export async function classicScript(file: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry: fileURLToPath(new URL(file, import.meta.url)), formats: ['iife'], name: 'trussetTestScript' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((each) => each.output).find((item) => item.type === 'chunk');
  if (!chunk) throw new Error(`${file} did not build.`);
  return chunk.code;
}

export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  document: string;
  /** The element the violation is about (`img`, `style`, …), empty for the document itself. */
  element: string;
  /** Script that caused it, `file:line`. */
  source: string;
}

/**
 * Every `securitypolicyviolation` event of every document in `context`, and every console line in
 * which Chromium reports one (some, such as a blocked `@import`, raise no event). Reported through
 * a binding as they happen, so a navigation loses none.
 */
export async function recordViolations(context: BrowserContext): Promise<{ events: Violation[]; console: string[] }> {
  const events: Violation[] = [];
  const consoleLines: string[] = [];
  await context.exposeBinding('__trussetViolation', (_source, violation: Violation) => void events.push(violation));
  await context.addInitScript(() => {
    const report = (window as unknown as { __trussetViolation: (violation: unknown) => void }).__trussetViolation;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        report({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          sample: event.sample,
          document: event.documentURI,
          source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : '',
          element: event.composedPath()[0] instanceof Element ? (event.composedPath()[0] as Element).localName : '',
        }),
      true,
    );
  });
  context.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) consoleLines.push(message.text());
  });
  return { events, console: consoleLines };
}
