import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('src/', () => {
  it('imports nothing of the test chain (hardhat, solc, test/support): the local chain stays in the tests', () => {
    const offenders = sources(SRC).filter((path) => /from\s+['"](hardhat|solc|@nomicfoundation\/|[./]+\/test\/)|import\(\s*['"](hardhat|solc)/.test(readFileSync(path, 'utf8')));

    expect(offenders.map((path) => relative(SRC, path))).toEqual([]);
  });

  it('reads the registry through viem only', () => {
    const text = readFileSync(join(SRC, 'registry/read.ts'), 'utf8');

    const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]).sort();

    expect(imports).toEqual(['../errors/registry.js', '../wallet/rpc-errors.js', 'viem', 'viem/actions']);
  });
});
