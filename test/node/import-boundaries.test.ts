import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The allowed imports of docs/architecture.md, checked on the sources: the kit and the mock reach
 * no DOM code and no browser package, the element side reaches neither of them, and the errors
 * and the shared contract are leaves.
 */

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every module of `src/` (tests left out: they may reach across) with the modules it imports. */
function importsBySource(): Map<string, { parts: Set<string>; packages: Set<string> }> {
  const result = new Map<string, { parts: Set<string>; packages: Set<string> }>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const parts = new Set<string>();
        const packages = new Set<string>();
        for (const [, specifier] of text.matchAll(/(?:from|import\(|^import)\s*'([^']+)'/gm)) {
          if (specifier!.startsWith('.')) parts.add(partOf(relative(src, join(dirname(path), specifier!))));
          else packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
        }
        result.set(relative(src, path), { parts, packages });
      }
    }
  };
  walk(src);
  return result;
}

/** `server/handler.ts` → `server`; a top-level entry (`index.ts`) → `entries`. */
function partOf(path: string): string {
  return path.includes('/') ? path.split('/')[0]! : 'entries';
}

const modules = importsBySource();
const inPart = (part: string) => [...modules].filter(([path]) => partOf(path) === part);

const SERVER_SIDE = ['server', 'mock'];
const BROWSER_PACKAGES = ['lit', '@lit', '@wagmi', '@web3modal', 'wagmi', 'react', 'react-dom', 'zod/mini'];

describe('the imports between the parts of src/', () => {
  it('finds the parts it checks', () => {
    expect(inPart('server').length).toBeGreaterThan(10);
    expect(inPart('element').length).toBeGreaterThan(3);
    expect(inPart('errors').length).toBeGreaterThan(2);
  });

  it.each(SERVER_SIDE)('lets %s reach only the server side and shared, and no browser package', (part) => {
    const reached = inPart(part).flatMap(([path, { parts, packages }]) => [
      ...[...parts].filter((other) => ![...SERVER_SIDE, 'shared'].includes(other)).map((other) => `${path} → ${other}`),
      ...[...packages].filter((name) => BROWSER_PACKAGES.some((browser) => name === browser || name.startsWith(`${browser}/`))).map((name) => `${path} → ${name}`),
    ]);

    expect(reached).toEqual([]);
  });

  it('keeps the browser side away from the kit and the mock', () => {
    const reached = [...modules].filter(([path]) => !SERVER_SIDE.includes(partOf(path))).flatMap(([path, { parts }]) => [...parts].filter((other) => SERVER_SIDE.includes(other)).map((other) => `${path} → ${other}`));

    expect(reached).toEqual([]);
  });

  it('keeps shared a leaf, and errors a leaf over shared', () => {
    const reached = [...inPart('shared'), ...inPart('errors')].flatMap(([path, { parts }]) =>
      [...parts].filter((other) => other !== partOf(path) && !(partOf(path) === 'errors' && other === 'shared')).map((other) => `${path} → ${other}`),
    );

    expect(reached).toEqual([]);
  });
});
