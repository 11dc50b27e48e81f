/**
 * Compiles the test contracts (test/contracts/*.sol: OwnerWallet, the EIP-1271 wallet;
 * OwnerWalletFactory, which deploys it with CREATE2 for ERC-6492; and IdentityRegistry, the
 * registry that `registry` reads) with the `solc` npm package, offline, into
 * committed artifacts (ABI + bytecode JSON) beside them: `npx tsx scripts/compile-contracts.ts`.
 * test/node/contracts-artifact.test.ts holds the committed artifacts to a fresh compile.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

export const CONTRACTS_DIR = fileURLToPath(new URL('../test/contracts/', import.meta.url));

/** What a test needs of a contract: its ABI and creation bytecode, and how it was made. */
export interface ContractArtifact {
  contractName: string;
  sourceName: string;
  compiler: string;
  abi: unknown[];
  bytecode: `0x${string}`;
}

/** Fixed settings: the same source always gives the same bytes, so the committed artifact can be checked. */
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

/** Every contract of every `.sol` file in `dir`, freshly compiled, keyed by its artifact's file name. */
export function compileContracts(dir: string = CONTRACTS_DIR): Map<string, string> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sol'))
    .sort();
  const sources = Object.fromEntries(files.map((name) => [name, { content: readFileSync(join(dir, name), 'utf8') }]));
  const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS })));
  const errors = (output.errors ?? []).filter((error: { severity: string }) => error.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((error: { formattedMessage: string }) => error.formattedMessage).join('\n'));
  const artifacts = new Map<string, string>();
  for (const [sourceName, contracts] of Object.entries(output.contracts as Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>)) {
    for (const [contractName, contract] of Object.entries(contracts)) {
      const artifact: ContractArtifact = {
        contractName,
        sourceName,
        compiler: `solc ${solc.version()}`,
        abi: contract.abi,
        bytecode: `0x${contract.evm.bytecode.object}`,
      };
      artifacts.set(`${contractName}.json`, `${JSON.stringify(artifact, null, 2)}\n`);
    }
  }
  return artifacts;
}

if (process.argv[1] && basename(process.argv[1]).startsWith('compile-contracts')) {
  for (const [name, text] of compileContracts()) {
    writeFileSync(join(CONTRACTS_DIR, name), text);
    console.log(`wrote test/contracts/${name}`);
  }
}
