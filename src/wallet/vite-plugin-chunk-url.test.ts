import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkUrlPlugin } from './vite-plugin-chunk-url.js';

describe('chunkUrlPlugin', () => {
  let dir: string;
  let chunks: string[];
  let host: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chunk-url-'));
    const source = {
      // host imports `shared` and, lazily, `lazy` and `other`; both of those import `common`.
      'host.js': [
        'import { shared } from "./shared.js";',
        'function urls() { try { return __LAZY_CHUNKS__; } catch { return undefined; } }',
        'export const list = () => urls();',
        'export const load = () => import("./lazy.js");',
        'export const loadOther = () => import("./other.js");',
        'export const use = shared;',
      ].join('\n'),
      'shared.js': 'export const shared = () => "shared";\n',
      'common.js': 'export const common = () => "common";\n',
      'lazy.js': 'import { shared } from "./shared.js";\nimport { common } from "./common.js";\nexport const lazy = () => shared() + common();\n',
      'other.js': 'import { common } from "./common.js";\nexport const other = () => common();\n',
    };
    for (const [name, code] of Object.entries(source)) await writeFile(path.join(dir, name), code);
    await build({
      configFile: false,
      logLevel: 'silent',
      root: dir,
      plugins: [chunkUrlPlugin({ chunks: { __LAZY_CHUNKS__: path.join(dir, 'lazy.js') } })],
      build: {
        outDir: path.join(dir, 'dist'),
        minify: false,
        lib: { entry: path.join(dir, 'host.js'), formats: ['es'], fileName: () => 'host.js' },
        rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    });
    chunks = await readdir(path.join(dir, 'dist', 'chunks'));
    host = await readFile(path.join(dir, 'dist', 'host.js'), 'utf8');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function written(): string[] {
    return JSON.parse(/return (\[[^\]]*\]);/.exec(host)?.[1] ?? 'null') as string[];
  }

  it('writes the lazy chunk and the chunks it imports, relative to the chunk that asks', () => {
    const lazy = chunks.find((file) => file.startsWith('lazy-'));
    const common = chunks.find((file) => file.startsWith('common-'));

    expect(lazy).toBeDefined();
    expect(common).toBeDefined();
    expect(written()).toEqual([`./chunks/${lazy}`, `./chunks/${common}`]);
    expect(host).not.toContain('__LAZY_CHUNKS__');
  });

  it('leaves out what the asking chunk has loaded already', () => {
    const shared = chunks.find((file) => file.startsWith('shared-'));

    expect(shared).toBeDefined();
    expect(written().some((file) => file.includes('shared-'))).toBe(false);
  });
});
