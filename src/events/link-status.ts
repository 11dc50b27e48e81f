import { TrussetEvent } from './base.js';

/** A tracked link changed status (`pending`, `completed`, `rejected`, `expired`, `revoked`); `completed` is not a verdict. */
export class TrussetLinkStatusEvent extends TrussetEvent<{ id: string; status: string }> {
  static override readonly type = 'trusset-link-status';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-link-status': TrussetLinkStatusEvent;
  }
}
