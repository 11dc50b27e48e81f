/**
 * What the CDN build (vite.config.ts) leaves out of Web3Modal's dependencies, and the packages it
 * bundles once where npm installed several copies (`npm run size` lists what is left).
 * Only the CDN build: the npm package leaves dependencies to the partner's bundler.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));
const leftOut = (file: string) => fileURLToPath(new URL(`../src/wallet/left-out/${file}`, import.meta.url));

/**
 * Modules replaced by a stub that throws `LeftOutOfBuildError`: each is reached only through an
 * option the widget never sets (the stub's file says which).
 */
export const LEFT_OUT: Record<string, string> = {
  // @walletconnect/ethereum-provider's own QR modal (AppKit 1.7, with a second WalletConnect stack).
  '@reown/appkit/core': leftOut('reown-appkit-core.ts'),
  // Web3Modal's SIWE client (with @walletconnect/utils 2.16 and elliptic), only with a siweConfig.
  '@web3modal/siwe': leftOut('web3modal-siwe.ts'),
};

/** The same, for one importer only: `[importer (a path pattern), source, stub]`. */
export const LEFT_OUT_FOR: readonly (readonly [RegExp, string, string])[] = [
  // ENS name normalising (@adraffy/ens-normalize), only for the Send screen that UNSHOWN_VIEWS drops.
  [/\/@web3modal\/base\/dist\/esm\/adapters\/evm\/wagmi\/client\.js$/, 'viem/ens', leftOut('viem-ens.ts')],
];

/** A module id that cdnTrim() builds from `source` itself, after Rollup's convention for virtual modules. */
const VIRTUAL = '\0trusset-verify:';

/**
 * Modules replaced by the code here: `@web3modal/wallet`'s helpers and constants (what the wagmi
 * adapter, the core controllers and the views read), its e-mail wallet left out.
 */
const REPLACED: Record<string, string> = {
  '@web3modal/wallet': [
    // First, as in the package's own index: W3mFrameConstants reads `process.env` as it loads.
    `import '@web3modal/polyfills';`,
    `export { W3mFrameHelpers } from '${root}node_modules/@web3modal/wallet/dist/esm/src/W3mFrameHelpers.js';`,
    `export { W3mFrameConstants, W3mFrameRpcConstants } from '${root}node_modules/@web3modal/wallet/dist/esm/src/W3mFrameConstants.js';`,
    `export { W3mFrameStorage } from '${root}node_modules/@web3modal/wallet/dist/esm/src/W3mFrameStorage.js';`,
    `export { W3mFrame, W3mFrameProvider, W3mFrameSchema } from '${leftOut('web3modal-frame.ts')}';`,
  ].join('\n'),
};

/**
 * Web3Modal's views and partials the widget never shows, each an element defined as its module
 * loads (`@web3modal/scaffold-ui` defines them all). On-ramp and swaps are off (web3modal.ts); the
 * e-mail, social, smart-account and wallet-features screens need the auth connector, which the
 * widget leaves out; `<w3m-button>` and the other page buttons are the host's to place, and the
 * widget places none. What stays: connect, all wallets, connecting (extension, WalletConnect QR,
 * mobile, web), networks, help, and the account screen a connected modal may route to.
 */
const UNSHOWN_VIEWS =
  /\/(w3m-(account-button|button|connect-button|network-button)|w3m-onramp-[a-z-]+|w3m-what-is-a-buy-view|w3m-buy-in-progress-view|w3m-swap-[a-z-]+|w3m-email-[a-z-]+|w3m-approve-transaction-view|w3m-upgrade-[a-z-]+|w3m-update-email-[a-z-]+|w3m-connect-socials-view|w3m-connecting-social-view|w3m-connecting-farcaster-view|w3m-social-login-[a-z-]+|w3m-select-addresses-view|w3m-switch-address-view|w3m-profile-view|w3m-choose-account-name-view|w3m-register-account-name[a-z-]*|w3m-account-wallet-features-widget|w3m-account-(tokens|nfts|activity)-widget|w3m-wallet-(send|receive|compatible-networks)[a-z-]*|w3m-input-(token|address))\/index\.js';$/;

function scaffoldUi(): string {
  const index = `${root}node_modules/@web3modal/scaffold-ui/dist/esm/exports/index.js`;
  const kept = readFileSync(index, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('export * from ') && !UNSHOWN_VIEWS.test(line))
    .map((line) => line.replace("'../src/", `'${root}node_modules/@web3modal/scaffold-ui/dist/esm/src/`));
  // A Web3Modal whose index changed shape would otherwise build a modal with nothing in it.
  for (const view of ['w3m-router', 'w3m-connect-view', 'w3m-all-wallets-view', 'w3m-connecting-wc-view'])
    if (!kept.some((line) => line.includes(`/${view}/`))) throw new Error(`cdn-trim: ${index} no longer exports ${view}; check UNSHOWN_VIEWS against this Web3Modal version.`);
  return kept.join('\n');
}

/**
 * Packages resolved from one folder whoever imports them, as if imported from `from` (a file
 * path): viem's own copies of the noble libraries, the project's viem, the hoisted WalletConnect
 * utils. Each pair of copies is within one major version (semver-compatible); the e2e tests of
 * the CDN build (test/e2e: cdn, strict-csp, host-web3modal-cdn) connect through this build.
 */
export const ONE_COPY: Record<string, string> = {
  viem: `${root}src/index.ts`,
  '@walletconnect/utils': `${root}src/index.ts`,
  '@noble/curves': `${root}node_modules/viem/_esm/index.js`,
  '@noble/hashes': `${root}node_modules/viem/_esm/index.js`,
};

/** The package folder of a resolved file under node_modules, and its version; undefined elsewhere. */
function installOf(id: string): { folder: string; version: string } | undefined {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (!match) return undefined;
  try {
    return { folder: match[1]!, version: (JSON.parse(readFileSync(`${match[1]}/package.json`, 'utf8')) as { version: string }).version };
  } catch {
    return undefined;
  }
}

function packageName(source: string): string {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function cdnTrim(): Plugin {
  // Where npm nested identical installs of one version (tslib 1.14.1 under several WalletConnect
  // packages), the first folder reached serves every importer of that version.
  const firstInstall = new Map<string, string>();
  return {
    name: 'trusset-verify:cdn-trim',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const stub = LEFT_OUT[source];
      if (stub) return stub;
      const forImporter = importer && LEFT_OUT_FOR.find(([pattern, left]) => left === source && pattern.test(importer));
      if (forImporter) return forImporter[2];
      if (source in REPLACED || source === '@web3modal/scaffold-ui') return VIRTUAL + source;
      const from = ONE_COPY[packageName(source)];
      if (from && importer && importer !== from) return this.resolve(source, from, { ...options, skipSelf: true });
      if (!importer || source.startsWith('.') || source.startsWith('/') || source.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const install = resolved && !resolved.external ? installOf(resolved.id) : undefined;
      if (!install) return resolved;
      const key = `${packageName(source)}@${install.version}`;
      const first = firstInstall.get(key);
      if (first === undefined) {
        firstInstall.set(key, install.folder);
        return resolved;
      }
      return first === install.folder ? resolved : { ...resolved!, id: `${first}${resolved!.id.slice(install.folder.length)}` };
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      return source === '@web3modal/scaffold-ui' ? scaffoldUi() : REPLACED[source];
    },
  };
}
