import type { ContractErrorCode } from '../contract/error-codes.js';

/**
 * Every code the widget can report (docs/kit.md, "Error codes"): the backend contract's codes,
 * from the table the kit answers from (src/contract/error-codes.ts), and the widget's own.
 * `retryable` is the default for each; a backend answer cannot make a code retryable that is
 * not, nor the reverse.
 */
export { CONTRACT_RETRYABLE as BACKEND_CODES, isContractErrorCode as isBackendCode } from '../contract/error-codes.js';

/** The form field a code belongs to, where it belongs to one (the contract's table says). */
export { CONTRACT_FIELDS as CODE_FIELDS } from '../contract/error-codes.js';

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

export type BackendCode = ContractErrorCode;
export type WidgetCode = keyof typeof WIDGET_CODES;
export type ErrorCode = BackendCode | WidgetCode;
