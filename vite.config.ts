import { readFileSync } from 'node:fs';
import { defaultClientConditions, defineConfig } from 'vite';
import { cdnTrim } from './scripts/cdn-trim.js';
import { cssWhitespace } from './scripts/css-whitespace.js';
import { chunkUrlPlugin } from './src/wallet/vite-plugin-chunk-url.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The CDN build: ESM, code-split so that wallet code stays in lazy chunks, every dependency
 * bundled, minified (Vite's library `es` output keeps whitespace unless told otherwise).
 * The server kit and the mock are compiled by tsc (tsconfig.build.json): they ship as plain Node modules.
 */
export default defineConfig({
  // Lets the element preload the Web3Modal chunks by their hashed names without running them.
  // cdnTrim(): the modules left out of Web3Modal's dependencies, and one copy of each package.
  // cssWhitespace(): the element's CSS without its layout.
  plugins: [chunkUrlPlugin(), cdnTrim(), cssWhitespace()],
  // Production builds of every dependency (Lit's dev mode warns in the console), whatever
  // NODE_ENV the build runs under (vitest sets `test`, which would pick `development`).
  resolve: {
    conditions: [...defaultClientConditions.filter((condition) => condition !== 'development|production'), 'production'],
  },
  define: {
    __TRUSSET_VERIFY_VERSION__: JSON.stringify(version),
    // Nothing bundles the CDN build again: library mode leaves `process.env` to a bundler otherwise.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    lib: {
      entry: { 'trusset-verify': 'src/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      // Lets Rolldown merge the modules the entry shares with lazy chunks into the entry (they import
      // it back) instead of common chunks: one request and about 1.3 KB less gzip for the first render.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
