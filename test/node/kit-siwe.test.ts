import { createServer, type IncomingMessage, type Server } from 'node:http';
import { decodeAbiParameters, erc6492SignatureValidatorByteCode, getAddress, isAddressEqual, pad, recoverAddress, type Address, type Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { otherAccount, testAccount } from '../support/accounts.js';
import { closeServer, listen, kitPerTest, type Kit, type SignInOptions } from '../support/kit.js';

type Answer = Awaited<ReturnType<Kit['client']['call']>>;

const stubs: RpcStub[] = [];

const start = kitPerTest();

afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

function expectRefused(k: Kit, answer: Answer, code: string) {
  expect([answer.status, answer.json?.error?.code]).toEqual([401, code]);
  expect(createCalls(k)).toHaveLength(0);
}

const MINUTE = 60_000;

/** A smart-contract wallet that exists only in the stubbed chain; `otherAccount` owns it. */
const CONTRACT_WALLET = getAddress('0x00000000000000000000000000000000c0ffee01');

interface RpcStub {
  url: string;
  /** JSON-RPC methods received, oldest first. */
  methods: string[];
  /** While true, every connection is dropped, as an RPC that is down would. */
  down: boolean;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const VALIDATOR_ARGS = [{ type: 'address' }, { type: 'bytes32' }, { type: 'bytes' }] as const;

/**
 * The one call viem's verifyHash makes for a wallet without a deployed verifier: a deployless
 * eth_call of the ERC-6492 validator, whose constructor arguments are (signer, hash, signature).
 * The stub answers as the validator would for a wallet whose isValidSignature trusts its owner.
 */
async function validatorAnswer(data: Hex): Promise<Hex> {
  const [address, hash, signature] = decodeAbiParameters(VALIDATOR_ARGS, `0x${data.slice(erc6492SignatureValidatorByteCode.length)}`);
  let signer: Address | undefined;
  try {
    signer = await recoverAddress({ hash, signature });
  } catch {
    signer = undefined;
  }
  const valid = isAddressEqual(address, CONTRACT_WALLET) && signer !== undefined && isAddressEqual(signer, otherAccount.address);
  return pad(valid ? '0x01' : '0x00');
}

async function answerRpc(method: string, params: unknown[]): Promise<{ result: unknown } | { error: { code: number; message: string } }> {
  switch (method) {
    case 'eth_chainId':
      return { result: '0x1' };
    case 'eth_blockNumber':
      return { result: '0x10' };
    case 'eth_getCode': {
      const [address] = params as [string];
      return { result: isAddressEqual(address as Address, CONTRACT_WALLET) ? '0x6080604052' : '0x' };
    }
    case 'eth_call': {
      const [{ data }] = params as [{ data?: Hex }];
      if (data?.toLowerCase().startsWith(erc6492SignatureValidatorByteCode.toLowerCase())) return { result: await validatorAnswer(data) };
      return { error: { code: 3, message: 'execution reverted' } };
    }
    default:
      return { error: { code: -32601, message: `method ${method} not found` } };
  }
}

async function startRpcStub(): Promise<RpcStub> {
  const stub: RpcStub = { url: '', methods: [], down: false, close: () => closeServer(server) };
  const server: Server = createServer(async (req, res) => {
    if (stub.down) {
      req.socket.destroy();
      return;
    }
    const body = (await readJson(req)) as { id: number; method: string; params?: unknown[] };
    stub.methods.push(body.method);
    const answer = await answerRpc(body.method, body.params ?? []);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...answer }));
  });
  stub.url = await listen(server);
  stubs.push(stub);
  return stub;
}

/** A request from the contract wallet: the message names the wallet, its owner signs it. */
function fromContractWallet(k: Kit, signer = otherAccount) {
  return k.client.createLink({ account: signer, address: CONTRACT_WALLET, body: { walletAddress: CONTRACT_WALLET } });
}

describe('trusset-verify-server', () => {
  describe('when a page asks for a nonce', () => {
    it('answers 32 alphanumerics, fresh each time, with the server time and no caching', async () => {
      const k = await start();

      const first = await k.client.call('/nonce');
      const second = await k.client.call('/nonce');

      expect(first.status).toBe(200);
      expect(first.json.data.nonce).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(second.json.data.nonce).not.toBe(first.json.data.nonce);
      expect(new Date(first.json.data.serverTime).toISOString()).toBe(first.json.data.serverTime);
      expect(Math.abs(Date.parse(first.json.data.serverTime) - Date.now())).toBeLessThan(5_000);
      expect(first.response.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('when the wallet signs a well-formed message', () => {
    it('creates the link', async () => {
      const k = await start();

      const answer = await k.client.createLink();

      expect(answer.status).toBe(201);
      expect(answer.json.data.walletAddress).toBe(testAccount.address);
      expect(createCalls(k)).toHaveLength(1);
    });

    it.each([
      ['expired half a minute ago', () => ({ issuedAt: new Date(Date.now() - 10 * MINUTE), expirationTime: new Date(Date.now() - MINUTE / 2) })],
      ['issued half a minute in the future', () => ({ issuedAt: new Date(Date.now() + MINUTE / 2) })],
    ])('accepts a message %s, within the clock tolerance', async (_name, times) => {
      const k = await start();

      const answer = await k.client.createLink(times());

      expect(answer.status).toBe(201);
    });
  });

  describe('when the sign-in message does not hold', () => {
    it('refuses a message that does not parse with SIWE_INVALID', async () => {
      const k = await start();

      const answer = await k.client.createLink({ siwe: { message: 'please let me in', signature: '0x00' } });

      expectRefused(k, answer, 'SIWE_INVALID');
    });

    it('refuses a body without siwe with SIWE_INVALID', async () => {
      const k = await start();

      const answer = await k.client.createLink({ siwe: null });

      expectRefused(k, answer, 'SIWE_INVALID');
    });

    it.each<[string, () => SignInOptions, string]>([
      ['a domain that is not allowed', () => ({ domain: 'evil.example' }), 'SIWE_DOMAIN_MISMATCH'],
      ['a uri of another origin', () => ({ uri: 'https://localhost:5173/' }), 'SIWE_URI_MISMATCH'],
      ['a chain that is not allowed', () => ({ chainId: 137 }), 'SIWE_CHAIN_NOT_ALLOWED'],
      ['another wallet than walletAddress', () => ({ address: otherAccount.address }), 'SIWE_ADDRESS_MISMATCH'],
      ['an expiration more than a minute ago', () => ({ issuedAt: new Date(Date.now() - 15 * MINUTE), expirationTime: new Date(Date.now() - 2 * MINUTE) }), 'SIWE_EXPIRED'],
      ['an issued-at more than a minute ahead', () => ({ issuedAt: new Date(Date.now() + 2 * MINUTE) }), 'SIWE_NOT_YET_VALID'],
      ['a nonce the kit never issued', () => ({ nonce: 'A1b2C3d4E5f6G7h8J9k0L1m2N3p4Q5r6' }), 'SIWE_NONCE_UNKNOWN'],
    ])('refuses %s with %s', async (_name, options, code) => {
      const k = await start();

      const answer = await k.client.createLink(options());

      expectRefused(k, answer, code);
    });

    it('refuses an allowed domain that is not the host of the request Origin with SIWE_DOMAIN_MISMATCH', async () => {
      const k = await start({ siwe: { domains: ['localhost:5173', 'other.example'] } });

      const answer = await k.client.createLink({ domain: 'other.example' });

      expectRefused(k, answer, 'SIWE_DOMAIN_MISMATCH');
    });

    it('refuses a message signed by another account with SIWE_BAD_SIGNATURE', async () => {
      const k = await start();
      const { message } = await k.client.signIn();
      const signature = await otherAccount.signMessage({ message });

      const answer = await k.client.createLink({ siwe: { message, signature } });

      expectRefused(k, answer, 'SIWE_BAD_SIGNATURE');
    });
  });

  describe('when a nonce has been spent', () => {
    it('refuses a second request with the same signed message and creates no second link', async () => {
      const k = await start();
      const siwe = await k.client.signIn();
      const first = await k.client.createLink({ siwe });

      const again = await k.client.createLink({ siwe });

      expect(first.status).toBe(201);
      expect([again.status, again.json.error.code]).toEqual([401, 'SIWE_NONCE_UNKNOWN']);
      expect(createCalls(k)).toHaveLength(1);
      expect(k.mock.links()).toHaveLength(1);
    });

    it('lets exactly one of two requests racing with one signed message through', async () => {
      const k = await start();
      const siwe = await k.client.signIn();

      const answers = await Promise.all([k.client.createLink({ siwe }), k.client.createLink({ siwe })]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 401]);
      expect(answers.find((answer) => answer.status === 401)?.json.error.code).toBe('SIWE_NONCE_UNKNOWN');
      expect(k.mock.links()).toHaveLength(1);
    });
  });

  describe('when the wallet is a smart contract (EIP-1271)', () => {
    it("asks the chain and creates the link when the wallet accepts its owner's signature", async () => {
      const rpc = await startRpcStub();
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k);

      expect(answer.status).toBe(201);
      expect(answer.json.data.walletAddress).toBe(CONTRACT_WALLET);
      expect(rpc.methods).toContain('eth_call');
    });

    it('refuses a signature the wallet does not accept with SIWE_BAD_SIGNATURE', async () => {
      const rpc = await startRpcStub();
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k, testAccount);

      expectRefused(k, answer, 'SIWE_BAD_SIGNATURE');
      expect(rpc.methods).toContain('eth_call');
    });

    it('answers 502 UPSTREAM_UNAVAILABLE, not a bad signature, when the RPC cannot be reached', async () => {
      const rpc = await startRpcStub();
      await rpc.close();
      const k = await start({ rpc: rpc.url });

      const answer = await fromContractWallet(k);

      expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(createCalls(k)).toHaveLength(0);
    });

    it('keeps the nonce while the RPC is down, so the same signed message succeeds once it is back', async () => {
      const rpc = await startRpcStub();
      rpc.down = true;
      const k = await start({ rpc: rpc.url });
      const siwe = await k.client.signIn({ account: otherAccount, address: CONTRACT_WALLET });
      const request = { siwe, account: otherAccount, body: { walletAddress: CONTRACT_WALLET } };
      const whileDown = await k.client.createLink(request);

      rpc.down = false;
      const retry = await k.client.createLink(request);

      expect([whileDown.status, whileDown.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
      expect(retry.status).toBe(201);
      expect(k.mock.links()).toHaveLength(1);
    });

    it('refuses with SIWE_BAD_SIGNATURE when no rpc is configured', async () => {
      const k = await start();

      const answer = await fromContractWallet(k);

      expectRefused(k, answer, 'SIWE_BAD_SIGNATURE');
    });

    it("never asks the RPC about an ordinary wallet's signature", async () => {
      const rpc = await startRpcStub();
      const k = await start({ rpc: rpc.url });

      const answer = await k.client.createLink();

      expect(answer.status).toBe(201);
      expect(rpc.methods).toEqual([]);
    });
  });
});
