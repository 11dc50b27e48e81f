/** The views the Connect button leads to (the form, the register, the link), as one lazily loaded chunk. */
export { renderConnectFailed } from './connect-failed.js';
export { renderForm } from './form.js';
export { describeView } from './describe.js';
export { renderChecking, renderLinkReady, renderVerified } from './status.js';
export { renderIdleWalletLinks } from './phone-wallets.js';
export { renderSystemBrowserHint } from './system-browser.js';
export { detectInAppBrowser } from '../../wallet/in-app-browser.js';
export { completeEnglish } from '../../i18n/en-later.js';
export { errorMessage } from '../../i18n/error-message.js';
export { laterStyles } from '../styles-later.js';
