import { TrussetEvent } from './base.js';

/** A wallet connected, or its account or chain changed. */
export class TrussetConnectEvent extends TrussetEvent<{ address: `0x${string}`; chainId: number }> {
  static override readonly type = 'trusset-connect';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-connect': TrussetConnectEvent;
  }
}
