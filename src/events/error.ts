import type { ErrorCode } from '../errors/codes.js';
import { TrussetEvent } from './base.js';

/** A failure, after the state moved; `message` is the sentence the user was shown. */
export class TrussetErrorEvent extends TrussetEvent<{ code: ErrorCode; message: string; retryable: boolean; requestId?: string }> {
  static override readonly type = 'trusset-error';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-error': TrussetErrorEvent;
  }
}
