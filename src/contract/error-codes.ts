/**
 * The partner-backend contract's error codes (docs/kit.md, "Error codes"): the one table of them,
 * so that the HTTP status, the retry advice and the field of every answer come from one place.
 * The kit answers from it (src/kit/errors.ts adds its public sentences and INTERNAL_ERROR);
 * the widget reads it (src/errors/codes.ts).
 *
 * Laid out by column rather than by row: the widget needs the retry advice and the fields but
 * never the HTTP status, and a bundler drops an unused export whole, never an unused property
 * of each row (rows cost the first render 140 bytes gzip). The first column's keys are the code
 * list; the others must name exactly those codes, or nothing compiles.
 */

/**
 * Whether the same request may succeed later. The contract's word: a backend answer cannot make
 * a code retryable that is not, nor the reverse.
 */
export const CONTRACT_RETRYABLE = {
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

export type ContractErrorCode = keyof typeof CONTRACT_RETRYABLE;

/** The HTTP status each code is answered with. */
export const CONTRACT_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_EMAIL: 400,
  INVALID_COUNTRY: 400,
  INVALID_ADDRESS: 400,
  SIWE_INVALID: 401,
  SIWE_DOMAIN_MISMATCH: 401,
  SIWE_URI_MISMATCH: 401,
  SIWE_CHAIN_NOT_ALLOWED: 401,
  SIWE_ADDRESS_MISMATCH: 401,
  SIWE_EXPIRED: 401,
  SIWE_NOT_YET_VALID: 401,
  SIWE_NONCE_UNKNOWN: 401,
  SIWE_BAD_SIGNATURE: 401,
  UNAUTHORIZED: 401,
  ORIGIN_NOT_ALLOWED: 403,
  COUNTRY_BLOCKED: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SERVICE_MISCONFIGURED: 502,
  SERVICE_QUOTA_EXCEEDED: 503,
  UPSTREAM_INVALID_URL: 502,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_TIMEOUT: 504,
  STORE_UNAVAILABLE: 503,
  // A body that trickles in slower than `bodyTimeoutMs` (a slow-upload attack).
  REQUEST_TIMEOUT: 408,
} as const satisfies Record<ContractErrorCode, number>;

/** The form field a code belongs to, where it belongs to one. */
export type ContractField = 'email' | 'country' | 'walletAddress';

/**
 * The codes that belong to a form field, and the field. Checked against the code list, then
 * readable by any code (the widget looks its own codes up too, and finds none).
 */
export const CONTRACT_FIELDS = {
  INVALID_EMAIL: 'email',
  INVALID_COUNTRY: 'country',
  COUNTRY_BLOCKED: 'country',
  INVALID_ADDRESS: 'walletAddress',
} as const satisfies Partial<Record<ContractErrorCode, ContractField>> as Readonly<Partial<Record<string, ContractField>>>;

/** One code's row, as the kit's `ERROR_CODES` lays it out. */
export interface ContractErrorEntry<C extends ContractErrorCode = ContractErrorCode> {
  status: (typeof CONTRACT_STATUS)[C];
  retryable: (typeof CONTRACT_RETRYABLE)[C];
  field?: ContractField;
}

export function isContractErrorCode(code: string): code is ContractErrorCode {
  return Object.hasOwn(CONTRACT_RETRYABLE, code);
}

/** Every code's row: the table read by row (the kit's `ERROR_CODES`, tests). */
export function contractErrorRows(): { [C in ContractErrorCode]: ContractErrorEntry<C> } {
  const rows: Record<string, ContractErrorEntry> = {};
  for (const code of Object.keys(CONTRACT_RETRYABLE) as ContractErrorCode[]) {
    const field = CONTRACT_FIELDS[code];
    rows[code] = { status: CONTRACT_STATUS[code], retryable: CONTRACT_RETRYABLE[code], ...(field ? { field } : {}) };
  }
  return rows as { [C in ContractErrorCode]: ContractErrorEntry<C> };
}
