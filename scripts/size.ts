/**
 * `npm run size`: builds the CDN files (scripts/build-cdn.ts) and prints, in gzip, what each step
 * of the flow fetches, read from the bundle graph: the first render (the entry and every chunk it
 * imports statically), then what the built-in wallet list and Web3Modal add on the Connect click
 * (`import()` of src/wallet/load.ts, then of injected.ts or web3modal.ts, with their static
 * imports), the rest of the flow's lazy chunks, the whole build, and the loader. Fails when the
 * first render passes its budget or holds wallet code.
 *
 * The analysis beside the figures: the ten largest packages of each path (a chunk's gzip shared
 * among its modules by their rendered length, so an estimate), every package bundled from more
 * than one folder of node_modules (a second copy), and a treemap of the whole build written to
 * `dist/size/treemap.html` (rollup-plugin-visualizer; dist/ is gitignored).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { visualizer } from 'rollup-plugin-visualizer';
import type { PluginOption, Rolldown } from 'vite';
import { buildCdn, formatBytes, gzipSize } from './build-cdn.js';

// The first render's budget: 16 KB gzip (docs/performance.md, "Sizes").
const BUDGET_BYTES = 16 * 1024;
const WALLET_MODULES = /node_modules\/(@wagmi|viem|@web3modal|@walletconnect|wagmi|ox|abitype|@reown)\//;
const root = fileURLToPath(new URL('../', import.meta.url));

const TREEMAP = 'dist/size/treemap.html';

const cdn = await buildCdn({
  plugins: [visualizer({ filename: join(root, TREEMAP), template: 'treemap', gzipSize: true, title: 'trusset-verify CDN build' }) as PluginOption],
});
const byName = new Map(cdn.chunks.map((chunk) => [chunk.fileName, chunk]));
const gzip = (fileName: string) => gzipSize(readFileSync(join(cdn.outDir, fileName)));
const total = (files: Iterable<string>) => [...files].reduce((sum, fileName) => sum + gzip(fileName), 0);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The files the browser fetches before a chunk runs: it and its static imports, transitively. */
function staticClosure(fileName: string, into = new Set<string>()): Set<string> {
  if (into.has(fileName)) return into;
  into.add(fileName);
  for (const imported of byName.get(fileName)?.imports ?? []) staticClosure(imported, into);
  return into;
}

/** Everything a chunk may ever load: static and dynamic imports, transitively. */
function reachable(fileName: string, into = new Set<string>()): Set<string> {
  if (into.has(fileName)) return into;
  into.add(fileName);
  const chunk = byName.get(fileName);
  for (const imported of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) reachable(imported, into);
  return into;
}

/** The chunk built from a source module that the code reaches with `import()`. */
function chunkOf(source: string): Rolldown.OutputChunk {
  const wanted = resolve(root, source);
  const chunk = cdn.chunks.find((each) => each.facadeModuleId && resolve(each.facadeModuleId.replace(/[?#].*$/, '')) === wanted);
  if (!chunk) throw new Error(`No chunk is built from ${source}: is it still loaded with import()? Update scripts/size.ts.`);
  return chunk;
}

const without = (files: Set<string>, seen: Set<string>) => new Set([...files].filter((file) => !seen.has(file)));

/** `node_modules/…/node_modules/@scope/name/…` → the package's folder and name; the project's own files are `(trusset-verify)`. */
function packageOf(id: string): { folder: string; name: string } {
  const path = id.replace(/[?#].*$/, '').replaceAll('\\', '/');
  const match = /^(.*\/node_modules\/)((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (!match) return { folder: root, name: '(trusset-verify)' };
  return { folder: match[1]! + match[2]!, name: match[2]! };
}

/**
 * Each module of a chunk with its estimated share of the chunk's gzip: the chunk's real gzip
 * shared in proportion to each module's own gzip (not its length: a module of encoded data, like
 * the ENS normaliser's tables, compresses far worse than code).
 */
function moduleShares(fileName: string): [id: string, bytes: number][] {
  const modules = Object.entries(byName.get(fileName)?.modules ?? {}).map(([id, module]) => [id, module.code ? gzipSync(module.code, { level: 9 }).byteLength : 0] as const);
  const own = modules.reduce((sum, [, bytes]) => sum + bytes, 0);
  if (own === 0) return [];
  const bytes = gzip(fileName);
  return modules.map(([id, each]) => [id, (bytes * each) / own]);
}

/** Estimated gzip bytes per package in these files. */
function packageSizes(files: Iterable<string>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const fileName of files)
    for (const [id, bytes] of moduleShares(fileName)) {
      const { name } = packageOf(id);
      sizes.set(name, (sizes.get(name) ?? 0) + bytes);
    }
  for (const [name, bytes] of sizes) sizes.set(name, Math.round(bytes));
  return sizes;
}

/** What the heavy packages are in the build for (npm ls PACKAGE says who pulls one in). */
const PURPOSE: Record<string, string> = {
  '(trusset-verify)': 'the widget itself',
  lit: 'the element (Lit 3)',
  'lit-html': "the element's templates",
  '@lit/reactive-element': "the element's base class",
  zod: "zod/mini: configuration, form and backend answers (zod 3 in Web3Modal's e-mail wallet)",
  '@wagmi/core': 'connections, the EIP-6963 store, sign and switch chain',
  '@wagmi/connectors': 'the WalletConnect connector (the injected one is in @wagmi/core)',
  viem: 'encoding, the chains, the wallet client',
  ox: "viem's primitives (hex, RLP, signatures, SIWE)",
  abitype: 'ABI types, and the parser viem keeps at run time',
  zustand: "@wagmi/core's store",
  mipd: 'EIP-6963 discovery',
  eventemitter3: 'connector events',
  '@noble/curves': "secp256k1 (signature recovery, WalletConnect's keys)",
  '@noble/hashes': 'keccak, sha256, hkdf',
  '@web3modal/scaffold-ui': "Web3Modal's views (w3m-*)",
  '@web3modal/ui': "Web3Modal's components (wui-*) and its theme",
  '@web3modal/core': "Web3Modal's controllers and its API client",
  '@web3modal/scaffold-utils': "Web3Modal's helpers",
  '@web3modal/base': "Web3Modal's client over the adapters",
  '@web3modal/wagmi': "Web3Modal's wagmi adapter (createWeb3Modal)",
  '@web3modal/common': "Web3Modal's shared constants and numbers",
  '@web3modal/polyfills': 'Buffer, global and process for WalletConnect',
  '@web3modal/wallet': "Web3Modal's e-mail/social wallet (the auth connector)",
  '@web3modal/siwe': "Web3Modal's own SIWE client",
  '@walletconnect/ethereum-provider': 'the EIP-1193 provider over WalletConnect',
  '@walletconnect/universal-provider': "WalletConnect's multi-chain provider",
  '@walletconnect/relay-auth': "the signed JWT that authenticates to WalletConnect's relay (ed25519)",
  qrcode: 'the WalletConnect QR code',
  '@noble/ciphers': "ChaCha20-Poly1305 of WalletConnect's envelopes",
  'bignumber.js': "Web3Modal's balance formatting",
  'cross-fetch': "WalletConnect's HTTP JSON-RPC",
  '@adraffy/ens-normalize': 'ENS name normalising (viem/ens)',
  '@walletconnect/sign-client': 'WalletConnect sessions',
  '@walletconnect/core': 'the relay connection, pairing, crypto',
  '@walletconnect/utils': "WalletConnect's helpers (namespaces, crypto envelopes, URIs)",
  '@reown/appkit': 'AppKit, which @walletconnect/ethereum-provider 2.21 opens as its QR modal (never shown: showQrModal false)',
  '@reown/appkit-ui': "AppKit's components, with its own Lit",
  '@reown/appkit-scaffold-ui': "AppKit's views",
  '@reown/appkit-controllers': "AppKit's controllers",
  '@reown/appkit-utils': "AppKit's helpers",
  '@reown/appkit-common': "AppKit's constants",
  '@reown/appkit-wallet': "AppKit's e-mail/social wallet",
  '@reown/appkit-pay': "AppKit's payments",
  '@reown/appkit-polyfills': "AppKit's Buffer polyfill",
  valtio: "Web3Modal's and AppKit's state",
  'proxy-compare': "valtio's proxies",
  buffer: 'the Buffer polyfill',
  '@msgpack/msgpack': "WalletConnect's relay payloads",
  'idb-keyval': "WalletConnect's IndexedDB storage",
  unstorage: "WalletConnect's storage layer",
  bs58: 'Solana and WalletConnect encodings',
  dayjs: "Web3Modal's dates",
  'lit-element': 'the LitElement class',
};

function topPackages(label: string, files: Set<string>, count = 10): string[] {
  const sizes = [...packageSizes(files)].sort((a, b) => b[1] - a[1]).slice(0, count);
  const width = Math.max(...sizes.map(([name]) => name.length));
  return [`  ${label}, largest packages (gzip, estimated):`, ...sizes.map(([name, bytes]) => `    ${name.padEnd(width)} ${formatBytes(bytes).padStart(8)}  ${PURPOSE[name] ?? ''}`.trimEnd())];
}

/** Packages bundled from more than one folder of node_modules: each copy's version and estimated gzip. */
function duplicates(files: Iterable<string>): string[] {
  const copies = new Map<string, Map<string, number>>();
  for (const fileName of files)
    for (const [id, bytes] of moduleShares(fileName)) {
      const { folder, name } = packageOf(id);
      if (folder === root) continue;
      const each = copies.get(name) ?? new Map<string, number>();
      each.set(folder, (each.get(folder) ?? 0) + bytes);
      copies.set(name, each);
    }
  const version = (folder: string) => {
    try {
      return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      return '?';
    }
  };
  // A copy under 100 B is a package's re-exporting index (lit's own, over one shared lit-html): not a second copy of code.
  return [...copies]
    .map(([name, each]) => [name, new Map([...each].filter(([, bytes]) => bytes >= 100))] as const)
    .filter(([, each]) => each.size > 1)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, each]) => `    ${name}: ${each.size} copies (${[...each].map(([folder, bytes]) => `${version(folder)} ${formatBytes(Math.round(bytes))}`).join(', ')})`);
}

const entry = cdn.chunks.find((chunk) => chunk.isEntry && chunk.fileName === cdn.entry.file)!;
const firstRender = staticClosure(entry.fileName);
const firstRenderBytes = total(firstRender);
const walletLoader = staticClosure(chunkOf('src/wallet/load.ts').fileName);

const lines = [
  `first render (${entry.fileName} + ${plural(firstRender.size - 1, 'static import')}): ${formatBytes(firstRenderBytes)} gzip, ${firstRenderBytes} B (budget ${formatBytes(BUDGET_BYTES)}, ${BUDGET_BYTES} B)`,
];
const analysis = [...topPackages('first render', firstRender)];
for (const [label, source] of [
  ['built-in wallet list', 'src/wallet/injected.ts'],
  ['Web3Modal', 'src/wallet/web3modal.ts'],
] as const) {
  const onClick = without(staticClosure(chunkOf(source).fileName, new Set(walletLoader)), firstRender);
  // Seeded with the first render: chunks import the entry back, and its own import()s are not this step's.
  const later = without(reachable(chunkOf(source).fileName, new Set(firstRender)), new Set([...firstRender, ...onClick]));
  const more = later.size ? `; up to ${formatBytes(total(later))} more in ${plural(later.size, 'file')} it may import() later` : '';
  lines.push(`${label} (load.ts + ${source.replace('src/wallet/', '')}, ${plural(onClick.size, 'file')} beyond the first render): ${formatBytes(total(onClick))} gzip${more}`);
  analysis.push(...topPackages(`${label}, on the click and later`, new Set([...onClick, ...later])));
}
const flow = new Set<string>();
for (const imported of entry.dynamicImports) if (!walletLoader.has(imported)) staticClosure(imported, flow);
const restOfFlow = without(flow, firstRender);
lines.push(`rest of the flow (the entry's other import()s: form, backend client, SIWE message, the other languages; ${plural(restOfFlow.size, 'file')}): ${formatBytes(total(restOfFlow))} gzip`);
const allFiles = new Set(cdn.chunks.map((chunk) => chunk.fileName));
const jsFiles = [cdn.entry.file, ...readdirSync(join(cdn.outDir, 'chunks')).map((file) => `chunks/${file}`)];
lines.push(`whole CDN build (the entry and every chunk, ${plural(jsFiles.length, 'file')}): ${formatBytes(total(jsFiles))} gzip`);
lines.push(`loader (${cdn.loader.file}): ${formatBytes(cdn.loader.gzipBytes)} gzip (${formatBytes(cdn.loader.bytes)})`);
const copies = duplicates(allFiles);
analysis.push(copies.length ? `  packages bundled more than once (npm ls NAME):\n${copies.join('\n')}` : '  no package is bundled more than once');
analysis.push(`  treemap of the whole build: ${TREEMAP}`);
console.log(lines.join('\n'));
console.log(analysis.join('\n'));

const walletInFirstRender = [...firstRender].flatMap((fileName) => Object.keys(byName.get(fileName)?.modules ?? {})).filter((id) => WALLET_MODULES.test(id));
let failed = false;
if (walletInFirstRender.length) {
  console.error(`The first-render bundle holds wallet code:\n  ${walletInFirstRender.slice(0, 10).join('\n  ')}`);
  failed = true;
}
if (firstRenderBytes > BUDGET_BYTES) {
  console.error(`The first-render bundle is ${formatBytes(firstRenderBytes)} gzip, over the ${formatBytes(BUDGET_BYTES)} budget.`);
  failed = true;
}
process.exit(failed ? 1 : 0);
