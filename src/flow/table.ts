import type { ErrorCode } from '../errors/codes.js';
import type { WalletAccount } from '../wallet/types.js';
import type { SavedLink } from './tracking.js';

/**
 * docs/architecture.md, "The flow": one transition table is the spec. The reducer follows it, the views are
 * typed against `Status`, so a new status does not compile until every place handles it.
 */
export const STATUSES = [
  'unavailable',
  'idle',
  'connecting',
  'connect-failed',
  'checking',
  'ready',
  'switching-chain',
  'signing',
  'creating',
  'submit-failed',
  'redirecting',
  'link-ready',
  'verified',
] as const;

export type Status = (typeof STATUSES)[number];

/** What the user is shown of a failure: data, never a sentence (the sentence comes from i18n). */
export interface FlowError {
  code: ErrorCode;
  retryable: boolean;
  field?: string | undefined;
  retryAfter?: number | undefined;
  requestId?: string | undefined;
  /** The backend's HTTP status: how an unknown code is classified and worded. */
  statusCode?: number | undefined;
}

/** A link the backend created whose URL passed the redirect check. */
export interface CheckedLink {
  id: string;
  /** The checked, parsed `href`: the only form of the URL the widget ever uses. */
  url: string;
  status: string;
  expiresAt: string;
  statusToken: string | undefined;
}

export type FlowEvent =
  | { type: 'CONFIG_VALID' }
  | { type: 'CONFIG_INVALID' }
  | { type: 'CONNECT' }
  /** The built-in list has more than one wallet: it is shown, and `connecting` waits for a pick. */
  | { type: 'WALLETS_LISTED' }
  /** The user picked a wallet of the list: its prompt opens. */
  | { type: 'WALLET_PICKED' }
  /** `check`: a registry is configured, so the account is looked up in `checking` before the form. */
  | { type: 'CONNECTED'; account: WalletAccount; check: boolean }
  | { type: 'CANCELLED' }
  | { type: 'FAILED'; error: FlowError }
  | { type: 'DISMISS' }
  /** `resume`: the submission continues the offered saved link (`resumable`) rather than the form's intent. */
  | { type: 'SUBMIT'; step: 'switching-chain' | 'signing' | 'creating'; resume?: boolean }
  | { type: 'SWITCHED' }
  | { type: 'SIGNED' }
  | { type: 'REJECTED'; error?: FlowError }
  | { type: 'INVALID'; error: FlowError }
  | { type: 'CREATED'; link: CheckedLink; navigate: boolean }
  | { type: 'REDIRECT_CANCELLED' }
  | { type: 'LINK_STATUS'; status: string }
  /** The user opened the link: its status is followed. */
  | { type: 'LINK_OPENED' }
  /** The follow-up's chunk did not load: the link still works, it is just not followed. */
  | { type: 'TRACKING_FAILED' }
  /** The connected wallet's open link from before a reload: offered on the form to continue. */
  | { type: 'RESUMABLE'; link: SavedLink }
  /** The registry was read and does not say verified; `error` when it could not be read (a warning on the form). */
  | { type: 'CHECKED'; error?: FlowError }
  | { type: 'RECHECK' }
  | { type: 'REGISTRY_VERIFIED' }
  /** The tracked link is over (rejected, expired, revoked): the user starts again at the form. */
  | { type: 'RESTART' }
  | { type: 'CHAIN_CHANGED'; chainId: number }
  | { type: 'ACCOUNT_CHANGED'; account: WalletAccount; check: boolean }
  | { type: 'DISCONNECTED' };

export type EventType = FlowEvent['type'];

export const EVENT_TYPES = [
  'CONFIG_VALID',
  'CONFIG_INVALID',
  'CONNECT',
  'WALLETS_LISTED',
  'WALLET_PICKED',
  'CONNECTED',
  'CANCELLED',
  'FAILED',
  'DISMISS',
  'SUBMIT',
  'SWITCHED',
  'SIGNED',
  'REJECTED',
  'INVALID',
  'CREATED',
  'REDIRECT_CANCELLED',
  'LINK_STATUS',
  'LINK_OPENED',
  'TRACKING_FAILED',
  'RESUMABLE',
  'CHECKED',
  'RECHECK',
  'REGISTRY_VERIFIED',
  'RESTART',
  'CHAIN_CHANGED',
  'ACCOUNT_CHANGED',
  'DISCONNECTED',
] as const satisfies readonly EventType[];

/** A target, or the targets an event chooses between (`SUBMIT` by its step, `CREATED` by `navigate`, `CONNECTED` and `ACCOUNT_CHANGED` by `check`). */
type Target = Status | readonly Status[];

/** Statuses that hold a connected wallet: a disconnect or another account leaves each of them. */
const CONNECTED_STATUSES = ['checking', 'ready', 'switching-chain', 'signing', 'creating', 'submit-failed', 'redirecting', 'link-ready', 'verified'] as const;

const SUBMIT_STEPS = ['switching-chain', 'signing', 'creating'] as const;

/** A connected account is looked up in the registry first when one is configured (docs/architecture.md, "The flow"). */
const AFTER_CONNECT = ['checking', 'ready'] as const;

const WALLET_MOVES = {
  CHAIN_CHANGED: 'self',
  // In-flight work for the old account is aborted; the new account starts over (at the registry, then the form).
  ACCOUNT_CHANGED: AFTER_CONNECT,
  DISCONNECTED: 'idle',
} as const;

type Row = Partial<Record<EventType, Target | 'self'>>;

export const TRANSITIONS: Record<Status, Row> = {
  unavailable: { CONFIG_VALID: 'idle' },
  idle: { CONNECT: 'connecting', CONNECTED: AFTER_CONNECT },
  connecting: { WALLETS_LISTED: 'self', WALLET_PICKED: 'self', CONNECTED: AFTER_CONNECT, CANCELLED: 'idle', FAILED: 'connect-failed' },
  'connect-failed': { CONNECT: 'connecting', DISMISS: 'idle', CONNECTED: AFTER_CONNECT },
  checking: { CHECKED: 'ready', REGISTRY_VERIFIED: 'verified', ...WALLET_MOVES },
  ready: { SUBMIT: SUBMIT_STEPS, RECHECK: 'checking', RESUMABLE: 'self', ...WALLET_MOVES },
  'switching-chain': { SWITCHED: 'signing', REJECTED: 'ready', FAILED: 'submit-failed', ...WALLET_MOVES },
  signing: { SIGNED: 'creating', REJECTED: 'ready', FAILED: 'submit-failed', ...WALLET_MOVES },
  creating: { CREATED: ['redirecting', 'link-ready'], INVALID: 'ready', FAILED: 'submit-failed', ...WALLET_MOVES },
  'submit-failed': { SUBMIT: SUBMIT_STEPS, DISMISS: 'ready', ...WALLET_MOVES },
  redirecting: { REDIRECT_CANCELLED: 'link-ready', ...WALLET_MOVES },
  'link-ready': { LINK_STATUS: 'self', LINK_OPENED: 'self', TRACKING_FAILED: 'self', REGISTRY_VERIFIED: 'verified', RESTART: 'ready', ...WALLET_MOVES },
  verified: { ...WALLET_MOVES },
};

// Every status but `unavailable` falls to `unavailable` when the configuration turns invalid.
for (const status of STATUSES) if (status !== 'unavailable') TRANSITIONS[status].CONFIG_INVALID = 'unavailable';

export { CONNECTED_STATUSES };
