import { contractErrorRows } from '../contract/error-codes.js';

/**
 * The codes the kit answers with: the contract's (src/contract/error-codes.ts, docs/kit.md, "Error
 * codes"), so that the HTTP status, the retry advice and the field of every answer come from the
 * table the widget reads too, and one of the kit's own.
 */
export const ERROR_CODES = {
  ...contractErrorRows(),
  // The answer to a fault in the kit itself (or in `authorize`), so
  // that a bug is a plain 500 rather than a code that blames the user or Trusset. The widget
  // does not know it and reads it by its status, as any code it does not know.
  INTERNAL_ERROR: { status: 500, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean; field?: string }>;

export type KitErrorCode = keyof typeof ERROR_CODES;

/** Messages the browser may read: fixed sentences, never an echo of the request or of Trusset. */
const PUBLIC_MESSAGES: Record<KitErrorCode, string> = {
  INVALID_REQUEST: 'The request is not valid JSON of the expected shape.',
  INVALID_EMAIL: 'The e-mail address is not valid.',
  INVALID_COUNTRY: 'The country is not an ISO 3166-1 code that is offered here.',
  INVALID_ADDRESS: 'The wallet address is not a valid Ethereum address.',
  SIWE_INVALID: 'The sign-in message could not be read.',
  SIWE_DOMAIN_MISMATCH: 'The sign-in message names another site.',
  SIWE_URI_MISMATCH: 'The sign-in message names another address of this site.',
  SIWE_CHAIN_NOT_ALLOWED: 'The sign-in message names a chain this site does not accept.',
  SIWE_ADDRESS_MISMATCH: 'The sign-in message names another wallet.',
  SIWE_EXPIRED: 'The sign-in message has expired. Sign again.',
  SIWE_NOT_YET_VALID: 'The sign-in message is not valid yet. Sign again.',
  SIWE_NONCE_UNKNOWN: 'The sign-in message has been used or has expired. Sign again.',
  SIWE_BAD_SIGNATURE: 'The signature does not match the wallet.',
  UNAUTHORIZED: 'You are not signed in to this site.',
  ORIGIN_NOT_ALLOWED: 'Requests from this origin are not allowed.',
  COUNTRY_BLOCKED: 'Identity verification is not available for this country.',
  NOT_FOUND: 'No such verification link.',
  IDEMPOTENCY_CONFLICT: 'This Idempotency-Key was already used for another request.',
  IDEMPOTENCY_IN_PROGRESS: 'The same request is being answered right now. Try again shortly.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  REQUEST_TIMEOUT: 'The request took too long to arrive. Try again.',
  RATE_LIMITED: 'Too many requests. Try again later.',
  SERVICE_MISCONFIGURED: 'Identity verification is not set up correctly on this site.',
  SERVICE_QUOTA_EXCEEDED: 'Identity verification is not available on this site right now.',
  UPSTREAM_INVALID_URL: 'The verification service answered with an unexpected address.',
  UPSTREAM_UNAVAILABLE: 'The verification service is unavailable. Try again shortly.',
  UPSTREAM_TIMEOUT: 'The verification service did not answer in time. Try again.',
  STORE_UNAVAILABLE: 'The service is temporarily unavailable. Try again shortly.',
  INTERNAL_ERROR: 'Something went wrong on this site. Try again shortly.',
};

export interface KitErrorOptions {
  /** Seconds until a retry may succeed; sent as `Retry-After` and `error.retryAfter`. */
  retryAfter?: number;
  /** What went wrong, for the partner's log only: never sent to the browser. */
  details?: string;
  cause?: unknown;
}

/**
 * An answer of the kit that is not a success. `message` is the fixed public sentence; `details`
 * says more for the partner's log and must never carry an e-mail, URL, token, signature or key.
 */
export class KitError extends Error {
  override name = 'KitError';
  readonly code: KitErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly details: string | undefined;

  constructor(code: KitErrorCode, options: KitErrorOptions = {}) {
    super(PUBLIC_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    const entry: { status: number; retryable: boolean; field?: string } = ERROR_CODES[code];
    this.code = code;
    this.status = entry.status;
    this.retryable = entry.retryable;
    this.field = entry.field;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }
}
