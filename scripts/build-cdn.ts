/**
 * `npm run build:cdn`: the script-tag build in `packages/trusset-verify/dist/cdn/`, shipped in the
 * browser package so that jsDelivr serves each version under its own path: `trusset-verify.js`
 * (ESM, code-split, every dependency bundled; vite.config.ts) and `trusset-verify.loader.js` (a
 * classic script that injects it), and the Subresource Integrity hashes of both, printed and
 * written to `sri.json`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type PluginOption, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));

export const ENTRY_FILE = 'trusset-verify.js';
export const LOADER_FILE = 'trusset-verify.loader.js';

export interface CdnFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  integrity: string;
}

export interface CdnBuild {
  outDir: string;
  version: string;
  entry: CdnFile;
  loader: CdnFile;
  /** Every chunk of the module build, with its static and dynamic imports (file names relative to `outDir`). */
  chunks: Rolldown.OutputChunk[];
}

export interface BuildCdnOptions {
  /** Default `packages/trusset-verify/dist/cdn`. */
  outDir?: string;
  /** Default: the browser package's. Tests build a second copy under another version. */
  version?: string;
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Added to vite.config.ts's for the module build only (`npm run size` adds its treemap). */
  plugins?: PluginOption[];
}

/** The browser package, which ships the CDN build in `dist/cdn/`. */
export const BROWSER_PACKAGE_DIR = join(root, 'packages/trusset-verify');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(BROWSER_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

export function integrity(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).byteLength;
}

function describeFile(outDir: string, file: string): CdnFile {
  const bytes = readFileSync(join(outDir, file));
  return { file, bytes: bytes.byteLength, gzipBytes: gzipSize(bytes), integrity: integrity(bytes) };
}

function outputChunks(output: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  return (Array.isArray(output) ? output : [output]).flatMap((each) => ('output' in each ? each.output : [])).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
}

export async function buildCdn(options: BuildCdnOptions = {}): Promise<CdnBuild> {
  const outDir = resolve(root, options.outDir ?? join(BROWSER_PACKAGE_DIR, 'dist/cdn'));
  const version = options.version ?? packageVersion();
  const logLevel = options.logLevel ?? 'warn';

  const chunks = outputChunks(
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel,
      plugins: options.plugins ?? [],
      define: { __TRUSSET_VERIFY_VERSION__: JSON.stringify(version) },
      build: { outDir, emptyOutDir: true, write: true },
    }),
  );
  if (!chunks.some((chunk) => chunk.isEntry && chunk.fileName === ENTRY_FILE)) throw new Error(`The module build wrote no ${ENTRY_FILE}.`);
  const entry = describeFile(outDir, ENTRY_FILE);

  // The loader is its own build: a classic script cannot import, and it needs the entry's hash.
  const [loader] = outputChunks(
    await build({
      root,
      configFile: false,
      logLevel,
      define: { __TRUSSET_VERIFY_ENTRY_INTEGRITY__: JSON.stringify(entry.integrity) },
      build: {
        target: 'es2020',
        write: false,
        lib: { entry: join(root, 'src/loader/loader.ts'), formats: ['iife'], name: 'trussetVerifyLoader' },
        rolldownOptions: { output: { minify: true, entryFileNames: LOADER_FILE } },
      },
    }),
  );
  if (!loader) throw new Error('The loader build produced nothing.');
  writeFileSync(join(outDir, LOADER_FILE), loader.code);

  const result: CdnBuild = { outDir, version, entry, loader: describeFile(outDir, LOADER_FILE), chunks };
  writeFileSync(join(outDir, 'sri.json'), `${JSON.stringify({ version, [ENTRY_FILE]: entry.integrity, [LOADER_FILE]: result.loader.integrity }, null, 2)}\n`);
  return result;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cdn = await buildCdn();
  const rows = [cdn.entry, cdn.loader].map((file) => `  ${file.file.padEnd(26)} ${formatBytes(file.bytes).padStart(8)} (${formatBytes(file.gzipBytes)} gzip)  integrity="${file.integrity}"`);
  console.log(`trusset-verify ${cdn.version} CDN build in ${cdn.outDir} (${cdn.chunks.length - 1} lazy and shared chunks in chunks/)`);
  console.log(rows.join('\n'));
  console.log(`  sri.json written; serve the folder as https://cdn.jsdelivr.net/npm/trusset-verify@${cdn.version}/dist/cdn/`);
}
