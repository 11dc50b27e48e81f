import type { ErrorCode } from '../errors/codes.js';
import { format, type MessageParams } from './format.js';
import type { Messages } from './messages.js';

// Proper names, the same in every language; other chains are named by number.
const CHAIN_NAMES: Record<string, string> = { '1': 'Ethereum', '11155111': 'Sepolia' };

function given(value: string | number | undefined): value is string | number {
  return value !== undefined && value !== '';
}

/**
 * The sentence the user reads for an error. A code this version does not know is told by its
 * HTTP status (429 and 5xx: "try again"; other 4xx: "not accepted"), or else by `retryable`.
 * `params`: `country` (a name), `chain` or `chainId`, `seconds` (overrides `retryAfter`, for a
 * countdown); what is missing is filled with neutral words rather than left blank.
 */
export function errorMessage(
  messages: Messages,
  error: { code: string; retryAfter?: number | undefined; statusCode?: number | undefined; retryable?: boolean | undefined },
  params: MessageParams = {},
): string {
  const { errors, errorFallbacks, paramFallbacks } = messages;
  if (error.code === 'UNKNOWN_ERROR' || !Object.hasOwn(errors, error.code)) {
    const status = error.statusCode;
    if (status !== undefined && status >= 400) return status === 429 || status >= 500 ? errorFallbacks.server : errorFallbacks.client;
    if (error.retryable !== undefined) return error.retryable ? errorFallbacks.server : errorFallbacks.client;
    return errors.UNKNOWN_ERROR;
  }
  const code = error.code as ErrorCode;
  const seconds = given(params.seconds) ? Number(params.seconds) : error.retryAfter;
  if (code === 'RATE_LIMITED' && (seconds === undefined || !Number.isFinite(seconds))) return errorFallbacks.rateLimited;
  const chainId = given(params.chainId) ? String(params.chainId) : undefined;
  return format(errors[code], {
    ...params,
    seconds: seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds)),
    country: given(params.country) ? params.country : paramFallbacks.country,
    chain: given(params.chain) ? params.chain : chainId === undefined ? paramFallbacks.chain : (CHAIN_NAMES[chainId] ?? format(paramFallbacks.chainId, { chainId })),
  });
}
