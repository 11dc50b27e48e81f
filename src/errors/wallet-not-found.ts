import { TrussetVerifyError, type TrussetVerifyErrorOptions } from './base.js';

export class WalletNotFoundError extends TrussetVerifyError {
  override name = 'WalletNotFoundError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('WALLET_NOT_FOUND', 'No wallet was found in this browser.', options);
  }
}
