import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

// The widget's bundle, the kit and the mock all import this folder: it must pull nothing of
// either side in (no DOM, no Node, no zod classic), so it imports nothing but itself.
describe('src/contract', () => {
  it.each(sources)('%s imports only other files of src/contract', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');

    const imports = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)].map((match) => match[1] ?? match[2]);

    expect(imports.filter((specifier) => !/^\.\/[\w-]+\.js$/.test(specifier!))).toEqual([]);
  });
});
