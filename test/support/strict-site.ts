import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startMockTrusset } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener } from '../../src/server/index.js';
import { captureLogger, closeServer, kitOptions, listen, type LogLine } from './kit.js';

/**
 * A partner that hosts everything itself, on one origin of 127.0.0.1: the CDN build under
 * `/cdn/` (so `script-src 'self'` covers it), pages with a `Content-Security-Policy` header, and
 * the backend kit at `/api/trusset`, in front of the mock Trusset API on its own port.
 */
export async function startSelfHostedSite(cdnDir: string) {
  const mock = await startMockTrusset();
  const logs: LogLine[] = [];
  const pages = new Map<string, { html: string; csp: string }>();
  let kitListener: ReturnType<typeof toNodeListener> | undefined;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path.startsWith('/api/trusset/')) return void kitListener?.(req, res);
    if (path.startsWith('/cdn/')) {
      const file = normalize(path.slice('/cdn/'.length));
      if (file.startsWith('..') || !file.endsWith('.js')) return void res.writeHead(404).end();
      try {
        const bytes = await readFile(join(cdnDir, file));
        return void res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(bytes);
      } catch {
        return void res.writeHead(404).end();
      }
    }
    const page = pages.get(path);
    if (!page) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': page.csp }).end(page.html);
  });
  const url = await listen(server);
  const logger = captureLogger(logs);
  kitListener = toNodeListener(createTrussetHandler(kitOptions(mock.url, logger, { allowedOrigins: [url] })), { logger });

  let pageCount = 0;
  return {
    url,
    mock,
    logs,
    /** Serves `html` under the header `Content-Security-Policy: csp` at a fresh path; returns its URL. */
    page(html: string, csp: string): string {
      const path = `/page-${++pageCount}.html`;
      pages.set(path, { html, csp });
      return `${url}${path}`;
    },
    async close() {
      await Promise.all([closeServer(server), mock.close()]);
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
