/**
 * Every code the widget can report (DESIGN.md, "Error codes"): the backend contract's codes and
 * the widget's own. `retryable` is the default for each; a backend answer cannot make a code
 * retryable that is not, nor the reverse.
 */
export const BACKEND_CODES = {
  INVALID_REQUEST: false,
  INVALID_EMAIL: false,
  INVALID_COUNTRY: false,
  INVALID_ADDRESS: false,
  SIWE_INVALID: false,
  SIWE_DOMAIN_MISMATCH: false,
  SIWE_URI_MISMATCH: false,
  SIWE_CHAIN_NOT_ALLOWED: false,
  SIWE_ADDRESS_MISMATCH: false,
  SIWE_EXPIRED: true,
  SIWE_NOT_YET_VALID: true,
  SIWE_NONCE_UNKNOWN: true,
  SIWE_BAD_SIGNATURE: false,
  UNAUTHORIZED: false,
  ORIGIN_NOT_ALLOWED: false,
  COUNTRY_BLOCKED: false,
  NOT_FOUND: false,
  IDEMPOTENCY_CONFLICT: false,
  IDEMPOTENCY_IN_PROGRESS: true,
  PAYLOAD_TOO_LARGE: false,
  RATE_LIMITED: true,
  SERVICE_MISCONFIGURED: false,
  SERVICE_QUOTA_EXCEEDED: false,
  UPSTREAM_INVALID_URL: false,
  UPSTREAM_UNAVAILABLE: true,
  UPSTREAM_TIMEOUT: true,
  STORE_UNAVAILABLE: true,
  REQUEST_TIMEOUT: true,
} as const;

export const WIDGET_CODES = {
  CONFIG_INVALID: false,
  WALLET_NOT_FOUND: false,
  WALLET_CONNECT_FAILED: true,
  WRONG_CHAIN: true,
  NETWORK_ERROR: true,
  TIMEOUT: true,
  INVALID_RESPONSE: false,
  REDIRECT_BLOCKED: false,
  REGISTRY_UNAVAILABLE: true,
  /** The open link the user asked to continue is over, or the backend does not know it (a resume answered 404). */
  RESUME_UNAVAILABLE: false,
  /** The user declined a wallet prompt: never shown and never emitted, since it is not an error. */
  USER_REJECTED: false,
  /** A code the backend sent that this version does not know; classified by HTTP status. */
  UNKNOWN_ERROR: false,
} as const;

export type BackendCode = keyof typeof BACKEND_CODES;
export type WidgetCode = keyof typeof WIDGET_CODES;
export type ErrorCode = BackendCode | WidgetCode;

/** The form field a code belongs to, where it belongs to one. */
export const CODE_FIELDS: Partial<Record<ErrorCode, 'email' | 'country' | 'walletAddress'>> = {
  INVALID_EMAIL: 'email',
  INVALID_COUNTRY: 'country',
  COUNTRY_BLOCKED: 'country',
  INVALID_ADDRESS: 'walletAddress',
};

export function isBackendCode(code: string): code is BackendCode {
  return Object.hasOwn(BACKEND_CODES, code);
}
