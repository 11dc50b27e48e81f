import type { Status } from '../flow/table.js';
import { TrussetEvent } from './base.js';

/** Every flow transition. */
export class TrussetStateChangeEvent extends TrussetEvent<{ status: Status; previous: Status }> {
  static override readonly type = 'trusset-state-change';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-state-change': TrussetStateChangeEvent;
  }
}
