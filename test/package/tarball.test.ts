import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const run = promisify(execFile);

/** What a partner's project pins beside the widget: React 19, Next.js, TypeScript. */
const CONSUMER_DEPENDENCIES = ['react@19.3.1', 'react-dom@19.3.1', 'next@16.4.6', 'typescript@5.9.3', '@types/react@19.3.0', '@types/node@20.19.43'];

/** Every event the element emits has an exported class (DESIGN.md, "Events"). */
const EVENT_CLASSES = Object.fromEntries(
  ['Connect', 'Disconnect', 'Error', 'LinkCreated', 'LinkStatus', 'Redirect', 'StateChange', 'Verified'].map((name) => [`Trusset${name}Event`, 'class']),
);

let folder: string;

async function sh(command: string, args: string[], cwd: string, timeout: number): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`.slice(-8000));
  }
}

/** Imports `specifier` in a plain Node process (no DOM, no test runner) and describes its exports. */
async function importInNode(specifier: string): Promise<Record<string, string>> {
  const script = `const m = await import(${JSON.stringify(specifier)});
const kinds = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'function' ? (/^class\\b/.test(Function.prototype.toString.call(v)) ? 'class' : 'function') : typeof v]));
console.log(JSON.stringify({ kinds, dom: typeof document }));`;
  const output = await sh(process.execPath, ['--input-type=module', '-e', script], folder, 60_000);
  const { kinds, dom } = JSON.parse(output.trim().split('\n').at(-1)!) as { kinds: Record<string, string>; dom: string };
  expect(dom).toBe('undefined');
  return kinds;
}

let treeShaken: Promise<Record<'index' | 'element' | 'react', string>> | undefined;

/** What Vite keeps of bare imports of the browser entries (tree-shake.mjs), built once. */
function treeShake(): Promise<Record<'index' | 'element' | 'react', string>> {
  treeShaken ??= (async () => {
    cpSync(join(here, 'tree-shake.mjs'), join(folder, 'tree-shake.mjs'));
    const output = await sh(process.execPath, ['tree-shake.mjs', join(root, 'node_modules/vite/dist/node/index.js')], folder, 120_000);
    return JSON.parse(output.trim().split('\n').at(-1)!) as Record<'index' | 'element' | 'react', string>;
  })();
  return treeShaken;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'trusset-verify-tarball-'));
  await sh('npm', ['run', 'build:package'], root, 300_000);
  await sh('npm', ['pack', '--pack-destination', folder], root, 120_000);
  const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack left no tarball in ${folder}`);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`, ...CONSUMER_DEPENDENCIES], folder, 600_000);
}, 900_000);

// Next.js and the wallet libraries are tens of thousands of files: on a busy machine that takes a while.
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
}, 300_000);

describe('the packed tarball, installed in a fresh folder', { timeout: 120_000 }, () => {
  it('imports trusset-verify in Node with no DOM: exactly the element class, the event classes and the base error', async () => {
    const kinds = await importInNode('trusset-verify');

    expect(kinds).toEqual({ ...EVENT_CLASSES, TrussetVerify: 'class', TrussetVerifyError: 'class' });
  });

  it('imports trusset-verify/element in Node with no DOM: exactly the class, defineTrussetVerify and the event classes', async () => {
    const kinds = await importInNode('trusset-verify/element');

    expect(kinds).toEqual({ ...EVENT_CLASSES, TrussetVerify: 'class', defineTrussetVerify: 'function' });
  });

  it('imports trusset-verify/react in Node with no DOM: TrussetVerify renders <trusset-verify> with react-dom/server', async () => {
    const kinds = await importInNode('trusset-verify/react');
    const script = "import { createElement } from 'react'; import { renderToString } from 'react-dom/server'; const { TrussetVerify } = await import('trusset-verify/react'); console.log(renderToString(createElement(TrussetVerify, { endpoint: '/api/trusset' })))";

    const html = await sh(process.execPath, ['--input-type=module', '-e', script], folder, 60_000);

    expect(kinds).toMatchObject({ TrussetLinkCreatedEvent: 'class' });
    expect(['object', 'function']).toContain(kinds.TrussetVerify);
    expect(html).toMatch(/^<trusset-verify\b/);
  });

  it('imports trusset-verify/server: createTrussetHandler, toNodeListener, MemoryStore and RedisStore', async () => {
    const kinds = await importInNode('trusset-verify/server');

    expect(kinds).toMatchObject({ createTrussetHandler: 'function', toNodeListener: 'function', MemoryStore: 'class', RedisStore: 'class', RedisStoreError: 'class', TrussetConfigError: 'class' });
  });

  it('imports trusset-verify/mock: startMockTrusset, createMockTrusset and the mock key', async () => {
    const kinds = await importInNode('trusset-verify/mock');

    expect(kinds).toMatchObject({ startMockTrusset: 'function', createMockTrusset: 'function', MOCK_API_KEY: 'string' });
  });

  it('resolves trusset-verify/custom-elements.json to the manifest of <trusset-verify>', async () => {
    const script = "import { createRequire } from 'node:module'; const manifest = createRequire(import.meta.url)('trusset-verify/custom-elements.json'); console.log(manifest.modules.flatMap((m) => m.declarations).map((d) => d.tagName).join())";

    const output = await sh(process.execPath, ['--input-type=module', '-e', script], folder, 60_000);

    expect(output.trim()).toBe('trusset-verify');
  });

  it("keeps 'use client' as the first statement of the React entry", () => {
    const source = readFileSync(join(folder, 'node_modules/trusset-verify/dist/react/index.js'), 'utf8');

    expect(source.startsWith("'use client';")).toBe(true);
  });

  it("keeps the tag's definition through a bundler's tree shaking for bare imports of trusset-verify and trusset-verify/react", async () => {
    const bundles = await treeShake();

    expect(bundles.index).toContain('customElements.define(');
    expect(bundles.react).toContain('customElements.define(');
  });

  it('lets a bundler drop a bare import of trusset-verify/element entirely', async () => {
    const bundles = await treeShake();

    expect(bundles.element.trim()).toBe('');
  });

  it('types document.createElement and the trusset-* events for a TypeScript consumer', async () => {
    cpSync(join(here, 'consumer'), join(folder, 'consumer'), { recursive: true });

    const output = await sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'consumer/tsconfig.json'], folder, 120_000);

    expect(output).toBe('');
  });

  it('renders <TrussetVerify> from a server component in a Next.js App Router build, endpoint attribute included', async () => {
    cpSync(join(here, 'next-app'), join(folder, 'next-app'), { recursive: true });
    // Next resolves packages from the app's folder upwards: the install one level up serves it.

    await sh(process.execPath, [join(folder, 'node_modules/next/dist/bin/next'), 'build'], join(folder, 'next-app'), 600_000);
    const html = readFileSync(join(folder, 'next-app/.next/server/app/index.html'), 'utf8');

    expect(/<trusset-verify\b[^>]*>/.exec(html)?.[0]).toContain('endpoint="/api/trusset"');
  }, 660_000);
});
