/**
 * `npm run load`: a bounded load test on loopback. The mock Trusset API and the backend kit run in
 * a child process (their own event loop and core); this process plays `--clients` concurrent
 * clients for `--seconds`, each a stream of users doing the real sequence — GET /nonce, sign in
 * with Ethereum, POST /id-links with a fresh Idempotency-Key, every fourth user GET its status —
 * plus `--abusers` clients hammering GET /nonce from one address, whose 429s are intended.
 * Prints throughput and p50/p99 latency per route and the answers by code; exits 1 on any error
 * other than the abusers' 429s, or when the abusers were never limited.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { MOCK_API_KEY, startMockTrusset } from '../src/mock/index.js';
import { createTrussetHandler, SIWE_STATEMENT, toNodeListener, type TrussetLogger } from '../src/kit/index.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    abusers: { type: 'string', default: '1' },
    serve: { type: 'boolean', default: false },
  },
});

interface Ready {
  endpoint: string;
  origin: string;
}

interface ServerStats {
  trussetCreateCalls: number;
  trussetStatusCalls: number;
  /** The kit's warn and error log lines, by message: none is expected under load. */
  kitWarnings: Record<string, number>;
}

/** The child: mock and kit on free ports of 127.0.0.1, until its stdin closes. */
async function serve(): Promise<void> {
  // The mock's own per-key limits would stand in for Trusset's; the test is of the kit.
  const unlimited = { limit: 1_000_000_000, windowMs: 60_000 };
  const mock = await startMockTrusset({ rateLimit: unlimited, statusRateLimit: unlimited });
  const kitWarnings: Record<string, number> = {};
  const count = (message: string) => (kitWarnings[message] = (kitWarnings[message] ?? 0) + 1);
  const logger: TrussetLogger = { info: () => {}, warn: count, error: count };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handler = createTrussetHandler({
    apiKey: MOCK_API_KEY,
    apiBase: mock.url,
    basePath: '/api/trusset',
    allowedOrigins: [origin],
    allowAnonymous: true,
    // The global budget would stop an anonymous endpoint after 100 links an hour: not under test here.
    linksPerHour: 1_000_000_000,
    verifyHosts: [new URL(mock.url).host],
    // Every simulated user comes from 127.0.0.1; X-Forwarded-For tells them apart, as behind a proxy.
    trustProxy: true,
    logger,
  });
  server.on('request', toNodeListener(handler, { logger }));
  process.stdout.write(`READY ${JSON.stringify({ endpoint: `${origin}/api/trusset`, origin } satisfies Ready)}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  const calls = (method: string, test: (path: string) => boolean) => mock.calls.filter((call) => call.method === method && test(call.path)).length;
  const stats: ServerStats = {
    trussetCreateCalls: calls('POST', (path) => path === '/customers/api/id-links'),
    trussetStatusCalls: calls('GET', (path) => path.startsWith('/customers/api/id-links/')),
    kitWarnings,
  };
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
  server.closeAllConnections();
  server.close();
  await mock.close();
}

type Route = 'GET /nonce' | 'POST /id-links' | 'GET /id-links/{id}' | 'GET /nonce (abusers)';

interface RouteFigures {
  latencies: number[];
  /** `201`, `429 RATE_LIMITED`, `network TypeError`… → count. */
  outcomes: Map<string, number>;
}

class Unexpected extends Error {}

async function drive(): Promise<number> {
  const clients = Number(args.clients);
  const seconds = Number(args.seconds);
  const abusers = Number(args.abusers);
  if (!(clients >= 1 && seconds > 0 && abusers >= 0)) throw new Error('--clients must be ≥ 1, --seconds > 0, --abusers ≥ 0');

  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async (prefix: string): Promise<string> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the kit's process ended before printing ${prefix}`);
      if (value.startsWith(`${prefix} `)) return value.slice(prefix.length + 1);
    }
  };
  const ready = JSON.parse(await nextLine('READY')) as Ready;

  // Signing is the client's costly step: a few accounts, made up front, sign for every user.
  const accounts: PrivateKeyAccount[] = Array.from({ length: 16 }, () => privateKeyToAccount(generatePrivateKey()));
  const figures = new Map<Route, RouteFigures>();
  let recording = false;
  const record = (route: Route, ms: number, outcome: string) => {
    if (!recording) return;
    const entry: RouteFigures = figures.get(route) ?? { latencies: [], outcomes: new Map() };
    figures.set(route, entry);
    entry.latencies.push(ms);
    entry.outcomes.set(outcome, (entry.outcomes.get(outcome) ?? 0) + 1);
  };

  async function call(route: Route, path: string, address: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
    const headers = new Headers(init.headers);
    headers.set('Origin', ready.origin);
    headers.set('X-Forwarded-For', address);
    const startedAt = performance.now();
    let status: number;
    let body: any;
    try {
      const response = await fetch(`${ready.endpoint}${path}`, { ...init, headers });
      status = response.status;
      body = await response.json().catch(() => undefined);
    } catch (error) {
      record(route, performance.now() - startedAt, `network ${(error as Error).name}`);
      throw new Unexpected();
    }
    record(route, performance.now() - startedAt, body?.success === false ? `${status} ${body.error?.code}` : String(status));
    return { status, body };
  }

  let endAt = Number.POSITIVE_INFINITY;
  let users = 0;
  let abusersLimited = false;
  /** Every link id answered, the untimed user's included: each must be one Trusset call. */
  const linkIds = new Set<string>();

  async function user(): Promise<void> {
    const id = users++;
    // 10.0.0.0/8 gives each of 16 million users an address of its own.
    const address = `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`;
    const account = accounts[id % accounts.length]!;
    const nonce = await call('GET /nonce', '/nonce', address);
    if (nonce.status !== 200) throw new Unexpected();
    const message = createSiweMessage({
      domain: new URL(ready.origin).host,
      uri: ready.origin,
      address: account.address,
      chainId: 1,
      nonce: nonce.body.data.nonce,
      issuedAt: new Date(),
      version: '1',
      statement: SIWE_STATEMENT,
    });
    const siwe = { message, signature: await account.signMessage({ message }) };
    const created = await call('POST /id-links', '/id-links', address, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `load-${process.pid}-${id}` },
      body: JSON.stringify({ email: `user${id}@example.com`, walletAddress: account.address, country: 'DE', siwe }),
    });
    if (created.status !== 201) throw new Unexpected();
    linkIds.add(created.body.data.id);
    if (id % 4 === 0) {
      const { id: linkId, statusToken } = created.body.data;
      const status = await call('GET /id-links/{id}', `/id-links/${linkId}`, address, { headers: { 'X-Status-Token': statusToken } });
      if (status.status !== 200) throw new Unexpected();
    }
  }

  async function client(): Promise<void> {
    while (performance.now() < endAt) {
      try {
        await user();
      } catch (error) {
        if (!(error instanceof Unexpected)) throw error;
        // Counted already; the next user starts, as a real client would carry on.
      }
    }
  }

  // Past the deadline too, until limited (10 s at most): the limit is under test, however slow the machine.
  async function abuser(): Promise<void> {
    while (performance.now() < endAt || (!abusersLimited && performance.now() < endAt + 10_000)) {
      const answer = await call('GET /nonce (abusers)', '/nonce', '192.0.2.1').catch((error) => {
        if (!(error instanceof Unexpected)) throw error;
      });
      if (answer?.status === 429) abusersLimited = true;
    }
  }

  // One user untimed first, so that start-up (JIT, first connections) is not in the figures.
  await user().catch((error) => {
    throw error instanceof Unexpected ? new Error('the untimed first user did not get through (nonce, link, status)') : error;
  });
  const warmUpUsers = users;
  recording = true;
  const startedAt = performance.now();
  endAt = startedAt + seconds * 1_000;
  // Four request loops per abuser: one address, no pause, no regard for Retry-After.
  await Promise.all([...Array.from({ length: clients }, client), ...Array.from({ length: abusers * 4 }, abuser)]);
  const elapsed = (performance.now() - startedAt) / 1_000;

  child.stdin!.end();
  const stats = JSON.parse(await nextLine('STATS')) as ServerStats;
  await new Promise((resolve) => child.once('exit', resolve));

  return report({ clients, abusers, seconds, elapsed, users: users - warmUpUsers, linkIds: linkIds.size, figures, stats });
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : Number.NaN;
}

function report(run: { clients: number; abusers: number; seconds: number; elapsed: number; users: number; linkIds: number; figures: Map<Route, RouteFigures>; stats: ServerStats }): number {
  const { figures, stats, elapsed } = run;
  console.log(`load: ${run.clients} clients and ${run.abusers} abuser(s) for ${run.seconds} s against the kit and the mock on 127.0.0.1 (${run.users} users)`);
  console.log('');
  console.log(`${'route'.padEnd(22)}${'requests'.padStart(10)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}  answers`);
  const routes: Route[] = ['GET /nonce', 'POST /id-links', 'GET /id-links/{id}', 'GET /nonce (abusers)'];
  let unintended = 0;
  let intended429 = 0;
  const expected: Record<Route, string> = { 'GET /nonce': '200', 'POST /id-links': '201', 'GET /id-links/{id}': '200', 'GET /nonce (abusers)': '200' };
  for (const route of routes) {
    const entry = figures.get(route);
    if (!entry) continue;
    const sorted = [...entry.latencies].sort((a, b) => a - b);
    const outcomes = [...entry.outcomes].sort(([a], [b]) => a.localeCompare(b));
    for (const [outcome, count] of outcomes) {
      if (outcome === expected[route]) continue;
      if (route === 'GET /nonce (abusers)' && outcome === '429 RATE_LIMITED') intended429 += count;
      else unintended += count;
    }
    console.log(
      `${route.padEnd(22)}${String(sorted.length).padStart(10)}${(sorted.length / elapsed).toFixed(1).padStart(10)}${percentile(sorted, 0.5).toFixed(1).padStart(10)}${percentile(sorted, 0.99).toFixed(1).padStart(10)}  ${outcomes.map(([outcome, count]) => `${outcome} ×${count}`).join(', ')}`,
    );
  }
  const created = figures.get('POST /id-links')?.outcomes.get('201') ?? 0;
  const warnings = Object.entries(stats.kitWarnings);
  unintended += warnings.reduce((sum, [, count]) => sum + count, 0);
  console.log('');
  console.log(`links created: ${created}; distinct links answered, warm-up included: ${run.linkIds} (Trusset create calls: ${stats.trussetCreateCalls}, status calls: ${stats.trussetStatusCalls})`);
  console.log(`intended 429s (abusers): ${intended429}`);
  console.log(`kit warnings and errors logged: ${warnings.length ? warnings.map(([message, count]) => `${message} ×${count}`).join(', ') : 0}`);
  console.log(`unintended errors: ${unintended}`);
  const problems: string[] = [];
  if (unintended > 0) problems.push(`${unintended} unintended error(s)`);
  if (stats.trussetCreateCalls !== run.linkIds) problems.push(`${run.linkIds} distinct links answered but ${stats.trussetCreateCalls} Trusset create calls`);
  if (run.abusers > 0 && intended429 === 0) problems.push('the abusers were never rate-limited');
  if (created === 0) problems.push('no link was created');
  if (problems.length) console.log(`FAILED: ${problems.join('; ')}`);
  return problems.length ? 1 : 0;
}

if (args.serve) await serve();
else process.exitCode = await drive();
