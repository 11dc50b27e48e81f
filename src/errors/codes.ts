import { CONTRACT_FIELDS, CONTRACT_RETRYABLE, isContractErrorCode, type ContractErrorCode, type ContractField } from '../contract/error-codes.js';

/**
 * Every code the widget can report (DESIGN.md, "Error codes"): the backend contract's codes,
 * from the table the kit answers from (src/contract/error-codes.ts), and the widget's own.
 * `retryable` is the default for each; a backend answer cannot make a code retryable that is
 * not, nor the reverse.
 */
export const BACKEND_CODES = CONTRACT_RETRYABLE;

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

/** The form field a code belongs to, where it belongs to one (the contract's table says). */
export const CODE_FIELDS: Partial<Record<ErrorCode, ContractField>> = CONTRACT_FIELDS;

export const isBackendCode: (code: string) => code is BackendCode = isContractErrorCode;
