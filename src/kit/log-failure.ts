import { KitError } from './errors.js';
import type { TrussetLogger } from './logger.js';

/** One line per refused or failed request, at the level its cause deserves. */
export function logFailure(logger: TrussetLogger, kitError: KitError, original: unknown, requestId: string, route: string): void {
  const fields: Record<string, unknown> = { code: kitError.code, status: kitError.status, requestId, route };
  if (kitError.details) fields.details = kitError.details;
  if (kitError.code === 'INTERNAL_ERROR' || kitError.code === 'STORE_UNAVAILABLE') {
    const cause = original instanceof KitError ? original.cause : original;
    // The name and stack frames locate the fault; the message is left out, since it may quote data.
    fields.error = cause instanceof Error ? cause.name : typeof cause;
    fields.stack = cause instanceof Error ? cause.stack?.split('\n').slice(1, 4).join(' | ') : undefined;
    logger.error('request failed', fields);
  } else if (kitError.status >= 500) {
    logger.warn('request failed', fields);
  } else {
    logger.info('request refused', fields);
  }
}
