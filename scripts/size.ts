/**
 * `npm run size`: builds the CDN bundle and prints the gzip size of what the first render costs —
 * the entry and every chunk it imports statically — and of the lazy wallet chunks. Fails when the
 * first-render closure passes its budget or holds any wallet code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const BUDGET_BYTES = 20 * 1024;
const WALLET_MODULES = /node_modules\/(@wagmi|viem|@web3modal|@walletconnect|wagmi|ox|abitype|@reown)\//;

const output = (await build({ logLevel: 'warn', build: { write: true } })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
const entry = chunks.find((chunk) => chunk.isEntry && chunk.name === 'trusset-verify');
if (!entry) throw new Error('no trusset-verify entry chunk in the build output');

const closure = new Set<string>();
const visit = (fileName: string) => {
  if (closure.has(fileName)) return;
  closure.add(fileName);
  for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
};
visit(entry.fileName);

const gzip = (fileName: string) => gzipSync(readFileSync(join('dist/cdn', fileName)), { level: 9 }).byteLength;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const firstRender = [...closure].reduce((sum, fileName) => sum + gzip(fileName), 0);
const walletInFirstRender = [...closure].flatMap((fileName) => Object.keys(byName.get(fileName)?.modules ?? {})).filter((id) => WALLET_MODULES.test(id));

const lazyGroups = new Map<string, number>();
for (const chunk of chunks) {
  if (closure.has(chunk.fileName)) continue;
  const ids = Object.keys(chunk.modules);
  const group = ids.some((id) => /@web3modal|@walletconnect|@reown/.test(id)) ? 'Web3Modal chunks' : ids.some((id) => WALLET_MODULES.test(id)) ? 'injected-wallet chunks' : 'other lazy chunks';
  lazyGroups.set(group, (lazyGroups.get(group) ?? 0) + gzip(chunk.fileName));
}

console.log(`first render (entry + static imports, ${closure.size} file${closure.size === 1 ? '' : 's'}): ${kb(firstRender)} gzip (budget ${kb(BUDGET_BYTES)})`);
for (const [group, bytes] of lazyGroups) console.log(`${group} (lazy): ${kb(bytes)} gzip`);

let failed = false;
if (walletInFirstRender.length) {
  console.error(`The first-render bundle holds wallet code:\n  ${walletInFirstRender.slice(0, 10).join('\n  ')}`);
  failed = true;
}
if (firstRender > BUDGET_BYTES) {
  console.error(`The first-render bundle is ${kb(firstRender)} gzip, over the ${kb(BUDGET_BYTES)} budget.`);
  failed = true;
}
process.exit(failed ? 1 : 0);
