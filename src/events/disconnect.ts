import { TrussetEvent } from './base.js';

/** The wallet disconnected. */
export class TrussetDisconnectEvent extends TrussetEvent<Record<string, never>> {
  static override readonly type = 'trusset-disconnect';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-disconnect': TrussetDisconnectEvent;
  }
}
