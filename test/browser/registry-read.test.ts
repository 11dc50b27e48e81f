import { createConfig, http } from '@wagmi/core';
import { mainnet } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { TrussetVerifyError } from '../../src/errors/base.js';
import { readIsVerified } from '../../src/registry/read.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { chain } from './fixture.js';

const WALLET = testAccount.address;
const OTHER = otherAccount.address;

async function failure(run: Promise<boolean>): Promise<TrussetVerifyError> {
  const outcome = await run.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the read to fail, it resolved to ${outcome.value}`);
  expect(outcome.error).toBeInstanceOf(TrussetVerifyError);
  return outcome.error as TrussetVerifyError;
}

describe('readIsVerified in Chromium', () => {
  describe('against the local chain, cross-origin', () => {
    it('reads true for a verified wallet and false for another', async () => {
      const { rpcUrl, registry } = await chain.start();
      await chain.setVerified(registry, WALLET, true);

      const verified = await readIsVerified({ registry, address: WALLET, chainId: 1, rpcUrl });
      const other = await readIsVerified({ registry, address: OTHER, chainId: 1, rpcUrl });

      expect(rpcUrl).not.toContain(location.host);
      expect([verified, other]).toEqual([true, false]);
    });

    it('follows the registry when the wallet becomes verified', async () => {
      const { rpcUrl, registry } = await chain.start();
      const before = await readIsVerified({ registry, address: WALLET, chainId: 1, rpcUrl });

      await chain.setVerified(registry, WALLET, true);
      const after = await readIsVerified({ registry, address: WALLET, chainId: 1, rpcUrl });

      expect([before, after]).toEqual([false, true]);
    });

    it('gives each start a fresh registry on the same chain', async () => {
      const first = await chain.start();
      await chain.setVerified(first.registry, WALLET, true);

      const second = await chain.start();

      expect(second.rpcUrl).toBe(first.rpcUrl);
      expect(second.registry).not.toBe(first.registry);
      expect(await readIsVerified({ registry: second.registry, address: WALLET, chainId: 1, rpcUrl: second.rpcUrl })).toBe(false);
    });
  });

  describe("through a host page's wagmi Config", () => {
    it('reads through the transport the host configured for chain 1', async () => {
      const { rpcUrl, registry } = await chain.start();
      await chain.setVerified(registry, WALLET, true);
      // No storage and no wallet discovery: this config must leave nothing behind for the next test file.
      const wagmiConfig = createConfig({ chains: [mainnet], transports: { [mainnet.id]: http(rpcUrl) }, storage: null, multiInjectedProviderDiscovery: false });

      const verified = await readIsVerified({ registry, address: WALLET, chainId: 1, wagmiConfig });
      const other = await readIsVerified({ registry, address: OTHER, chainId: 1, wagmiConfig });

      expect([verified, other]).toEqual([true, false]);
    });
  });

  describe('when the RPC fails', () => {
    it('reports REGISTRY_UNAVAILABLE at once when nothing listens on the RPC port', async () => {
      const { registry } = await chain.start();
      const rpcUrl = await chain.deadRpc();
      const started = performance.now();

      const error = await failure(readIsVerified({ registry, address: WALLET, chainId: 1, rpcUrl }));

      expect(error.code).toBe('REGISTRY_UNAVAILABLE');
      expect(error.retryable).toBe(true);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('reports REGISTRY_UNAVAILABLE within timeoutMs when the RPC never answers', async () => {
      const { registry } = await chain.start();
      const rpcUrl = await chain.blackholeRpc();
      const started = performance.now();

      const error = await failure(readIsVerified({ registry, address: WALLET, chainId: 1, rpcUrl, timeoutMs: 500 }));

      expect(error.code).toBe('REGISTRY_UNAVAILABLE');
      expect(error.details).toBe('No answer within 500 ms.');
      expect(performance.now() - started).toBeLessThan(500 + 2_000);
    });
  });
});
