import type { ErrorCode } from '../errors/codes.js';

/** A failure, after the state moved; `message` is the sentence the user was shown. */
export class TrussetErrorEvent extends CustomEvent<{ code: ErrorCode; message: string; retryable: boolean; requestId?: string }> {
  static readonly type = 'trusset-error';
  constructor(detail: { code: ErrorCode; message: string; retryable: boolean; requestId?: string }) {
    super('trusset-error', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-error': TrussetErrorEvent;
  }
}
