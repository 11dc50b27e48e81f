import { LeftOutOfBuildError } from './error.js';

/**
 * `normalize` of `viem/ens` (with the 8 KB ENS name normaliser) for Web3Modal's wagmi adapter in
 * the CDN build: it normalises the name typed in the Send screen's address field (w3m-input-address),
 * a wallet feature the widget leaves out (scripts/cdn-trim.ts).
 */
export function normalize(): never {
  throw new LeftOutOfBuildError('viem/ens (for @web3modal/base)', 'Web3Modal looks up ENS names only for its Send screen, which the CDN build leaves out');
}
