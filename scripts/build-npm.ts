/**
 * `npm run build`: everything the package ships, into `dist/`.
 *
 * - `server`, `mock`: tsc (tsconfig.build.json), Node modules without DOM types.
 * - `.`, `./element`, `./react`: tsc (tsconfig.build.browser.json), one ES module per source file
 *   with declarations. Unbundled on purpose: a partner's bundler sees every `import()` and keeps
 *   wallet code lazy, and dependencies stay theirs to dedupe.
 * - `custom-elements.json`: the analyzer (custom-elements-manifest.config.mjs).
 * - `cdn/`: the CDN build (vite.config.ts). `--no-cdn` leaves `dist/cdn` as it is (`npm test` has
 *   just built it for the size check).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version, scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; scripts: Record<string, string> };
const withCdn = !process.argv.includes('--no-cdn');

function run(command: string, args: string[]): void {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit' });
}

for (const name of existsSync('dist') ? readdirSync('dist') : []) {
  if (withCdn || name !== 'cdn') rmSync(`dist/${name}`, { recursive: true, force: true });
}
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['tsc', '-p', 'tsconfig.build.browser.json']);

// define.ts reads the version from a global the CDN build defines; here it becomes a literal.
const definePath = 'dist/define.js';
const define = readFileSync(definePath, 'utf8');
if (!define.includes('__TRUSSET_VERIFY_VERSION__')) throw new Error(`${definePath} no longer mentions __TRUSSET_VERIFY_VERSION__: update scripts/build-npm.ts`);
writeFileSync(definePath, define.replaceAll('__TRUSSET_VERIFY_VERSION__', JSON.stringify(version)));

// `'use client'` must stay the module's first statement, or Next.js treats the wrapper as a server component.
if (!readFileSync('dist/react/index.js', 'utf8').startsWith("'use client';")) throw new Error("dist/react/index.js does not start with 'use client'");

run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

if (withCdn) {
  if (scripts['build:cdn']) run('npm', ['run', 'build:cdn']);
  else run('npx', ['vite', 'build']);
}
