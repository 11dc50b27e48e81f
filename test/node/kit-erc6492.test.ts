import {
  createPublicClient,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  getContractAddress,
  http,
  keccak256,
  serializeErc6492Signature,
  stringToHex,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import type { LocalAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherAccount, testAccount } from '../support/accounts.js';
import { closedPortUrl } from '../support/dead-rpc.js';
import { kitPerTest, type Kit } from '../support/kit.js';
import { ownerWalletArtifact, ownerWalletFactoryArtifact, startLocalChain, type LocalChain } from '../support/local-chain.js';

const start = kitPerTest();

const factoryAbi = ownerWalletFactoryArtifact.abi as Abi;

function createCalls(k: Kit) {
  return k.mock.calls.filter((call) => call.method === 'POST' && call.path === '/customers/api/id-links');
}

describe('trusset-verify/server with an ERC-6492 counterfactual smart-contract wallet on a local chain', () => {
  let chain: LocalChain;
  let factory: Address;
  /** The OwnerWallet that `factory` would deploy for `otherAccount`: an address with no code. */
  let wallet: Address;
  let salt: Hex;
  /** A second wallet of the same owner, for the test that deploys it. */
  let laterSalt: Hex;
  let laterWallet: Address;

  beforeAll(async () => {
    chain = await startLocalChain();
    factory = getAddress(await chain.deployOwnerWalletFactory());
    salt = keccak256(stringToHex('trusset-verify erc-6492'));
    const client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0 }) });
    laterSalt = keccak256(stringToHex('trusset-verify erc-6492, deployed later'));
    const addressOf = async (of: Hex) => getAddress((await client.readContract({ address: factory, abi: factoryAbi, functionName: 'addressOf', args: [otherAccount.address, of] })) as Address);
    wallet = await addressOf(salt);
    laterWallet = await addressOf(laterSalt);
  });

  afterAll(async () => {
    await chain?.stop();
  });

  async function codeAt(address: Address) {
    const client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0 }) });
    return (await client.getCode({ address })) ?? '0x';
  }

  /**
   * A request as a not-yet-deployed smart wallet sends it: the message names the wallet, `signer`
   * signs it, and the signature is wrapped with the factory call that would deploy the wallet.
   */
  async function fromCounterfactualWallet(k: Kit, signer: LocalAccount = otherAccount, of = { wallet, salt }) {
    const { message, signature } = await k.client.signIn({ account: signer, address: of.wallet });
    const data = encodeFunctionData({ abi: factoryAbi, functionName: 'deploy', args: [otherAccount.address, of.salt] });
    const wrapped = serializeErc6492Signature({ address: factory, data, signature });
    return k.client.createLink({ siwe: { message, signature: wrapped }, account: signer, body: { walletAddress: of.wallet } });
  }

  it('computes the CREATE2 address of an OwnerWallet that has no code yet', async () => {
    const initCode = `${ownerWalletArtifact.bytecode}${encodeAbiParameters([{ type: 'address' }], [otherAccount.address]).slice(2)}` as Hex;

    const expected = getContractAddress({ opcode: 'CREATE2', from: factory, salt, bytecode: initCode });

    expect(wallet).toBe(expected);
    expect(await codeAt(wallet)).toBe('0x');
  });

  it("creates a link for the wrapped signature of the wallet's owner, through the rpc, and leaves the wallet undeployed", async () => {
    const k = await start({ rpc: chain.rpcUrl });

    const answer = await fromCounterfactualWallet(k);

    expect(answer.status).toBe(201);
    expect(answer.json.data.walletAddress).toBe(wallet);
    expect(k.mock.links()).toHaveLength(1);
    expect(await codeAt(wallet)).toBe('0x');
  });

  it('refuses a wrapped signature by another key with SIWE_BAD_SIGNATURE', async () => {
    const k = await start({ rpc: chain.rpcUrl });

    const answer = await fromCounterfactualWallet(k, testAccount);

    expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
    expect(createCalls(k)).toHaveLength(0);
    expect(await codeAt(wallet)).toBe('0x');
  });

  it('still accepts the wrapped signature once the wallet is deployed, as a wallet that does not know it yet sends it', async () => {
    await chain.deployFromFactory(factory, otherAccount.address, laterSalt);
    const k = await start({ rpc: chain.rpcUrl });

    const answer = await fromCounterfactualWallet(k, otherAccount, { wallet: laterWallet, salt: laterSalt });

    expect(await codeAt(laterWallet)).not.toBe('0x');
    expect(answer.status).toBe(201);
    expect(answer.json.data.walletAddress).toBe(laterWallet);
  });

  it('refuses the wrapped signature with SIWE_BAD_SIGNATURE when no rpc is configured', async () => {
    const k = await start();

    const answer = await fromCounterfactualWallet(k);

    expect([answer.status, answer.json.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
    expect(createCalls(k)).toHaveLength(0);
  });

  it('answers a retryable 502 UPSTREAM_UNAVAILABLE when the rpc is down', async () => {
    const k = await start({ rpc: await closedPortUrl() });

    const answer = await fromCounterfactualWallet(k);

    expect([answer.status, answer.json.error.code]).toEqual([502, 'UPSTREAM_UNAVAILABLE']);
    expect(createCalls(k)).toHaveLength(0);
  });
});
