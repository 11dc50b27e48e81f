import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin, ViteDevServer } from 'vite';
import { createMockTrusset, MOCK_API_KEY } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener, type TrussetHandlerOptions } from '../../src/kit/index.js';
import type { BlackHole } from './dead-rpc.js';
import type { LocalChain } from './local-chain.js';

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
 *   requests read back through `GET /__test/raw-requests`) for answers the kit itself would never give;
 * - a local chain for the identity-registry read (`POST /__test/chain*`, see `chainRoute`).
 */
export function testBackend(): Plugin {
  const mock = createMockTrusset();
  const mockListener = toNodeListener((request) => mock.fetch(request));
  let kits: Map<string, Listener> | undefined;
  let answers: RawAnswer[] = [];
  let rawRequests: RawRequest[] = [];
  let clockOffsetMs = 0;
  let chain: Promise<LocalChain> | undefined;
  let blackHole: Promise<BlackHole> | undefined;

  /** One hardhat chain for the whole server, started on first use (hardhat loads only then). */
  function localChain(): Promise<LocalChain> {
    chain ??= import('./local-chain.js').then(({ startLocalChain }) => startLocalChain());
    chain.catch(() => (chain = undefined));
    return chain;
  }

  /**
   * The chain routes. The page calls the chain's RPC directly, cross-origin: hardhat's JSON-RPC
   * server answers every request, the preflight included, with `Access-Control-Allow-Origin: *`
   * and `Access-Control-Allow-Headers: *` (test/browser/registry-read.test.ts shows it does).
   * - `POST /__test/chain` → `{ rpcUrl, registry }`: a fresh IdentityRegistry on the one chain (id 1);
   * - `POST /__test/chain/verified` `{ registry, address, verified }` → 204 once mined;
   * - `POST /__test/chain/dead` → `{ rpcUrl }` of a port nothing listens on;
   * - `POST /__test/chain/blackhole` → `{ rpcUrl }` of a server that accepts and never answers.
   */
  async function chainRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/__test/chain') {
      const { rpcUrl, deployRegistry } = await localChain();
      return sendJson(res, 200, { rpcUrl, registry: await deployRegistry() });
    }
    if (path === '/__test/chain/verified') {
      const { registry, address, verified } = (await readJson(req)) as { registry: `0x${string}`; address: `0x${string}`; verified: boolean };
      await (await localChain()).setVerified(registry, address, verified);
      res.statusCode = 204;
      return void res.end();
    }
    if (path === '/__test/chain/dead') {
      const { closedPortUrl } = await import('./dead-rpc.js');
      return sendJson(res, 200, { rpcUrl: await closedPortUrl() });
    }
    if (path === '/__test/chain/blackhole') {
      blackHole ??= import('./dead-rpc.js').then(({ startBlackHole }) => startBlackHole());
      return sendJson(res, 200, { rpcUrl: (await blackHole).url });
    }
    return sendJson(res, 404, { error: `no chain route ${path}` });
  }

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
            // The kits' clock runs ahead when a test says so (`POST /__test/clock`): past the 30 s status cache, say.
            now: () => Date.now() + clockOffsetMs,
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
      server.httpServer?.once('close', () => {
        void chain?.then(
          (started) => started.stop(),
          () => undefined,
        );
        void blackHole?.then((started) => started.close());
      });
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
        if ((path === '/__test/chain' || path.startsWith('/__test/chain/')) && req.method === 'POST') {
          return void chainRoute(req, res, path).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
        }
        if (path === '/__test/clock' && req.method === 'POST') {
          return void readJson(req).then((body) => {
            clockOffsetMs += Number((body as { advanceMs?: unknown }).advanceMs) || 0;
            res.statusCode = 204;
            res.end();
          });
        }
        if (path === '/__test/reset' && req.method === 'POST') {
          clockOffsetMs = 0;
          // Fresh kits too: their stores remember links (open links for reuse, cached statuses) the reset mock forgot.
          kits = undefined;
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
