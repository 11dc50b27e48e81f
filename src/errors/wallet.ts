import { TrussetVerifyError, type TrussetVerifyErrorOptions } from './base.js';

// A file of its own: the controller throws it at the Connect click, the rest come with the wallet chunks.
export { WalletNotFoundError } from './wallet-not-found.js';

/** The user closed or declined a wallet prompt: the flow steps back, with no error text. */
export class UserRejectedError extends TrussetVerifyError {
  override name = 'UserRejectedError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('USER_REJECTED', 'The user declined the wallet request.', options);
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
