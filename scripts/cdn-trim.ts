/**
 * What the CDN build (vite.config.ts) leaves out of Web3Modal's dependencies, and the packages it
 * bundles once where npm installed several copies (issue #14; `npm run size` lists what is left).
 * Only the CDN build: the npm package leaves dependencies to the partner's bundler.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

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

export function cdnTrim(): Plugin {
  return {
    name: 'trusset-verify:cdn-trim',
    enforce: 'pre',
    resolveId(source) {
      return LEFT_OUT[source] ?? null;
    },
  };
}
