import { KitError } from '../errors.js';
import type { AuthorizeResult, ResolvedOptions } from '../options.js';

/**
 * The partner's own check of the caller (docs/kit.md, "What it checks, in this order"): its customer reference, or
 * `UNAUTHORIZED`; undefined when the kit runs without `authorize` (`allowAnonymous`). An
 * `authorize` that throws is the partner's fault, not the user's: `INTERNAL_ERROR`.
 */
export async function authorize(config: ResolvedOptions, request: Request): Promise<AuthorizeResult | undefined> {
  if (!config.authorize) return undefined;
  let result: Awaited<ReturnType<NonNullable<ResolvedOptions['authorize']>>>;
  try {
    result = await config.authorize(request);
  } catch (cause) {
    throw cause instanceof KitError ? cause : new KitError('INTERNAL_ERROR', { details: 'authorize threw', cause });
  }
  if (!result || typeof result.customerRef !== 'string' || !result.customerRef) throw new KitError('UNAUTHORIZED');
  return result;
}
