import { BACKEND_CODES, WIDGET_CODES, type ErrorCode } from './codes.js';
import { VERSION } from '../shared/version.js';

export interface TrussetVerifyErrorOptions {
  /** Lines that say what was expected and what came instead. */
  metaMessages?: string[];
  details?: string;
  cause?: unknown;
  statusCode?: number;
  requestId?: string;
  field?: string;
  /** Seconds until a retry may succeed (`RATE_LIMITED`). */
  retryAfter?: number;
  retryable?: boolean;
}

/**
 * The one base of everything the widget throws or reports. `message` is for developers, laid
 * out like viem's (a short sentence, meta lines, details, version); what the user reads comes
 * from the i18n table by `code`. No message carries an e-mail, URL, token, signature or key.
 */
export class TrussetVerifyError extends Error {
  override name = 'TrussetVerifyError';
  readonly code: ErrorCode;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[];
  readonly retryable: boolean;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, shortMessage: string, options: TrussetVerifyErrorOptions = {}) {
    const lines = [shortMessage];
    if (options.metaMessages?.length) lines.push('', ...options.metaMessages);
    if (options.details) lines.push('', `Details: ${options.details}`);
    if (options.requestId) lines.push(`Request id: ${options.requestId}`);
    lines.push(`Version: trusset-verify@${VERSION}`);
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.metaMessages = options.metaMessages ?? [];
    this.retryable = options.retryable ?? (BACKEND_CODES as Record<string, boolean>)[code] ?? (WIDGET_CODES as Record<string, boolean>)[code] ?? false;
    this.statusCode = options.statusCode;
    this.requestId = options.requestId;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }
}

/** An `AbortController` stopped the work (a disconnect, an account change, the element removed). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
