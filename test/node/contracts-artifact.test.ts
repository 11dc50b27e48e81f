import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileContracts, CONTRACTS_DIR } from '../../scripts/compile-contracts.js';

describe('test/contracts', () => {
  it('holds artifacts that equal a fresh solc compile of the committed sources', () => {
    const committed = readdirSync(CONTRACTS_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort();

    const fresh = compileContracts();

    expect(committed).toEqual([...fresh.keys()].sort());
    for (const [name, text] of fresh) expect(readFileSync(join(CONTRACTS_DIR, name), 'utf8'), name).toBe(text);
  });

  it('holds the contracts the tests deploy: the EIP-1271 wallet, its ERC-6492 factory and the identity registry', () => {
    const fresh = compileContracts();

    expect([...fresh.keys()]).toEqual(expect.arrayContaining(['OwnerWallet.json', 'OwnerWalletFactory.json', 'IdentityRegistry.json']));
    const registryArtifact = JSON.parse(fresh.get('IdentityRegistry.json')!) as { abi: { type: string; name?: string; stateMutability?: string }[] };
    const functions = registryArtifact.abi.filter((item) => item.type === 'function').map((item) => `${item.name}:${item.stateMutability}`);
    expect(functions.sort()).toEqual(['isVerified:view', 'owner:view', 'setVerified:nonpayable']);
    expect(registryArtifact.abi.filter((item) => item.type === 'event').map((item) => item.name)).toEqual(['VerificationSet']);
    const factory = JSON.parse(fresh.get('OwnerWalletFactory.json')!) as { abi: { type: string; name?: string; stateMutability?: string }[] };
    expect(factory.abi.map((item) => `${item.name}:${item.stateMutability}`).sort()).toEqual(['addressOf:view', 'deploy:nonpayable']);
  });
});
