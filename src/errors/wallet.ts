import { TrussetVerifyError, type TrussetVerifyErrorOptions } from './base.js';

/** The user closed or declined a wallet prompt: the flow steps back, with no error text. */
export class UserRejectedError extends TrussetVerifyError {
  override name = 'UserRejectedError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('USER_REJECTED', 'The user declined the wallet request.', options);
  }
}

export class WalletNotFoundError extends TrussetVerifyError {
  override name = 'WalletNotFoundError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('WALLET_NOT_FOUND', 'No wallet was found in this browser.', options);
  }
}

export class WalletConnectError extends TrussetVerifyError {
  override name = 'WalletConnectError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('WALLET_CONNECT_FAILED', 'The wallet did not connect.', options);
  }
}

export class WrongChainError extends TrussetVerifyError {
  override name = 'WrongChainError';
  constructor(options: TrussetVerifyErrorOptions & { expected: number; actual: number }) {
    super('WRONG_CHAIN', 'The wallet is on another chain.', { ...options, metaMessages: [`Expected chain: ${options.expected}`, `Wallet chain: ${options.actual}`] });
  }
}
