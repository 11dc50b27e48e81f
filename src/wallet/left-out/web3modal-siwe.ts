import { LeftOutOfBuildError } from './error.js';

/**
 * `@web3modal/siwe` in the CDN build. Web3Modal imports it only when given a `siweConfig`; the
 * widget signs in with its own message (siwe-message.ts) and passes none (web3modal.ts).
 */
function leftOut(): never {
  throw new LeftOutOfBuildError('@web3modal/siwe', 'Web3Modal is created without a siweConfig');
}

export const SIWEController = new Proxy({}, { get: leftOut });
export const getDidChainId = leftOut;
export const getDidAddress = leftOut;
export const createSIWEConfig = leftOut;
