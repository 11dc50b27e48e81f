import type { WalletAccount } from '../wallet/types.js';
import { TRANSITIONS, type CheckedLink, type FlowError, type FlowEvent, type Status } from './table.js';
import type { SavedLink } from './tracking.js';

/** Everything that decides what the widget shows; the sub-states are unset (never `false`) when off. */
export interface FlowState {
  status: Status;
  account: WalletAccount | undefined;
  /** The failure being shown: in `connect-failed`, `submit-failed`, or on the form after `INVALID` / a refused chain switch. */
  error: FlowError | undefined;
  link: CheckedLink | undefined;
  /** `connecting`: the built-in list of installed wallets is shown and waits for a pick. */
  picking?: true | undefined;
  /** `link-ready`: the user opened the link, and its status is followed. */
  tracking?: true | undefined;
  /** The connected wallet's open link from before a reload, offered on the form to continue. */
  resumable?: SavedLink | undefined;
  /** The submission in flight (and its retry) continues this saved link rather than creating one. */
  resuming?: SavedLink | undefined;
}

export const INITIAL_STATE: FlowState = { status: 'unavailable', account: undefined, error: undefined, link: undefined };

function targetOf(status: Status, event: FlowEvent): Status | undefined {
  const entry = TRANSITIONS[status][event.type];
  if (entry === undefined) return undefined;
  if (entry === 'self') return status;
  if (typeof entry === 'string') return entry;
  const chosen =
    event.type === 'SUBMIT'
      ? event.step
      : event.type === 'CREATED'
        ? event.navigate
          ? 'redirecting'
          : 'link-ready'
        : event.type === 'CONNECTED' || event.type === 'ACCOUNT_CHANGED'
          ? event.check
            ? 'checking'
            : 'ready'
          : undefined;
  return chosen !== undefined && entry.includes(chosen) ? chosen : undefined;
}

/**
 * The flow's pure reducer: the next state, or the same object when the table refuses the move
 * (a second Submit while signing, a late answer after a disconnect). No I/O, no clocks.
 */
export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const status = targetOf(state.status, event);
  if (status === undefined) return state;
  const next = step(state, event, status);
  // Each sub-state belongs to one status: leaving it ends them.
  return next.status === state.status ? next : { ...next, picking: undefined, tracking: undefined };
}

function step(state: FlowState, event: FlowEvent, status: Status): FlowState {
  switch (event.type) {
    case 'CONNECTED':
    case 'ACCOUNT_CHANGED':
      // An offer to resume belongs to the wallet it was found for.
      return { status, account: event.account, error: undefined, link: undefined };
    case 'CHAIN_CHANGED':
      return state.account ? { ...state, account: { ...state.account, chainId: event.chainId } } : state;
    case 'DISCONNECTED':
      return { status, account: undefined, error: undefined, link: undefined };
    case 'WALLETS_LISTED':
      return { ...state, picking: true };
    case 'WALLET_PICKED':
      return { ...state, picking: undefined };
    case 'SUBMIT':
      return { ...state, status, error: undefined, resuming: event.resume ? state.resumable : state.resuming };
    case 'RESUMABLE':
      return { ...state, resumable: event.link };
    case 'LINK_OPENED':
      return { ...state, tracking: true };
    case 'TRACKING_FAILED':
      return { ...state, tracking: undefined };
    case 'INVALID':
      // The saved link can no longer be continued: the offer goes, and the form is the way forward.
      return { ...state, status, error: event.error, ...(event.error.code === 'RESUME_UNAVAILABLE' && { resumable: undefined, resuming: undefined }) };
    case 'FAILED':
    case 'REJECTED':
    case 'CHECKED':
      return { ...state, status, error: event.error };
    case 'CREATED':
      return { ...state, status, error: undefined, link: event.link, resumable: undefined, resuming: undefined };
    case 'RESTART':
      return { ...state, status, error: undefined, link: undefined };
    case 'LINK_STATUS':
      return state.link ? { ...state, link: { ...state.link, status: event.status } } : state;
    case 'CONFIG_INVALID':
      return { ...state, status, error: undefined, link: undefined };
    case 'DISMISS':
    case 'CANCELLED':
      return { ...state, status, error: undefined, resuming: undefined };
    default:
      return { ...state, status, error: undefined };
  }
}
