/** The views the Connect button leads to, as one lazily loaded chunk. */
export { renderConnectFailed } from './connect-failed.js';
export { renderForm } from './form.js';
export { describeView } from './describe.js';
export { renderIdleWalletLinks } from './phone-wallets.js';
export { renderSystemBrowserHint } from './system-browser.js';
export { detectInAppBrowser } from '../../wallet/in-app-browser.js';
