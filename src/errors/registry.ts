import { TrussetVerifyError, type TrussetVerifyErrorOptions } from './base.js';

/**
 * The identity registry could not be read: never the same as "not verified". The flow shows the
 * form and reports a warning; a later read may succeed (`retryable`).
 */
export class RegistryUnavailableError extends TrussetVerifyError {
  override name = 'RegistryUnavailableError';
  constructor(options: TrussetVerifyErrorOptions = {}) {
    super('REGISTRY_UNAVAILABLE', 'The identity registry could not be read.', { retryable: true, ...options });
  }
}
