// Run by tarball.test.ts in the folder where the tarball is installed: bundles bare imports of the
// package's entries with Vite (path given as the argument) and prints each bundle's code, so the
// test can see what `sideEffects` lets a bundler keep. Dependencies stay external: only the
// package's own modules matter here.
import { mkdirSync, writeFileSync } from 'node:fs';

const { build } = await import(process.argv[2]);
const entries = { index: "import 'trusset-verify';", element: "import 'trusset-verify/element';", react: "import 'trusset-verify/react';" };
const bundles = {};
mkdirSync('tree-shake', { recursive: true });
for (const [name, source] of Object.entries(entries)) {
  writeFileSync(`tree-shake/${name}.js`, source);
  const result = await build({
    root: process.cwd(),
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: `tree-shake/${name}.js`, formats: ['es'], fileName: name },
      rolldownOptions: { external: (id) => !/^(trusset-verify|\.|\/)/.test(id) },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  bundles[name] = outputs
    .flatMap((output) => output.output)
    .filter((item) => item.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n');
}
console.log(JSON.stringify(bundles));
