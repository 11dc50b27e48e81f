import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin, ViteDevServer } from 'vite';
import { createMockTrusset, MOCK_API_KEY } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener, type TrussetHandlerOptions } from '../../src/server/index.js';

/** One scripted answer of the raw backend: what a broken or hostile partner backend might send. */
export interface RawAnswer {
  route: 'nonce' | 'id-links';
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  delayMs?: number;
  /** Never answer (until the client gives up). */
  hang?: boolean;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Kit variants, each under its own path, so one test server serves every configuration. */
const KITS: Record<string, Partial<TrussetHandlerOptions>> = {
  '/api/trusset': {},
  '/api/trusset-newer': { fieldStyle: 'newer' },
  '/api/trusset-sepolia': { siwe: { chainIds: [11155111] } },
  // Slower to give up on Trusset than the widget's 20 s, to test a retry after the widget's timeout.
  '/api/trusset-patient': { upstreamTimeoutMs: 30_000 },
  // Hands a wallet its open link again, and lets the widget resume it after a reload.
  '/api/trusset-reuse': { reuseOpenLinks: true },
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Mounts, on the test page's own server (same origin, so SIWE names the page's host):
 * - the backend kit under `/api/trusset*`, talking over HTTP to
 * - the mock Trusset API (`/customers/api/*`, the hosted page at `/link/*`, controls at `/__mock/*`);
 * - a raw, scriptable backend under `/raw-backend/*` (answers queued through `POST /__test/raw-answers`,
 *   requests read back through `GET /__test/raw-requests`) for answers the kit itself would never give.
 */
export function testBackend(): Plugin {
  const mock = createMockTrusset();
  const mockListener = toNodeListener((request) => mock.fetch(request));
  let kits: Map<string, Listener> | undefined;
  let answers: RawAnswer[] = [];
  let rawRequests: RawRequest[] = [];

  function kitsFor(server: ViteDevServer): Map<string, Listener> {
    if (kits) return kits;
    const { port } = server.httpServer!.address() as AddressInfo;
    const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    kits = new Map(
      Object.entries(KITS).map(([basePath, options]) => [
        basePath,
        toNodeListener(
          createTrussetHandler({
            apiKey: MOCK_API_KEY,
            apiBase: origins[0],
            basePath,
            allowedOrigins: origins,
            allowAnonymous: true,
            linksPerHour: 100_000,
            rateLimits: { nonce: { limit: 100_000, windowMs: 60_000 }, create: { limit: 100_000, windowMs: 60_000 }, status: { limit: 100_000, windowMs: 60_000 } },
            verifyHosts: origins.map((origin) => new URL(origin).host),
            logger: { info() {}, warn() {}, error: (message, fields) => console.error(message, fields) },
            ...options,
          }),
        ),
      ]),
    );
    return kits;
  }

  async function raw(server: ViteDevServer, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = path === '/raw-backend/nonce' ? 'nonce' : path === '/raw-backend/id-links' ? 'id-links' : undefined;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    rawRequests.push({ method: req.method ?? 'GET', path, headers, body });
    const index = answers.findIndex((answer) => answer.route === route);
    const answer = index >= 0 ? answers.splice(index, 1)[0] : undefined;
    if (!answer) {
      // Unscripted nonces come from the real kit, so that a scripted link answer can follow a real sign-in.
      if (route === 'nonce') {
        req.url = '/api/trusset/nonce';
        // The Node adapter prefers originalUrl (Express sets it): it must name the kit's route too.
        (req as IncomingMessage & { originalUrl?: string }).originalUrl = '/api/trusset/nonce';
        return kitsFor(server).get('/api/trusset')!(req, res);
      }
      return sendJson(res, 500, { success: false, error: { code: 'NO_SCRIPTED_ANSWER' } });
    }
    if (answer.hang) {
      req.socket.once('close', () => res.destroy());
      return;
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null));
  }

  return {
    name: 'trusset-test-backend',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const kitPath = [...Object.keys(KITS)].sort((a, b) => b.length - a.length).find((base) => path.startsWith(`${base}/`));
        if (kitPath) return void kitsFor(server).get(kitPath)!(req, res);
        if (path.startsWith('/customers/api/') || path.startsWith('/link/') || path.startsWith('/__mock/')) return void mockListener(req, res);
        if (path.startsWith('/raw-backend/')) return void raw(server, req, res, path).catch(next);
        if (path === '/__test/raw-answers' && req.method === 'POST') {
          return void readJson(req).then((body) => {
            answers.push(...((body as { answers: RawAnswer[] }).answers ?? []));
            res.statusCode = 204;
            res.end();
          });
        }
        if (path === '/__test/raw-requests') return sendJson(res, 200, rawRequests);
        if (path === '/__test/reset' && req.method === 'POST') {
          answers = [];
          rawRequests = [];
          mock.reset();
          res.statusCode = 204;
          return void res.end();
        }
        next();
      });
    },
  };
}
