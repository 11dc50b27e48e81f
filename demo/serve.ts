/**
 * `npm run demo`: the demo pages, the backend kit and (without TRUSSET_API_KEY) the mock Trusset
 * API in one server, as the README's first command promises.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer } from 'vite';
import { createMockTrusset, MOCK_API_KEY } from '../src/mock/index.js';
import { createTrussetHandler, toNodeListener } from '../src/kit/index.js';

const port = Number(process.env.PORT ?? 5173);
const realKey = process.env.TRUSSET_API_KEY || undefined;
const mock = realKey ? undefined : createMockTrusset();
const mockListener = mock && toNodeListener((request) => mock.fetch(request));

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const reactEntry = fileURLToPath(new URL('../src/react/index.ts', import.meta.url));
let verifyHosts = '';

let kitListener: ReturnType<typeof toNodeListener> | undefined;

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/api/trusset/')) return void kitListener?.(req, res);
  // Browsers ask every page's origin for one, the mock's hosted page included.
  if (path === '/favicon.ico') return void res.writeHead(204).end();
  if (mockListener && (path.startsWith('/customers/api/') || path.startsWith('/link/') || path.startsWith('/__mock/'))) return void mockListener(req, res);
  vite.middlewares(req, res);
}

const server = createServer(route);
const vite = await createViteServer({
  root: fileURLToPath(new URL('.', import.meta.url)),
  configFile: false,
  appType: 'mpa',
  // Vite's client socket shares this server's port: two demos (or a demo and its tests) never fight over Vite's default one.
  server: { middlewareMode: true, hmr: { server } },
  logLevel: 'warn',
  // The React page (/react/) imports the package's React entry by its name, as a partner's app does.
  resolve: { alias: { 'trusset-verify/react': reactEntry } },
  plugins: [
    {
      name: 'trusset-demo',
      // The page loads the element as a partner would load the CDN build: one script URL.
      resolveId: (id) => (id === '/trusset-verify.js' ? entry : undefined),
      transformIndexHtml: (page) => {
        const filled = page.replaceAll('%VERIFY_HOSTS%', verifyHosts);
        // The banner says the mock is in use; with a real key it would be a lie.
        return realKey ? filled.replace(/<p class="banner"[\s\S]*?<\/p>/, '') : filled;
      },
    },
  ],
});

await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
const actualPort = (server.address() as AddressInfo).port;
const origins = [`http://localhost:${actualPort}`, `http://127.0.0.1:${actualPort}`];
// The mock's hosted page lives on this server; with a real key, Trusset's own host.
verifyHosts = realKey ? 'verify.trusset.org' : origins.map((origin) => new URL(origin).host).join(',');

kitListener = toNodeListener(
  createTrussetHandler({
    apiKey: realKey ?? MOCK_API_KEY,
    // The mock is mounted on this same server, so Trusset's API is this origin.
    apiBase: realKey ? process.env.TRUSSET_API_BASE : origins[1],
    basePath: '/api/trusset',
    allowedOrigins: origins,
    // A demo: anyone may ask, capped by the default hourly link budget. Real use sets authorize.
    allowAnonymous: true,
    // A reload or the back button offers to continue the open link instead of starting over.
    reuseOpenLinks: true,
    ...(realKey ? {} : { verifyHosts: origins.map((origin) => new URL(origin).host) }),
  }),
);

console.log(`trusset-verify demo on ${origins[0]} (also ${origins[1]})`);
console.log(realKey ? 'Talking to the real Trusset API (TRUSSET_API_KEY is set).' : 'Mock Trusset API — no real identity check. Set TRUSSET_API_KEY to use the real one.');
