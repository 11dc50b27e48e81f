import type { WalletAccount } from '../wallet/types.js';
import { TRANSITIONS, type CheckedLink, type FlowError, type FlowEvent, type Status } from './table.js';

export interface FlowState {
  status: Status;
  account: WalletAccount | undefined;
  /** The failure being shown: in `connect-failed`, `submit-failed`, or on the form after `INVALID` / a refused chain switch. */
  error: FlowError | undefined;
  link: CheckedLink | undefined;
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
  switch (event.type) {
    case 'CONNECTED':
    case 'ACCOUNT_CHANGED':
      return { status, account: event.account, error: undefined, link: undefined };
    case 'CHAIN_CHANGED':
      return state.account ? { ...state, account: { ...state.account, chainId: event.chainId } } : state;
    case 'DISCONNECTED':
      return { status, account: undefined, error: undefined, link: undefined };
    case 'FAILED':
    case 'INVALID':
      return { ...state, status, error: event.error };
    case 'REJECTED':
      return { ...state, status, error: event.error };
    case 'CREATED':
      return { ...state, status, error: undefined, link: event.link };
    case 'CHECKED':
      return { ...state, status, error: event.error };
    case 'RESTART':
      return { ...state, status, error: undefined, link: undefined };
    case 'LINK_STATUS':
      return state.link ? { ...state, link: { ...state.link, status: event.status } } : state;
    case 'CONFIG_INVALID':
      return { ...state, status, error: undefined, link: undefined };
    default:
      return { ...state, status, error: undefined };
  }
}
