/**
 * `npm run try`: one whole conversation, end to end, on this machine — the mock Trusset API and
 * the backend kit on free ports of 127.0.0.1, a wallet that signs in, a link created through the
 * kit and its status read back. No key, no browser, no wallet extension.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { MOCK_API_KEY, startMockTrusset } from '../src/mock/index.js';
import { createTrussetHandler, SIWE_STATEMENT, toNodeListener, type TrussetLogger } from '../src/kit/index.js';
import { SIWE_LIFETIME_MS } from '../src/shared/siwe.js';

// Hardhat's first development key: public, never funded on a real chain.
const wallet = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');

// The kit's info lines would interleave with the walk-through; its warnings still matter.
const logger: TrussetLogger = {
  info: () => {},
  warn: (message, fields) => console.error('kit warning:', message, fields ?? ''),
  error: (message, fields) => console.error('kit error:', message, fields ?? ''),
};

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string };
}

async function listenOnFreePort(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const mock = await startMockTrusset();
const kitServer = createServer();
const pageOrigin = await listenOnFreePort(kitServer);
const endpoint = `${pageOrigin}/api/trusset`;
kitServer.on(
  'request',
  toNodeListener(
    createTrussetHandler({
      apiKey: MOCK_API_KEY,
      apiBase: mock.url,
      basePath: '/api/trusset',
      // The page is played by this script, as if served from the kit's own origin.
      allowedOrigins: [pageOrigin],
      // A local demo: anyone may ask. Real use sets authorize.
      allowAnonymous: true,
      // The mock hands out links on its own host instead of verify.trusset.org.
      verifyHosts: [new URL(mock.url).host],
      logger,
    }),
    { logger },
  ),
);

async function call<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: Envelope<T> }> {
  const headers = new Headers(init.headers);
  headers.set('Origin', pageOrigin);
  const response = await fetch(`${endpoint}${path}`, { ...init, headers });
  const body = (await response.json()) as Envelope<T>;
  if (!body.success) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status} ${body.error?.code}: ${body.error?.message}`);
  return { status: response.status, body };
}

let exitCode = 0;
try {
  console.log(`Mock Trusset API  ${mock.url}  (mock: no real identity check)`);
  console.log(`Backend kit       ${endpoint}`);
  console.log(`Wallet            ${wallet.address}`);

  const { body: nonce } = await call<{ nonce: string; serverTime: string }>('/nonce');
  console.log(`\n1. GET  /nonce              nonce ${nonce.data.nonce}, server time ${nonce.data.serverTime}`);

  const message = createSiweMessage({
    domain: new URL(pageOrigin).host,
    uri: pageOrigin,
    address: wallet.address,
    chainId: 1,
    nonce: nonce.data.nonce,
    issuedAt: new Date(nonce.data.serverTime),
    expirationTime: new Date(Date.parse(nonce.data.serverTime) + SIWE_LIFETIME_MS),
    version: '1',
    statement: SIWE_STATEMENT,
  });
  const signature = await wallet.signMessage({ message });
  console.log('2. signed the EIP-4361 message with the wallet');

  const { status: createdStatus, body: created } = await call<{ id: string; url: string; status: string; expiresAt: string; statusToken: string }>('/id-links', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ email: 'ada@example.com', walletAddress: wallet.address, country: 'DE', siwe: { message, signature } }),
  });
  console.log(`3. POST /id-links           ${createdStatus}: link ${created.data.id}, status ${created.data.status}, expires ${created.data.expiresAt}`);
  console.log(`   verification URL         ${created.data.url}`);

  const { status: readStatus, body: read } = await call<{ id: string; status: string }>(`/id-links/${encodeURIComponent(created.data.id)}`, {
    headers: { 'X-Status-Token': created.data.statusToken },
  });
  console.log(`4. GET  /id-links/${created.data.id}  ${readStatus}: status ${read.data.status}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  kitServer.closeAllConnections();
  await new Promise<void>((resolve) => kitServer.close(() => resolve()));
  await mock.close();
}
process.exitCode = exitCode;
