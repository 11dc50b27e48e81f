/** The element class, without defining the tag (for a custom tag name or a scoped registry). */
export { TrussetVerify } from './element/trusset-verify.js';
export { defineTrussetVerify } from './define.js';
export * from './events/index.js';
export type { Status } from './flow/table.js';
