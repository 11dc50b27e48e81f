/**
 * `custom-elements.json` (npm run build, npm run docs): read from the element's JSDoc
 * (`@tagname`, `@event`, `@csspart`, `@cssproperty`, `@cssstate`) and its Lit properties.
 */
const toShipped = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/element/trusset-verify.ts'],
  outdir: 'packages/trusset-verify/dist',
  litelement: true,
  // package.json names the manifest itself; the analyzer would otherwise rewrite the file.
  packagejson: false,
  plugins: [
    {
      name: 'trusset-verify:shipped-paths',
      // The manifest ships in the package: point tools at the built modules, not at the sources.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = toShipped(module.path);
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = toShipped(entry.declaration.module);
          }
        }
      },
    },
  ],
};
