import { defineTrussetVerify } from './define.js';
import type { TrussetVerify } from './element/trusset-verify.js';

defineTrussetVerify();

export { TrussetVerify } from './element/trusset-verify.js';
export * from './events/index.js';
export type { Status } from './flow/table.js';
export type { ErrorCode } from './errors/codes.js';
export { TrussetVerifyError } from './errors/base.js';
// Types only (no runtime bytes): `<trusset-verify>` in TSX for whoever imports the element.
export type { TrussetVerifyAttributes } from './react/jsx.js';

// Repeated from define.ts: the shipped index.d.ts drops define.ts's declarations, since it only
// calls defineTrussetVerify, and `document.createElement('trusset-verify')` must stay typed.
declare global {
  interface HTMLElementTagNameMap {
    'trusset-verify': TrussetVerify;
  }
}
