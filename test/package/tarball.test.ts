import { execFile } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const run = promisify(execFile);

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { version: string };
const VERSION = readJson(join(root, 'packages/trusset-verify/package.json')).version;
const SERVER_VERSION = readJson(join(root, 'packages/trusset-verify-server/package.json')).version;

/** What a partner's project pins beside the widget: React 19, Next.js, TypeScript. */
const CONSUMER_DEPENDENCIES = ['react@19.3.1', 'react-dom@19.3.1', 'next@16.4.6', 'typescript@5.9.3', '@types/react@19.3.0', '@types/node@20.19.43'];

/** What a partner's backend installs beside the kit (the measurement): Express. */
const EXPRESS = `express@${(readJson(join(root, 'package.json')).devDependencies as Record<string, string>).express}`;

/** The server package's budget in an empty folder with Express (docs/architecture.md, the packages). */
const MAX_SERVER_PACKAGES = 110;
const MAX_SERVER_MB = 130;
/** The widget's browser stack, none of which a backend that holds the API key should install. */
const BROWSER_STACK = /^(lit|lit-html|lit-element|@lit\/.+|@lit-labs\/.+|wagmi|@wagmi\/.+|react|react-dom|@web3modal\/.+|@walletconnect\/.+|@reown\/.+)$/;

/** Every event the element emits has an exported class (docs/element.md, "API reference", "Events"). */
const EVENT_CLASSES = Object.fromEntries(['Connect', 'Disconnect', 'Error', 'LinkCreated', 'LinkStatus', 'Redirect', 'StateChange', 'Verified'].map((name) => [`Trusset${name}Event`, 'class']));

/** Where the tarballs go, and the two fresh folders: a partner's web app, a partner's backend. */
let packs: string;
let web: string;
let server: string;

async function sh(command: string, args: string[], cwd: string, timeout: number): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`.slice(-8000));
  }
}

/** Runs an ES module script in a plain Node process (no DOM, no test runner) and parses its last line as JSON. */
async function node<T>(script: string, cwd: string): Promise<T> {
  const output = await sh(process.execPath, ['--input-type=module', '-e', script], cwd, 60_000);
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

/** Imports `specifier` in a plain Node process (no DOM, no test runner) and describes its exports. */
async function importInNode(specifier: string, cwd = web): Promise<Record<string, string>> {
  const script = `const m = await import(${JSON.stringify(specifier)});
const kinds = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'function' ? (/^class\\b/.test(Function.prototype.toString.call(v)) ? 'class' : 'function') : typeof v]));
console.log(JSON.stringify({ kinds, dom: typeof document }));`;
  const { kinds, dom } = await node<{ kinds: Record<string, string>; dom: string }>(script, cwd);
  expect(dom).toBe('undefined');
  return kinds;
}

/** Packs one workspace into `packs` and returns the tarball's path. */
async function pack(workspace: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--workspace', workspace, '--pack-destination', packs], { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed || !readdirSync(packs).includes(packed.filename)) throw new Error(`npm pack --workspace ${workspace} left no tarball in ${packs}:\n${stdout}`);
  return join(packs, packed.filename);
}

/** A fresh folder with `npm install` of `specs`. */
async function install(prefix: string, specs: string[]): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], folder, 600_000);
  return folder;
}

/** The packages npm installed in `folder` (its hidden lockfile), by name. */
function installedPackages(folder: string): string[] {
  const { packages } = readJson(join(folder, 'node_modules/.package-lock.json')) as unknown as { packages: Record<string, { link?: boolean }> };
  return Object.entries(packages)
    .filter(([path, entry]) => path !== '' && !entry.link)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

/** Bytes under `dir`: as the files' lengths add up, and as the disk holds them (`du`). */
function weigh(dir: string): { apparent: number; disk: number } {
  let apparent = 0;
  let disk = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stat = lstatSync(path);
    apparent += stat.size;
    disk += stat.blocks * 512;
    if (entry.isDirectory()) {
      const inner = weigh(path);
      apparent += inner.apparent;
      disk += inner.disk;
    }
  }
  return { apparent, disk };
}

/** The packages the modules under `dist` import, by name (`node:` built-ins aside). */
function importedPackages(dist: string): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((each) => each.endsWith('.js'))) {
    for (const [, specifier] of readFileSync(join(dist, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^'.][^']*)'/g)) {
      if (specifier!.startsWith('node:')) continue;
      names.add(
        specifier!
          .split('/')
          .slice(0, specifier!.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    }
  }
  return [...names].sort();
}

/** The installed package's manifest. */
const manifestOf = (folder: string, name: string) =>
  readJson(join(folder, 'node_modules', name, 'package.json')) as unknown as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

let treeShaken: Promise<Record<'index' | 'element' | 'react', string>> | undefined;

/** What Vite keeps of bare imports of the browser entries (tree-shake.mjs), built once. */
function treeShake(): Promise<Record<'index' | 'element' | 'react', string>> {
  treeShaken ??= (async () => {
    cpSync(join(here, 'tree-shake.mjs'), join(web, 'tree-shake.mjs'));
    const output = await sh(process.execPath, ['tree-shake.mjs', join(root, 'node_modules/vite/dist/node/index.js')], web, 120_000);
    return JSON.parse(output.trim().split('\n').at(-1)!) as Record<'index' | 'element' | 'react', string>;
  })();
  return treeShaken;
}

beforeAll(async () => {
  packs = mkdtempSync(join(tmpdir(), 'trusset-verify-packs-'));
  await sh('npm', ['run', 'build:package'], root, 300_000);
  const browserTarball = await pack('trusset-verify');
  const serverTarball = await pack('trusset-verify-server');
  // A backend: the kit and Express, nothing else (the measurement).
  server = await install('trusset-verify-server-', [serverTarball, EXPRESS]);
  // A Next.js app: the widget on its pages, the kit in its route handler.
  web = await install('trusset-verify-web-', [browserTarball, serverTarball, ...CONSUMER_DEPENDENCIES]);
}, 900_000);

// Next.js and the wallet libraries are tens of thousands of files: on a busy machine that takes a while.
afterAll(async () => {
  await Promise.all([packs, web, server].filter(Boolean).map((folder) => rm(folder, { recursive: true, force: true })));
}, 300_000);

describe('the packed trusset-verify, installed in a fresh folder', { timeout: 120_000 }, () => {
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
    const script =
      "import { createElement } from 'react'; import { renderToString } from 'react-dom/server'; const { TrussetVerify } = await import('trusset-verify/react'); console.log(renderToString(createElement(TrussetVerify, { endpoint: '/api/trusset' })))";

    const html = await sh(process.execPath, ['--input-type=module', '-e', script], web, 60_000);

    expect(kinds).toMatchObject({ TrussetLinkCreatedEvent: 'class' });
    expect(['object', 'function']).toContain(kinds.TrussetVerify);
    expect(html).toMatch(/^<trusset-verify\b/);
  });

  it('says its version in error messages: trusset-verify@<version>, not @dev', async () => {
    const script = "const { TrussetVerifyError } = await import('trusset-verify'); console.log(JSON.stringify(new TrussetVerifyError('CONFIG_INVALID', 'The endpoint attribute is missing.').message))";

    const message = await node<string>(script, web);

    expect(message).toBe(`The endpoint attribute is missing.\nVersion: trusset-verify@${VERSION}`);
  });

  it('keeps no version placeholder in any module it ships', () => {
    const dist = join(web, 'node_modules/trusset-verify/dist');

    const left = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes('__TRUSSET_VERIFY_VERSION__'));

    expect(left).toEqual([]);
  });

  it("depends on what its modules import, and on wagmi, pinned for @web3modal/wagmi's peer (npm would add wagmi 3 and a second @wagmi/core); React as a peer", () => {
    const { dependencies = {}, peerDependencies = {} } = manifestOf(web, 'trusset-verify');

    const imported = importedPackages(join(web, 'node_modules/trusset-verify/dist'));

    expect(Object.keys(dependencies).sort()).toEqual([...imported.filter((name) => name !== 'react'), 'wagmi'].sort());
    expect(Object.keys(peerDependencies)).toEqual(['react']);
  });

  it('resolves trusset-verify/custom-elements.json to the manifest of <trusset-verify>', async () => {
    const script =
      "import { createRequire } from 'node:module'; const manifest = createRequire(import.meta.url)('trusset-verify/custom-elements.json'); console.log(manifest.modules.flatMap((m) => m.declarations).map((d) => d.tagName).join())";

    const output = await sh(process.execPath, ['--input-type=module', '-e', script], web, 60_000);

    expect(output.trim()).toBe('trusset-verify');
  });

  it("keeps 'use client' as the first statement of the React entry", () => {
    const source = readFileSync(join(web, 'node_modules/trusset-verify/dist/react/index.js'), 'utf8');

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

  it('types document.createElement, the trusset-* events and the kit for a TypeScript consumer', async () => {
    cpSync(join(here, 'consumer'), join(web, 'consumer'), { recursive: true });

    const output = await sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'consumer/tsconfig.json'], web, 120_000);

    expect(output).toBe('');
  });

  it('renders <TrussetVerify> from a server component in a Next.js App Router build, endpoint attribute included', async () => {
    cpSync(join(here, 'next-app'), join(web, 'next-app'), { recursive: true });
    // Next resolves packages from the app's folder upwards: the install one level up serves it.

    await sh(process.execPath, [join(web, 'node_modules/next/dist/bin/next'), 'build'], join(web, 'next-app'), 600_000);
    const html = readFileSync(join(web, 'next-app/.next/server/app/index.html'), 'utf8');

    expect(/<trusset-verify\b[^>]*>/.exec(html)?.[0]).toContain('endpoint="/api/trusset"');
  }, 660_000);
});

describe('the packed trusset-verify-server, installed with Express in a fresh folder', { timeout: 120_000 }, () => {
  it(`installs at most ${MAX_SERVER_PACKAGES} packages and ${MAX_SERVER_MB} MB, none of the widget's browser stack`, () => {
    const packages = installedPackages(server);
    const { apparent, disk } = weigh(join(server, 'node_modules'));
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

    console.log(`trusset-verify-server@${SERVER_VERSION} + ${EXPRESS}: ${packages.length} packages, ${mb(disk)} MB on disk (${mb(apparent)} MB of files)`);

    expect(packages).toContain('trusset-verify-server');
    expect(packages.filter((name) => BROWSER_STACK.test(name))).toEqual([]);
    expect(packages.length).toBeLessThanOrEqual(MAX_SERVER_PACKAGES);
    expect(Math.max(disk, apparent) / 1e6).toBeLessThanOrEqual(MAX_SERVER_MB);
  });

  it('depends on exactly what the kit and the mock import: viem and zod', () => {
    const { dependencies = {}, peerDependencies } = manifestOf(server, 'trusset-verify-server');

    const imported = importedPackages(join(server, 'node_modules/trusset-verify-server/dist'));

    expect(Object.keys(dependencies).sort()).toEqual(imported);
    expect(imported).toEqual(['viem', 'zod']);
    expect(peerDependencies).toBeUndefined();
  });

  it('imports trusset-verify-server in Node: createTrussetHandler, toNodeListener, MemoryStore and RedisStore', async () => {
    const kinds = await importInNode('trusset-verify-server', server);

    expect(kinds).toMatchObject({ createTrussetHandler: 'function', toNodeListener: 'function', MemoryStore: 'class', RedisStore: 'class', RedisStoreError: 'class', TrussetConfigError: 'class' });
  });

  it('imports trusset-verify-server/mock in Node: startMockTrusset, createMockTrusset and the mock key', async () => {
    const kinds = await importInNode('trusset-verify-server/mock', server);

    expect(kinds).toMatchObject({ startMockTrusset: 'function', createMockTrusset: 'function', MOCK_API_KEY: 'string' });
  });

  it('issues a nonce through Express, against the mock, with only its own dependencies', async () => {
    const script = `import express from 'express';
import { createTrussetHandler, toNodeListener } from 'trusset-verify-server';
import { MOCK_API_KEY, startMockTrusset } from 'trusset-verify-server/mock';
const mock = await startMockTrusset({ port: 0 });
const trusset = createTrussetHandler({ apiKey: MOCK_API_KEY, apiBase: mock.url, basePath: '/api/trusset', allowedOrigins: ['https://app.example'], allowAnonymous: true, logger: { info() {}, warn() {}, error() {} } });
const app = express();
app.use('/api/trusset', toNodeListener(trusset));
const listening = app.listen(0, '127.0.0.1');
await new Promise((resolve) => listening.once('listening', resolve));
const response = await fetch(\`http://127.0.0.1:\${listening.address().port}/api/trusset/nonce\`);
const body = await response.json();
listening.close();
await mock.close();
console.log(JSON.stringify({ status: response.status, nonce: body.data?.nonce }));`;

    const { status, nonce } = await node<{ status: number; nonce: string }>(script, server);

    expect(status).toBe(200);
    expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('names itself in its configuration errors', async () => {
    const script =
      "const { createTrussetHandler } = await import('trusset-verify-server'); try { createTrussetHandler({ allowedOrigins: ['https://app.example'], allowAnonymous: true }); } catch (error) { console.log(JSON.stringify(error.message)); }";

    const message = await node<string>(script, server);

    expect(message).toMatch(/^trusset-verify-server: options\.apiKey is missing/);
  });
});
