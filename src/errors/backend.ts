import { TrussetVerifyError, type TrussetVerifyErrorOptions } from './base.js';
import type { BackendCode } from './codes.js';

/** The partner backend could not be reached (refused, DNS, CORS, offline, or a redirect). */
export class NetworkError extends TrussetVerifyError {
  override name = 'NetworkError';
  constructor(request: string, options: TrussetVerifyErrorOptions = {}) {
    super('NETWORK_ERROR', 'The partner backend could not be reached.', {
      ...options,
      metaMessages: [
        `Request: ${request}`,
        'Expected: an HTTP answer',
        // fetch reports CORS refusals and, with redirect: 'error', redirects the same way.
        'Received: a network failure (offline, refused, blocked by CORS, or a redirect)',
      ],
    });
  }
}

/** The partner backend did not answer within the widget's time limit. */
export class RequestTimeoutError extends TrussetVerifyError {
  override name = 'RequestTimeoutError';
  constructor(request: string, timeoutMs: number, options: TrussetVerifyErrorOptions = {}) {
    super('TIMEOUT', `The partner backend did not answer within ${timeoutMs} ms.`, {
      ...options,
      metaMessages: [`Request: ${request}`],
    });
  }
}

/** The partner backend answered, but not with the contract's envelope or data. */
export class InvalidResponseError extends TrussetVerifyError {
  override name = 'InvalidResponseError';
  constructor(request: string, expected: string, received: string, options: TrussetVerifyErrorOptions = {}) {
    super('INVALID_RESPONSE', 'The partner backend answered in an unexpected shape.', {
      ...options,
      metaMessages: [`Request: ${request}`, `Expected: ${expected}`, `Received: ${received}`],
    });
  }
}

export interface BackendErrorOptions extends TrussetVerifyErrorOptions {
  statusCode: number;
  /** The code exactly as sent, when it is not one this version knows (already made safe to print). */
  unknownCode?: string | undefined;
}

/**
 * The partner backend refused (`success: false`, or a non-2xx without an envelope). The server's
 * own `error.message` is never used: it is not trusted text and may echo what the user typed.
 */
export class BackendError extends TrussetVerifyError {
  override name = 'BackendError';
  constructor(code: BackendCode | 'UNKNOWN_ERROR', request: string, options: BackendErrorOptions) {
    const { unknownCode, ...rest } = options;
    super(code, code === 'UNKNOWN_ERROR' ? 'The partner backend refused the request with an unknown code.' : `The partner backend refused the request (${code}).`, {
      ...rest,
      metaMessages: [`Request: ${request}`, `Code: ${unknownCode ?? code}`, `HTTP status: ${options.statusCode}`],
      details: rest.details ?? (code === 'UNKNOWN_ERROR' ? `This version does not know the code ${unknownCode ?? '(none)'}; classified by HTTP status.` : undefined),
    });
  }
}

/** The verification URL failed the redirect check (docs/architecture.md, "Security rules"). */
export class RedirectBlockedError extends TrussetVerifyError {
  override name = 'RedirectBlockedError';
  constructor(received: string, allowedHosts: readonly string[], options: TrussetVerifyErrorOptions = {}) {
    super('REDIRECT_BLOCKED', 'The verification URL is not on an allowed host; nothing was opened.', {
      ...options,
      retryable: false,
      metaMessages: [
        `Expected: an https: URL (or http: on a listed loopback host) on ${allowedHosts.length ? allowedHosts.join(', ') : '(no hosts listed)'}`,
        `Received: ${received}`,
        'Allowed hosts come from the verify-hosts attribute.',
      ],
    });
  }
}
