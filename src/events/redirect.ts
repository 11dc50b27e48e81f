import { TrussetEvent } from './base.js';

/** About to navigate to the verification URL; `preventDefault()` to navigate yourself (the widget then shows the link). */
export class TrussetRedirectEvent extends TrussetEvent<{ url: string }> {
  static override readonly type = 'trusset-redirect';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-redirect': TrussetRedirectEvent;
  }
}
