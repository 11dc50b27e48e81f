import { WalletConnectError } from '../../errors/wallet.js';

/**
 * A module the CDN build replaces with a stub (scripts/cdn-trim.ts) because the widget's
 * configuration never reaches it. Reaching it anyway is a bug in that reasoning: this says which.
 */
export class LeftOutOfBuildError extends WalletConnectError {
  override name = 'LeftOutOfBuildError';
  constructor(module: string, why: string) {
    super({ details: `${module} is not in the CDN build: ${why}.` });
  }
}
