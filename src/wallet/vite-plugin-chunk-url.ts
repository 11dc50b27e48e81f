import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, Rollup } from 'vite';

export interface ChunkUrlPluginOptions {
  /**
   * Placeholder (a global identifier the code tests with `typeof`) → the module (or modules) whose
   * chunks it names. Default: `__TRUSSET_WEB3MODAL_CHUNKS__` → `src/wallet/web3modal.ts` and the
   * modal's own code, which Web3Modal's `open()` imports (load.ts).
   */
  chunks?: Record<string, string | readonly string[]>;
  /**
   * Marks the chunks each placeholder names with V8's compile hint (`//# allFunctionsCalledOnLoad`):
   * a preload then compiles every function of them, not only their top level, so that the click
   * that runs them does not wait for lazy compilation. Default: true.
   */
  compileHints?: boolean;
}

/** V8's explicit compile hint (Chromium 136 on): compile every function of the file eagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

const DEFAULT_CHUNKS: Record<string, readonly string[]> = {
  __TRUSSET_WEB3MODAL_CHUNKS__: [
    fileURLToPath(new URL('./web3modal.ts', import.meta.url)),
    // What `open()` imports first (@web3modal/base's initOrContinue): the modal's element.
    fileURLToPath(new URL('../../node_modules/@web3modal/scaffold-ui/dist/esm/exports/w3m-modal.js', import.meta.url)),
  ],
};

function normalise(id: string): string {
  return path.resolve(id.replace(/[?#].*$/, ''));
}

/** The chunk and every chunk it imports statically: what the browser fetches before it runs. */
function staticClosure(start: Rollup.OutputChunk, bundle: Rollup.OutputBundle): string[] {
  const seen = new Set<string>();
  const queue = [start.fileName];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const chunk = bundle[file];
    if (chunk?.type === 'chunk') queue.push(...chunk.imports);
  }
  return [...seen];
}

function relativeTo(host: string, file: string): string {
  const relative = path.posix.relative(path.posix.dirname(host), file);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Gives code the file names of a lazy chunk, so that it can `<link rel="modulepreload">` them
 * without importing (and so running) the chunk — the Web3Modal chunk changes the host page when it
 * runs (docs/architecture.md, "Side-effect rules"). Vite only preloads a dynamic import's files when the import runs.
 *
 * In every chunk that mentions a placeholder, the placeholder becomes the list of the target
 * chunk's files (it and its static imports, minus what that chunk already imports), as paths
 * relative to that chunk, which resolves them against its own `import.meta.url`. Build only: from
 * source, load.ts preloads the module's own URL.
 *
 * Register it only in a build whose output is served as it is (the CDN build): a consumer's
 * bundler renames chunks, so an npm build without the plugin leaves the placeholder undefined and
 * prefetching does nothing there.
 */
export function chunkUrlPlugin(options: ChunkUrlPluginOptions = {}): Plugin {
  const chunks = options.chunks ?? DEFAULT_CHUNKS;
  const compileHints = options.compileHints ?? true;
  return {
    name: 'trusset-verify:chunk-url',
    apply: 'build',
    generateBundle(_output, bundle) {
      const outputChunks = Object.values(bundle).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
      for (const [placeholder, modulePaths] of Object.entries(chunks)) {
        const pattern = new RegExp(`\\b${placeholder}\\b`, 'g');
        const hosts = outputChunks.filter((chunk) => chunk.code.includes(placeholder));
        if (hosts.length === 0) continue;
        const files: string[] = [];
        for (const modulePath of typeof modulePaths === 'string' ? [modulePaths] : modulePaths) {
          const target = outputChunks.find((chunk) => chunk.facadeModuleId && normalise(chunk.facadeModuleId) === normalise(modulePath));
          if (!target) {
            this.warn(`${placeholder}: no chunk is built from ${modulePath} (is it imported with import()?); it will not be preloaded.`);
            continue;
          }
          for (const file of staticClosure(target, bundle)) if (!files.includes(file)) files.push(file);
        }
        if (files.length === 0) continue;
        for (const host of hosts) {
          const loaded = new Set(staticClosure(host, bundle));
          const list = files.filter((file) => !loaded.has(file)).map((file) => relativeTo(host.fileName, file));
          // After hashing, like Vite's own preload lists: the file names are final only now.
          host.code = host.code.replace(pattern, JSON.stringify(list));
        }
        if (compileHints) {
          // Not the chunks that the host's other imports load too (the built-in list shares wagmi's
          // and viem's): an eager compile there would be paid on a click that calls few of them.
          const others = hosts.flatMap((host) => host.dynamicImports).filter((file) => !files.includes(file));
          const shared = new Set([...hosts.map((host) => host.fileName), ...others.flatMap((file) => (bundle[file]?.type === 'chunk' ? staticClosure(bundle[file], bundle) : []))]);
          for (const file of files) {
            const chunk = bundle[file];
            if (chunk?.type === 'chunk' && !shared.has(file) && !chunk.code.startsWith(COMPILE_HINT)) chunk.code = COMPILE_HINT + chunk.code;
          }
        }
      }
    },
  };
}
