import { createServer as createTcpServer, connect, type Socket } from 'node:net';
import { createPublicClient, getAddress, hashMessage, http, type Abi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RPC_TIMEOUT_MS } from '../../src/kit/contract-signature.js';
import { ERROR_CODES } from '../../src/kit/errors.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { kitPerTest, type Kit } from '../support/kit.js';
import { ownerWalletArtifact, startLocalChain, type LocalChain } from '../support/local-chain.js';

/** The kit's single, time-boxed try at the RPC. */
const RPC_BOUND_MS = RPC_TIMEOUT_MS;
/** Room for a loaded machine on top of the bound; the assertion is an upper bound only. */
const MARGIN_MS = 2_000;

const start = kitPerTest();

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

/** A request as the widget sends it for a contract wallet: the message names the wallet, `signer` signs it. */
function fromWallet(k: Kit, wallet: Address, signer = otherAccount) {
  return k.client.createLink({ account: signer, address: wallet, body: { walletAddress: wallet } });
}

interface Relay {
  url: string;
  /** While true, connections are accepted and never answered, as by an RPC behind a dead proxy. */
  blackHole: boolean;
  close(): Promise<void>;
}

/** A TCP relay on 127.0.0.1 to `target`, which can be switched into a black hole. */
async function startRelay(target: string): Promise<Relay> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createTcpServer((socket) => {
    track(socket);
    if (relay.blackHole) return;
    const upstream = connect(Number(port), hostname);
    track(upstream);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    blackHole: true,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return relay;
}

describe('trusset-verify-server with an EIP-1271 smart-contract wallet on a local chain', () => {
  let chain: LocalChain;
  /** An OwnerWallet owned by `otherAccount`, deployed by `testAccount`. */
  let wallet: Address;

  beforeAll(async () => {
    chain = await startLocalChain();
    wallet = getAddress(await chain.deployOwnerWallet(otherAccount.address));
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('runs the node as chain 1 on 127.0.0.1 only', async () => {
    const client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0 }) });

    const chainId = await client.getChainId();

    expect([new URL(chain.rpcUrl).hostname, chainId]).toEqual(['127.0.0.1', 1]);
  });

  it("deploys a wallet that accepts its owner's personal_sign hash and rejects another key's", async () => {
    const client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0 }) });
    const message = 'localhost:5173 wants you to sign in';
    const ask = async (signature: `0x${string}`) =>
      client.readContract({ address: wallet, abi: ownerWalletArtifact.abi as Abi, functionName: 'isValidSignature', args: [hashMessage(message), signature] });

    const answers = [await ask(await otherAccount.signMessage({ message })), await ask(await testAccount.signMessage({ message }))];

    expect(answers).toEqual(['0x1626ba7e', '0xffffffff']);
  });

  it('creates a link for a SIWE message from the contract wallet signed by its owner', async () => {
    const k = await start({ rpc: chain.rpcUrl });

    const answer = await fromWallet(k, wallet);

    expect(answer.status).toBe(201);
    expect(answer.json.data.walletAddress).toBe(wallet);
    expect(k.mock.links()).toHaveLength(1);
  });

  it("refuses the contract wallet's message signed by another key with SIWE_BAD_SIGNATURE", async () => {
    const k = await start({ rpc: chain.rpcUrl });

    const answer = await fromWallet(k, wallet, testAccount);

    expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
    expect(createCalls(k)).toHaveLength(0);
  });

  it('answers a retryable 502 UPSTREAM_UNAVAILABLE within the RPC bound when the node has stopped', async () => {
    const stopped = await startLocalChain();
    await stopped.stop();
    const k = await start({ rpc: stopped.rpcUrl });

    const began = performance.now();
    const answer = await fromWallet(k, wallet);
    const elapsed = performance.now() - began;

    expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
    expect(ERROR_CODES.UPSTREAM_UNAVAILABLE.retryable).toBe(true);
    expect(elapsed).toBeLessThan(RPC_BOUND_MS + MARGIN_MS);
    expect(createCalls(k)).toHaveLength(0);
  });

  it('ends a request within the RPC bound when the RPC black-holes, and takes the same signed message once it answers', async () => {
    const relay = await startRelay(chain.rpcUrl);
    try {
      const k = await start({ rpc: relay.url });
      const siwe = await k.client.signIn({ account: otherAccount, address: wallet });
      const request = { siwe, account: otherAccount, body: { walletAddress: wallet } };

      const began = performance.now();
      const whileDown = await k.client.createLink(request);
      const elapsed = performance.now() - began;
      relay.blackHole = false;
      const retry = await k.client.createLink(request);

      expect([whileDown.status, whileDown.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(elapsed).toBeLessThan(RPC_BOUND_MS + MARGIN_MS);
      expect(retry.status).toBe(201);
      expect(k.mock.links()).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });
});
