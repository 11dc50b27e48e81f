import type { FlowState } from '../../flow/reducer.js';
import type { FlowError, Status } from '../../flow/table.js';
import type { Messages } from '../../i18n/messages.js';
import type { WidgetConfig } from '../../schemas/config.js';
import type { FormErrors } from '../../schemas/form.js';
import type { InAppBrowser } from '../../wallet/in-app-browser.js';
import type { InjectedWalletInfo, WalletSession } from '../../wallet/types.js';

/** Everything a view reads and every way it can answer: views hold no state of their own. */
export interface ViewContext {
  state: FlowState;
  /** The status before this one: where focus goes and what is announced depend on the way in. */
  from: Status;
  t: Messages;
  config: WidgetConfig | undefined;
  language: string;
  email: string;
  country: string;
  fieldErrors: FormErrors;
  injectedWallets: InjectedWalletInfo[];
  walletSource: WalletSession['source'] | undefined;
  /** The wallet app's browser the page runs in (docs/element.md, "Phones and wallet apps' browsers"); known once the views after Connect loaded. */
  inApp: InAppBrowser | undefined;
  /** What became of the last "Copy link" in the current view. */
  copied: 'copied' | 'failed' | undefined;
  errorText: (error: FlowError) => string;
  format: (template: string, params: Record<string, string | number>) => string;
  on: {
    connect(): void;
    pick(rdns: string): void;
    prefetch(): void;
    dismiss(): void;
    disconnect(): void;
    email(value: string): void;
    country(value: string): void;
    submit(): void;
    resume(): void;
    recheck(): void;
    linkOpened(): void;
    restart(): void;
    copyLink(): void;
  };
}
