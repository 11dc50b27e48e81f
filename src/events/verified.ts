import { TrussetEvent } from './base.js';

/** The identity registry says the wallet is verified. */
export class TrussetVerifiedEvent extends TrussetEvent<{ address: `0x${string}`; chainId: number }> {
  static override readonly type = 'trusset-verified';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-verified': TrussetVerifiedEvent;
  }
}
