import type { Status } from '../flow/table.js';

/** Every flow transition. */
export class TrussetStateChangeEvent extends CustomEvent<{ status: Status; previous: Status }> {
  static readonly type = 'trusset-state-change';
  constructor(detail: { status: Status; previous: Status }) {
    super('trusset-state-change', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-state-change': TrussetStateChangeEvent;
  }
}
