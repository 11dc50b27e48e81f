/**
 * `npm run size`: builds the CDN files (scripts/build-cdn.ts) and prints, in gzip, what each step
 * of the flow fetches, read from the bundle graph: the first render (the entry and every chunk it
 * imports statically), then what the built-in wallet list and Web3Modal add on the Connect click
 * (`import()` of src/wallet/load.ts, then of injected.ts or web3modal.ts, with their static
 * imports), the rest of the flow's lazy chunks, and the loader. Fails when the first render passes its budget or holds wallet code.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rolldown } from 'vite';
import { buildCdn, formatBytes, gzipSize } from './build-cdn.js';

const BUDGET_BYTES = 20 * 1024;
const WALLET_MODULES = /node_modules\/(@wagmi|viem|@web3modal|@walletconnect|wagmi|ox|abitype|@reown)\//;
const root = fileURLToPath(new URL('../', import.meta.url));

const cdn = await buildCdn();
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

const entry = cdn.chunks.find((chunk) => chunk.isEntry && chunk.fileName === cdn.entry.file)!;
const firstRender = staticClosure(entry.fileName);
const firstRenderBytes = total(firstRender);
const walletLoader = staticClosure(chunkOf('src/wallet/load.ts').fileName);

const lines = [`first render (${entry.fileName} + ${plural(firstRender.size - 1, 'static import')}): ${formatBytes(firstRenderBytes)} gzip (budget ${formatBytes(BUDGET_BYTES)})`];
for (const [label, source] of [
  ['built-in wallet list', 'src/wallet/injected.ts'],
  ['Web3Modal', 'src/wallet/web3modal.ts'],
] as const) {
  const onClick = without(staticClosure(chunkOf(source).fileName, new Set(walletLoader)), firstRender);
    // Seeded with the first render: chunks import the entry back, and its own import()s are not this step's.
  const later = without(reachable(chunkOf(source).fileName, new Set(firstRender)), new Set([...firstRender, ...onClick]));
  const more = later.size ? `; up to ${formatBytes(total(later))} more in ${plural(later.size, 'file')} it may import() later` : '';
  lines.push(`${label} (load.ts + ${source.replace('src/wallet/', '')}, ${plural(onClick.size, 'file')} beyond the first render): ${formatBytes(total(onClick))} gzip${more}`);
}
const flow = new Set<string>();
for (const imported of entry.dynamicImports) if (!walletLoader.has(imported)) staticClosure(imported, flow);
const restOfFlow = without(flow, firstRender);
lines.push(`rest of the flow (the entry's other import()s: form, backend client, SIWE message, the other languages; ${plural(restOfFlow.size, 'file')}): ${formatBytes(total(restOfFlow))} gzip`);
lines.push(`loader (${cdn.loader.file}): ${formatBytes(cdn.loader.gzipBytes)} gzip (${formatBytes(cdn.loader.bytes)})`);
console.log(lines.join('\n'));

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
