/** The views the Connect button leads to, as one lazily loaded chunk. */
export { renderConnectFailed } from './connect-failed.js';
export { renderForm } from './form.js';
export { describeView } from './describe.js';
