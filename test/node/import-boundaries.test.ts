import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The allowed imports of docs/architecture.md, checked on the sources: the kit and the mock reach
 * no DOM code and no browser package, the element side reaches neither of them, and the
 * contract, shared and the errors are leaves (each over the ones before it).
 */

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every module of `src/` (tests left out: they may reach across) with the modules it imports. */
function importsBySource(): Map<string, { parts: Set<string>; packages: Set<string>; files: Set<string> }> {
  const result = new Map<string, { parts: Set<string>; packages: Set<string>; files: Set<string> }>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const parts = new Set<string>();
        const packages = new Set<string>();
        const files = new Set<string>();
        for (const [, specifier] of text.matchAll(/(?:from|import\(|^import)\s*'([^']+)'/gm)) {
          if (specifier!.startsWith('.')) {
            const target = relative(src, join(dirname(path), specifier!));
            parts.add(partOf(target));
            files.add(target.replace(/\.js$/, '.ts'));
          } else packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
        }
        result.set(relative(src, path), { parts, packages, files });
      }
    }
  };
  walk(src);
  return result;
}

/** `kit/handler.ts` → `kit`; a top-level entry (`index.ts`) → `entries`. */
function partOf(path: string): string {
  return path.includes('/') ? path.split('/')[0]! : 'entries';
}

const modules = importsBySource();
const inPart = (part: string) => [...modules].filter(([path]) => partOf(path) === part);

const SERVER_SIDE = ['kit', 'mock'];
const BROWSER_PACKAGES = ['lit', '@lit', '@wagmi', '@web3modal', 'wagmi', 'react', 'react-dom', 'zod/mini'];

describe('the imports between the parts of src/', () => {
  it('finds the parts it checks', () => {
    expect(inPart('kit').length).toBeGreaterThan(10);
    expect(inPart('element').length).toBeGreaterThan(3);
    expect(inPart('errors').length).toBeGreaterThan(2);
    expect(inPart('contract').length).toBeGreaterThan(2);
  });

  it.each(SERVER_SIDE)('lets %s reach only the server side, shared and the contract, and no browser package', (part) => {
    const reached = inPart(part).flatMap(([path, { parts, packages }]) => [
      ...[...parts].filter((other) => ![...SERVER_SIDE, 'shared', 'contract'].includes(other)).map((other) => `${path} → ${other}`),
      ...[...packages].filter((name) => BROWSER_PACKAGES.some((browser) => name === browser || name.startsWith(`${browser}/`))).map((name) => `${path} → ${name}`),
    ]);

    expect(reached).toEqual([]);
  });

  it('keeps the browser side away from the kit and the mock', () => {
    const reached = [...modules]
      .filter(([path]) => !SERVER_SIDE.includes(partOf(path)))
      .flatMap(([path, { parts }]) => [...parts].filter((other) => SERVER_SIDE.includes(other)).map((other) => `${path} → ${other}`));

    expect(reached).toEqual([]);
  });

  it('keeps the contract a leaf, shared a leaf over it, and errors a leaf over both', () => {
    const below: Record<string, string[]> = { contract: [], shared: ['contract'], errors: ['shared', 'contract'] };
    const reached = Object.entries(below).flatMap(([part, allowed]) =>
      inPart(part).flatMap(([path, { parts, packages }]) => [
        ...[...parts].filter((other) => other !== part && !allowed.includes(other)).map((other) => `${path} → ${other}`),
        ...(part === 'contract' ? [...packages].map((name) => `${path} → ${name}`) : []),
      ]),
    );

    expect(reached).toEqual([]);
  });

  it('has no import circle, type-only imports included: each module reads as a layer over the ones it imports', () => {
    const circles: string[] = [];
    const done = new Set<string>();
    const visit = (path: string, trail: string[]) => {
      const seen = trail.indexOf(path);
      if (seen >= 0) return void circles.push([...trail.slice(seen), path].join(' → '));
      if (done.has(path)) return;
      for (const next of modules.get(path)?.files ?? []) visit(next, [...trail, path]);
      done.add(path);
    };
    for (const path of modules.keys()) visit(path, []);

    expect(circles).toEqual([]);
  });
});
