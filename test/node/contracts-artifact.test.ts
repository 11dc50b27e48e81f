import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileContracts, CONTRACTS_DIR } from '../../scripts/compile-contracts.js';

describe('test/contracts', () => {
  it('holds artifacts that equal a fresh solc compile of the committed sources', () => {
    const committed = readdirSync(CONTRACTS_DIR).filter((name) => name.endsWith('.json')).sort();

    const fresh = compileContracts();

    expect(committed).toEqual([...fresh.keys()].sort());
    for (const [name, text] of fresh) expect(readFileSync(join(CONTRACTS_DIR, name), 'utf8'), name).toBe(text);
  });
});
