import type { FlowError } from '../../flow/table.js';
import { errorMessage } from '../../i18n/error-message.js';
import type { Messages } from '../../i18n/messages.js';

/** The views the Connect button leads to (the form, the registry, the link), as one lazily loaded chunk. */
export { renderConnectFailed } from './connect-failed.js';
export { renderForm } from './form.js';
export { describeView } from './describe.js';
export { renderChecking, renderLinkReady, renderVerified } from './status.js';
export { renderIdleWalletLinks } from './phone-wallets.js';
export { renderSystemBrowserHint } from './system-browser.js';
export { currentInAppBrowser } from '../../wallet/in-app-browser.js';
export { completeEnglish } from '../../i18n/en-later.js';
export { laterStyles } from '../styles-later.js';

/** A wallet option changed after the first connect (the element's `#warnOnLateWalletChange`). */
export function warnLateWalletChange(): void {
  console.warn('<trusset-verify>: project-id, chain-id, app-name and app-icon are read at the first connect; this change takes effect on the next page load.');
}

/** The copy button of the link's view: `failed` when there is no clipboard (an http: page, an older web view) or a refusal, and the link is shown to select instead. */
export async function copyText(text: string): Promise<'copied' | 'failed'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'failed';
  }
}

/** The country's name in an error sentence, in the UI language (its code when the browser has no name for it). */
export function regionName(language: string, code: string): string {
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The sentence the user reads for a failure, with the chosen country's name in the UI language. */
export function errorSentence(messages: Messages, error: FlowError, language: string, country: string, chainId = 1): string {
  return errorMessage(messages, error, { country: country ? regionName(language, country) : '', chainId: String(chainId) });
}
