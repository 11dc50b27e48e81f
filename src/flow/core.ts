import type { ReactiveControllerHost } from 'lit';
import type { IntentKeys } from '../backend-client/idempotency-key.js';
import type { TrussetVerifyError } from '../errors/base.js';
import type { WidgetConfig } from '../schemas/config.js';
import type { WalletSession } from '../wallet/types.js';
import type { FlowState } from './reducer.js';
import type { FlowError, FlowEvent } from './table.js';

/**
 * What the flow shares with its lazy chunks (flow/submission.ts, flow/follow-up.ts): types only,
 * so that the controller and the chunks import this leaf rather than each other.
 */

/** The element as the flow sees it: Lit's controller host, and the target of the flow's events. */
export type FlowHost = ReactiveControllerHost & Pick<EventTarget, 'dispatchEvent'>;

/** A nonce from the backend, and when it came. */
export interface Nonce {
  nonce: string;
  serverTime: string;
  fetchedAt: number;
}

/** What the submission's chunk keeps between submissions; the controller only drops it (another account, a new intent). */
export interface SubmissionCache {
  /** The last nonce fetched, until it is spent (any attempt that reaches the backend spends it). */
  nonce?: Nonce | undefined;
  nonceRequest?: Promise<Nonce> | undefined;
  /** The `Idempotency-Key` keeper, created with the first submission (its class comes with the submission's chunk). */
  keys?: IntentKeys | undefined;
}

/** What the lazy chunks read of the flow, and how they move it: by events, never by writing its state. */
export interface FlowCore {
  readonly host: FlowHost;
  /** The validated configuration, or undefined while it is invalid. */
  readonly config: WidgetConfig | undefined;
  readonly state: FlowState;
  /** The current work's signal: a disconnect, an account change or leaving the page aborts it. */
  readonly signal: AbortSignal;
  readonly session: WalletSession | undefined;
  readonly cache: SubmissionCache;
  dispatch(event: FlowEvent): void;
  /** What the view shows of a failure. */
  flowError(error: TrussetVerifyError): FlowError;
  /** `trusset-error`, after the state moved. */
  report(error: TrussetVerifyError, flowError: FlowError): void;
  /** Moves to the failure and reports it; `toForm` shows it on the form rather than as a failed step. */
  fail(error: TrussetVerifyError, toForm?: boolean): void;
}
