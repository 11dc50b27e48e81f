import { LeftOutOfBuildError } from './error.js';

/**
 * `@reown/appkit/core` in the CDN build. @walletconnect/ethereum-provider imports it only to draw
 * its own QR modal when `showQrModal` is set; the widget's WalletConnect connector sets it to
 * `false` (web3modal.ts), Web3Modal draws the QR code.
 */
export function createAppKit(): never {
  throw new LeftOutOfBuildError('@reown/appkit/core', 'the WalletConnect connector runs with showQrModal: false');
}
