import { CONNECTED_STATUSES, type Status } from '../../flow/table.js';
import type { LinkStatus } from '../../backend-client/create-link.js';
import type { Messages } from '../../i18n/messages.js';
import type { ViewContext } from './context.js';
import { systemBrowserText } from './system-browser.js';

/** What assistive technology is told on entering a view. */
export interface ViewDescription {
  /** Selector of the control that takes focus (WCAG 2.4.3), or none: focus stays where it is. */
  focus: string | undefined;
  /** The live region's sentence (WCAG 4.1.3); empty when focus already reads it. */
  say: string;
}

/** Statuses after which the form is not new to the user (`checking` comes straight from connecting). */
const WAS_CONNECTED: readonly Status[] = CONNECTED_STATUSES.filter((status) => status !== 'checking');

const PROGRESS: Partial<Record<Status, keyof Messages>> = {
  connecting: 'connecting',
  checking: 'checking',
  'switching-chain': 'switchingChain',
  signing: 'signing',
  creating: 'creating',
  redirecting: 'redirecting',
  'link-ready': 'linkReady',
};

/**
 * Focus goes to the control for the next step: the first field after connecting, the first
 * invalid field after a refusal, the retry button after a failure, the link once it is ready.
 */
function focusTarget({ state, from }: ViewContext): string | undefined {
  switch (state.status) {
    case 'idle':
      // Not on the page's first render: focus is only moved after the user acted in the widget.
      return from === 'unavailable' ? undefined : '[part=connect-button]';
    case 'connecting':
      return state.picking ? '[part=wallet-button]' : '[part=dismiss-button]';
    case 'connect-failed':
    case 'submit-failed':
      return '[part=retry-button],[part=dismiss-button]';
    case 'ready':
      if (state.error?.field) return '[aria-invalid=true]';
      return state.error || WAS_CONNECTED.includes(from) ? '[part=submit-button]' : '[part=email-input]';
    case 'switching-chain':
    case 'signing':
    case 'creating':
      return '[part=submit-button]';
    case 'link-ready':
      return '[part=continue-link],[part=restart-button]';
    default:
      return undefined;
  }
}

/**
 * A field error is read with its field (`aria-describedby`) when focus lands there, so it is not
 * announced again; every other failure is, politely, after the focused control's name.
 */
function announcement(ctx: ViewContext): string {
  const { state, from, t, errorText } = ctx;
  const { status, error, account, link } = state;
  if (status === 'link-ready' && ctx.inApp) return ctx.copied ? t.inApp[ctx.copied === 'copied' ? 'copied' : 'copyFailed'] : `${t.linkReady} ${systemBrowserText(ctx)}`;
  if (state.picking) return t.walletListTitle;
  if (error && (!error.field || status !== 'ready')) return errorText(error);
  if (status === 'ready') return account && !WAS_CONNECTED.includes(from) ? `${t.connectedAs} ${account.address.slice(0, 6)}…${account.address.slice(-4)}` : '';
  if (status === 'verified') return from === 'link-ready' ? t.tracking.verifiedNow : t.verified;
  if (status === 'link-ready' && link && link.status !== 'pending') return t.linkStatus[link.status as LinkStatus] ?? '';
  const key = PROGRESS[status];
  return key ? (t[key] as string) : '';
}

export function describeView(ctx: ViewContext): ViewDescription {
  return { focus: focusTarget(ctx), say: announcement(ctx) };
}
