import { defineTrussetVerify } from './define.js';

defineTrussetVerify();

export { TrussetVerify } from './element/trusset-verify.js';
export * from './events/index.js';
export type { Status } from './flow/table.js';
export type { ErrorCode } from './errors/codes.js';
export { TrussetVerifyError } from './errors/base.js';
// Types only (no runtime bytes): `<trusset-verify>` in TSX for whoever imports the element.
export type { TrussetVerifyAttributes } from './react/jsx.js';
