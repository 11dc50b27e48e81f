import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConfig, http as wagmiHttp } from '@wagmi/core';
import { mainnet, sepolia } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrussetVerifyError } from '../../src/errors/base.js';
import { readIsVerified, type RegistryReadOptions } from '../../src/registry/read.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { closedPortUrl, startBlackHole, type BlackHole } from '../support/dead-rpc.js';
import { startLocalChain, type LocalChain } from '../support/local-chain.js';

/** Room for a loaded machine; every timing assertion is an upper bound on top of what is asked. */
const MARGIN_MS = 1_500;
/** A secret as hosted RPCs carry it, in the path and in the query string. */
const SECRET = 'k3y5ecret0123456789abcdef';

let chain: LocalChain;
let blackHole: BlackHole;
let faulty: { url: string; server: Server };

/** An RPC that answers every request with the scripted HTTP status and body. */
let faultAnswer: { status: number; body: string } = { status: 503, body: 'upstream down' };

beforeAll(async () => {
  chain = await startLocalChain();
  blackHole = await startBlackHole();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(faultAnswer.status, { 'content-type': faultAnswer.body.startsWith('{') ? 'application/json' : 'text/plain' });
      res.end(faultAnswer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  faulty = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}, 60_000);

afterAll(async () => {
  await chain?.stop();
  await blackHole?.close();
  await new Promise((resolve) => faulty?.server.close(resolve));
});

/** The read's failure, or a test failure when it resolved. */
async function failure(options: RegistryReadOptions): Promise<TrussetVerifyError> {
  const outcome = await readIsVerified(options).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the read to fail, it resolved to ${outcome.value}`);
  expect(outcome.error).toBeInstanceOf(TrussetVerifyError);
  return outcome.error as TrussetVerifyError;
}

function expectUnavailable(error: TrussetVerifyError): void {
  expect(error.code).toBe('REGISTRY_UNAVAILABLE');
  expect(error.retryable).toBe(true);
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('readIsVerified', () => {
  describe('through rpc-url, on a local chain', () => {
    it('reads true for a wallet the registry marks verified', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);

      const verified = await readIsVerified({ registry, address: testAccount.address, chainId: 1, rpcUrl: chain.rpcUrl });

      expect(verified).toBe(true);
    });

    it('reads false for a wallet the registry does not know', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);

      const verified = await readIsVerified({ registry, address: otherAccount.address, chainId: 1, rpcUrl: chain.rpcUrl });

      expect(verified).toBe(false);
    });

    it('follows the registry when a wallet becomes verified, and again when it is unmarked', async () => {
      const registry = await chain.deployRegistry();
      const read = () => readIsVerified({ registry, address: otherAccount.address, chainId: 1, rpcUrl: chain.rpcUrl });
      const before = await read();

      await chain.setVerified(registry, otherAccount.address, true);
      const after = await read();
      await chain.setVerified(registry, otherAccount.address, false);
      const unmarked = await read();

      expect([before, after, unmarked]).toEqual([false, true, false]);
    });

    it('reads through an rpc-url with a path and a query string (as hosted RPCs have)', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);

      const verified = await readIsVerified({ registry, address: testAccount.address, chainId: 1, rpcUrl: `${chain.rpcUrl}/v3/${SECRET}?apikey=${SECRET}` });

      expect(verified).toBe(true);
    });
  });

  describe('never reads a failure as "not verified"', () => {
    it('fails at once when nothing listens on the RPC port', async () => {
      const rpcUrl = await closedPortUrl();
      const registry = await chain.deployRegistry();

      const { result: error, ms } = await timed(() => failure({ registry, address: testAccount.address, chainId: 1, rpcUrl }));

      expectUnavailable(error);
      expect(error.message).toContain(`RPC: ${rpcUrl}`);
      // Well before the 5 s default timeout: a refused connection is not waited out.
      expect(ms).toBeLessThan(MARGIN_MS);
    });

    it('gives up on an RPC that accepts and never answers within timeoutMs', async () => {
      const registry = await chain.deployRegistry();
      const acceptedBefore = blackHole.accepted;

      const { result: error, ms } = await timed(() => failure({ registry, address: testAccount.address, chainId: 1, rpcUrl: blackHole.url, timeoutMs: 400 }));

      expectUnavailable(error);
      expect(error.details).toBe('No answer within 400 ms.');
      expect(blackHole.accepted).toBeGreaterThan(acceptedBefore);
      expect(ms).toBeGreaterThanOrEqual(350);
      expect(ms).toBeLessThan(400 + MARGIN_MS);
    });

    it('fails when no contract lives at the registry address (no data is not "false")', async () => {
      const verified = await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: chain.rpcUrl });

      expectUnavailable(verified);
      expect(verified.details).toMatch(/returned no data/);
    });

    it('fails when the contract at the registry address has no isVerified (a revert)', async () => {
      const notARegistry = await chain.deployOwnerWallet(testAccount.address);

      const error = await failure({ registry: notARegistry, address: testAccount.address, chainId: 1, rpcUrl: chain.rpcUrl });

      expectUnavailable(error);
      expect(error.details).toMatch(/revert/i);
    });

    it('fails when the RPC serves another chain than chain-id', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);

      const error = await failure({ registry, address: testAccount.address, chainId: sepolia.id, rpcUrl: chain.rpcUrl });

      expectUnavailable(error);
      expect(error.metaMessages).toEqual([`Registry: ${registry}`, `Chain: ${sepolia.id}`, `RPC: ${chain.rpcUrl}`, 'RPC chain: 1']);
    });

    it('fails on an HTTP error from the RPC', async () => {
      faultAnswer = { status: 503, body: 'upstream down' };

      const error = await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: faulty.url });

      expectUnavailable(error);
      expect(error.details).toMatch(/HTTP request failed/);
    });

    it('fails on a JSON-RPC error from the RPC', async () => {
      faultAnswer = { status: 200, body: JSON.stringify({ jsonrpc: '2.0', id: 0, error: { code: -32005, message: 'daily request limit reached' } }) };

      const error = await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: faulty.url });

      expectUnavailable(error);
      expect(error.details).toMatch(/daily request limit reached/);
    });

    it('fails when neither a wagmiConfig nor an rpc-url is given, without reaching any RPC', async () => {
      const error = await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1 });

      expectUnavailable(error);
      expect(error.details).toMatch(/Neither a wagmiConfig nor an rpc-url/);
    });

    it('fails on an rpc-url that is not http(s)', async () => {
      const error = await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: 'ws://127.0.0.1:8545' });

      expectUnavailable(error);
      expect(error.details).toBe('rpc-url is not an http(s) URL.');
    });
  });

  describe('error messages', () => {
    it('name the RPC by its origin only: no path, query string or user info, where API keys live', async () => {
      const registry = await chain.deployRegistry();
      const secretUrl = (base: string) => `${base.replace('http://', `http://user:${SECRET}@`)}/v3/${SECRET}?apikey=${SECRET}`;
      const closed = await closedPortUrl();
      faultAnswer = { status: 500, body: `error at ${secretUrl(faulty.url)}` };

      const errors = [
        await failure({ registry, address: testAccount.address, chainId: 1, rpcUrl: secretUrl(closed) }),
        await failure({ registry, address: testAccount.address, chainId: 1, rpcUrl: secretUrl(blackHole.url), timeoutMs: 300 }),
        await failure({ registry, address: testAccount.address, chainId: 1, rpcUrl: secretUrl(faulty.url) }),
        await failure({ registry, address: testAccount.address, chainId: sepolia.id, rpcUrl: secretUrl(chain.rpcUrl) }),
        await failure({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: secretUrl(chain.rpcUrl) }),
      ];

      for (const error of errors) {
        expectUnavailable(error);
        expect(`${error.stack}\n${JSON.stringify(error)}\n${String(error.cause)}`).not.toContain(SECRET);
        expect(error.message).toMatch(/RPC: http:\/\/127\.0\.0\.1:\d+\/…/);
      }
    });
  });

  describe('through the host wagmi Config', () => {
    /** A host's config as a partner's page builds it: mainnet (chain 1), its transport to the local chain. */
    function hostConfig(rpcUrl: string) {
      return createConfig({ chains: [mainnet], transports: { [mainnet.id]: wagmiHttp(rpcUrl) } });
    }

    it('reads through the transport the host configured for the chain', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);
      const wagmiConfig = hostConfig(chain.rpcUrl);

      const verified = await readIsVerified({ registry, address: testAccount.address, chainId: 1, wagmiConfig });
      const other = await readIsVerified({ registry, address: otherAccount.address, chainId: 1, wagmiConfig });

      // Mainnet names a multicall contract that this chain does not have: the read must not route through it.
      expect([verified, other]).toEqual([true, false]);
    });

    it('prefers the host config over rpc-url', async () => {
      const registry = await chain.deployRegistry();
      await chain.setVerified(registry, testAccount.address, true);

      const verified = await readIsVerified({ registry, address: testAccount.address, chainId: 1, wagmiConfig: hostConfig(chain.rpcUrl), rpcUrl: await closedPortUrl() });

      expect(verified).toBe(true);
    });

    it('fails when the host config has no client for the chain', async () => {
      const registry = await chain.deployRegistry();

      const error = await failure({ registry, address: testAccount.address, chainId: sepolia.id, wagmiConfig: hostConfig(chain.rpcUrl), rpcUrl: chain.rpcUrl });

      expectUnavailable(error);
      expect(error.details).toMatch(/no client for chain 11155111/);
    });

    it('gives up within timeoutMs on a host transport that never answers, whatever its own retries', async () => {
      const registry = await chain.deployRegistry();

      const { result: error, ms } = await timed(() => failure({ registry, address: testAccount.address, chainId: 1, wagmiConfig: hostConfig(blackHole.url), timeoutMs: 400 }));

      expectUnavailable(error);
      expect(error.details).toBe('No answer within 400 ms.');
      expect(ms).toBeLessThan(400 + MARGIN_MS);
    });
  });

  describe('with an abort signal', () => {
    it('rejects with the abort, not a registry error, when aborted mid-read', async () => {
      const registry = await chain.deployRegistry();
      const controller = new AbortController();
      const read = readIsVerified({ registry, address: testAccount.address, chainId: 1, rpcUrl: blackHole.url, signal: controller.signal });

      setTimeout(() => controller.abort(), 50);
      const { result: error, ms } = await timed(() => read.catch((reason: unknown) => reason));

      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('AbortError');
      expect(ms).toBeLessThan(MARGIN_MS);
    });

    it('reads nothing when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const acceptedBefore = blackHole.accepted;

      const error = await readIsVerified({ registry: otherAccount.address, address: testAccount.address, chainId: 1, rpcUrl: blackHole.url, signal: controller.signal }).catch(
        (reason: unknown) => reason,
      );

      expect((error as DOMException).name).toBe('AbortError');
      expect(blackHole.accepted).toBe(acceptedBefore);
    });
  });
});
