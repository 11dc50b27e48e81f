/**
 * `npm run build`: both published packages, each into its own `dist/`, from the one `src/`.
 *
 * - packages/trusset-verify-server: the kit (`.`) and the mock (`./mock`), tsc with
 *   packages/trusset-verify-server/tsconfig.json: Node modules without DOM types.
 * - packages/trusset-verify: `.`, `./element`, `./react`, tsc with packages/trusset-verify/tsconfig.json,
 *   one ES module per source file with declarations. Unbundled on purpose: a partner's bundler sees
 *   every `import()` and keeps wallet code lazy, and dependencies stay theirs to dedupe. Then
 *   `custom-elements.json` (the analyzer, custom-elements-manifest.config.mjs) and `cdn/` (the CDN
 *   build, vite.config.ts). `--no-cdn` leaves `dist/cdn` as it is (`npm test` has just built it
 *   for the size check).
 *
 * What both import from src/shared (the wire contract's countries and URL checks, the version) is
 * compiled into each package. The two packages are released together, at the workspace's version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BROWSER_PACKAGE = 'packages/trusset-verify';
const SERVER_PACKAGE = 'packages/trusset-verify-server';
const PLACEHOLDER = '__TRUSSET_VERIFY_VERSION__';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string; scripts?: Record<string, string> };

function run(command: string, args: string[]): void {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit' });
}

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/**
 * src/shared/version.ts reads the version from a global the CDN build defines; in the npm builds it
 * becomes a literal, in every file that names it. Returns how many files did.
 */
function stampVersion(dist: string, version: string): number {
  let stamped = 0;
  for (const path of jsFiles(dist)) {
    const source = readFileSync(path, 'utf8');
    if (!source.includes(PLACEHOLDER)) continue;
    writeFileSync(path, source.replaceAll(PLACEHOLDER, JSON.stringify(version)));
    stamped += 1;
  }
  return stamped;
}

const root = readJson('package.json');
const withCdn = !process.argv.includes('--no-cdn');

for (const folder of [SERVER_PACKAGE, BROWSER_PACKAGE]) {
  const { name, version } = readJson(join(folder, 'package.json'));
  if (version !== root.version) throw new Error(`${folder}/package.json says ${name}@${version}, the workspace ${root.version}: both packages are released at the workspace's version.`);
  const dist = join(folder, 'dist');
  for (const entry of existsSync(dist) ? readdirSync(dist) : []) {
    if (withCdn || entry !== 'cdn') rmSync(join(dist, entry), { recursive: true, force: true });
  }
  run('npx', ['tsc', '-p', join(folder, 'tsconfig.json')]);
  const stamped = stampVersion(dist, version);
  if (folder === BROWSER_PACKAGE && !existsSync(join(dist, 'shared/version.js')))
    throw new Error(`${dist}/shared/version.js is missing: the browser build no longer carries src/shared/version.ts; update scripts/build-npm.ts`);
  console.log(`  ${name}@${version}: version stamped in ${stamped} file${stamped === 1 ? '' : 's'}`);
}

// `'use client'` must stay the module's first statement, or Next.js treats the wrapper as a server component.
if (!readFileSync(join(BROWSER_PACKAGE, 'dist/react/index.js'), 'utf8').startsWith("'use client';")) throw new Error(`${BROWSER_PACKAGE}/dist/react/index.js does not start with 'use client'`);

run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

if (withCdn) {
  if (root.scripts?.['build:cdn']) run('npm', ['run', 'build:cdn']);
  else run('npx', ['vite', 'build', '--outDir', join(BROWSER_PACKAGE, 'dist/cdn')]);
}
