import { createServer, type Server } from 'node:http';
import { getAddress, pad } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/kit/errors.js';
import { otherAccount, testAccount } from '../support/accounts.js';
import { closedPortUrl } from '../support/dead-rpc.js';
import { closeServer, kitPerTest, listen, type Kit } from '../support/kit.js';

/** A smart-contract wallet that only the stub knows; `otherAccount` owns it. */
const CONTRACT_WALLET = getAddress('0x00000000000000000000000000000000c0ffee02');

/** What the stub does with a JSON-RPC request: answer with a status and a raw body, or drop the connection. */
type Behaviour = { status: number; body: string; contentType?: string } | 'reset' | 'hang';

interface MisbehavingRpc {
  url: string;
  /** JSON-RPC methods received, oldest first. */
  methods: string[];
  close(): Promise<void>;
}

const rpcs: MisbehavingRpc[] = [];

afterEach(async () => {
  await Promise.all(rpcs.splice(0).map((rpc) => rpc.close()));
});

const start = kitPerTest();

/** An RPC on 127.0.0.1 that answers every request as `behaviour(id)` says. */
async function startRpc(behaviour: (id: unknown) => Behaviour): Promise<MisbehavingRpc> {
  const methods: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: unknown; method: string };
    methods.push(request.method);
    const answer = behaviour(request.id);
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json' });
    res.end(answer.body);
  });
  const rpc = { url: await listen(server), methods, close: () => closeServer(server) };
  rpcs.push(rpc);
  return rpc;
}

const jsonRpc = (status: number, fields: Record<string, unknown>) => (id: unknown) => ({ status, body: JSON.stringify({ jsonrpc: '2.0', id, ...fields }) });
const rpcError = (status: number, code: number, message: string, data?: string) => jsonRpc(status, { error: { code, message, ...(data ? { data } : {}) } });
const raw =
  (status: number, body: string, contentType = 'text/html') =>
  () => ({ status, body, contentType });

/** The contract wallet's request, signed by its owner: only the RPC can stand between it and a link. */
function fromContractWallet(k: Kit, signer = otherAccount) {
  return k.client.createLink({ account: signer, address: CONTRACT_WALLET, body: { walletAddress: CONTRACT_WALLET } });
}

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

/** The revert data of `ERC1271Revert(bytes)`, as the ERC-6492 validator reverts when the wallet's check reverts. */
const REVERT_DATA = `0x9b6a2b8b0000000000000000000000000000000000000000000000000000000000000020${'0'.repeat(64)}`;

describe('trusset-verify/server asking an RPC about a smart-contract wallet', () => {
  describe('when the RPC fails rather than answers', () => {
    it.each<[string, (id: unknown) => Behaviour, string]>([
      ['HTTP 429 with a JSON-RPC rate-limit error', rpcError(429, -32005, 'rate limited'), 'rpc answered HTTP 429 with JSON-RPC error -32005'],
      ['HTTP 503 with a JSON-RPC error', rpcError(503, -32603, 'backend unavailable'), 'rpc answered HTTP 503 with JSON-RPC error -32603'],
      ['HTTP 500 even with a revert in its body', rpcError(500, 3, 'execution reverted', REVERT_DATA), 'rpc answered HTTP 500 with JSON-RPC error 3'],
      ['HTTP 502 with an HTML page', raw(502, '<html><body>Bad Gateway</body></html>'), 'rpc answered HTTP 502'],
      ['HTTP 403 with an empty body', raw(403, ''), 'rpc answered HTTP 403'],
      ['JSON-RPC -32005 (limit exceeded)', rpcError(200, -32005, 'limit exceeded'), 'rpc answered JSON-RPC error -32005'],
      ['JSON-RPC -32603 (internal error)', rpcError(200, -32603, 'internal error'), 'rpc answered JSON-RPC error -32603'],
      ['JSON-RPC -32603 whose message speaks of a revert', rpcError(200, -32603, 'Error: Transaction reverted without a reason string'), 'rpc answered JSON-RPC error -32603'],
      ['JSON-RPC -32602 (invalid params)', rpcError(200, -32602, 'invalid argument 0'), 'rpc answered JSON-RPC error -32602'],
      ['JSON-RPC -32601 (method not found)', rpcError(200, -32601, 'the method eth_call does not exist'), 'rpc answered JSON-RPC error -32601'],
      ['JSON-RPC -32000 that is not a revert', rpcError(200, -32000, 'header not found'), 'rpc answered JSON-RPC error -32000'],
      ['a JSON-RPC error without a code', jsonRpc(200, { error: 'too many requests' }), 'rpc answered an error without a code'],
      ['HTTP 200 with a body that is not JSON', raw(200, 'upstream connect error'), 'rpc answered with a body that is not JSON'],
      ['HTTP 200 with neither result nor error', jsonRpc(200, {}), 'rpc answered eth_call without return data'],
      ['HTTP 200 with a result that is not return data', jsonRpc(200, { result: 42 }), 'rpc answered eth_call without return data'],
      ['HTTP 200 with an empty result', jsonRpc(200, { result: '0x' }), 'rpc answered eth_call without return data'],
      ['a reset connection', () => 'reset', 'rpc could not be reached'],
      ['no answer within the bound', () => 'hang', 'rpc did not answer within 3000 ms'],
    ])('answers a retryable 502 UPSTREAM_UNAVAILABLE for %s, and creates no link', async (_name, behaviour, details) => {
      const rpc = await startRpc(behaviour);
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k);

      expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(ERROR_CODES.UPSTREAM_UNAVAILABLE.retryable).toBe(true);
      expect(rpc.methods).toContain('eth_call');
      expect(createCalls(k)).toHaveLength(0);
      expect(k.logs.map((line) => line.fields?.details)).toContain(`contract-wallet check: ${details}`);
    });

    it('answers a retryable 502 UPSTREAM_UNAVAILABLE when the connection is refused', async () => {
      const k = await start({ rpc: await closedPortUrl() });

      const answer = await fromContractWallet(k);

      expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(ERROR_CODES.UPSTREAM_UNAVAILABLE.retryable).toBe(true);
      expect(createCalls(k)).toHaveLength(0);
      expect(k.logs.map((line) => line.fields?.details)).toContain('contract-wallet check: rpc could not be reached');
    });

    it('keeps the signature, the RPC URL and the request body out of the log line', async () => {
      const rpc = await startRpc(rpcError(200, -32603, 'internal error'));
      const rpcUrl = `${rpc.url}/v3/0123456789abcdef`;
      const k = await start({ rpc: rpcUrl });
      const siwe = await k.client.signIn({ account: otherAccount, address: CONTRACT_WALLET });

      const answer = await k.client.createLink({ siwe, account: otherAccount, body: { walletAddress: CONTRACT_WALLET } });

      const logged = JSON.stringify(k.logs);
      expect(answer.status).toBe(502);
      expect(logged).not.toContain(siwe.signature.slice(2, 40));
      expect(logged).not.toContain('0123456789abcdef');
      expect(logged).not.toContain(new URL(rpc.url).host);
      expect(answer.text).not.toContain(siwe.signature.slice(2, 40));
    });
  });

  describe('when the chain answers', () => {
    it.each<[string, (id: unknown) => Behaviour]>([
      ['the wallet answered a value other than the magic one', jsonRpc(200, { result: pad('0x00') })],
      ['the call reverted (JSON-RPC error 3)', rpcError(200, 3, 'execution reverted', REVERT_DATA)],
      ['the call reverted without data (JSON-RPC -32000 "execution reverted")', rpcError(200, -32000, 'execution reverted')],
    ])('refuses with SIWE_BAD_SIGNATURE when %s', async (_name, behaviour) => {
      const rpc = await startRpc(behaviour);
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k, testAccount);

      expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
      expect(rpc.methods).toContain('eth_call');
      expect(createCalls(k)).toHaveLength(0);
    });

    it('creates the link when the wallet accepts the signature', async () => {
      const rpc = await startRpc(jsonRpc(200, { result: pad('0x01') }));
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k);

      expect(answer.status).toBe(201);
      expect(answer.json.data.walletAddress).toBe(CONTRACT_WALLET);
      expect(k.mock.links()).toHaveLength(1);
    });
  });
});
