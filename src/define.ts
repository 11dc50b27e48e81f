import { TrussetVerify } from './element/trusset-verify.js';
import { VERSION } from './shared/version.js';

/**
 * Defines `<trusset-verify>` once per page. A second load of the same version does nothing; a
 * second load of another version keeps the first and warns once, never throws "already
 * defined" (docs/cdn.md, "Twice on a page").
 */
export function defineTrussetVerify(tag = 'trusset-verify'): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(
      tag,
      class extends TrussetVerify {
        static version = VERSION;
      },
    );
    return;
  }
  const key = Symbol.for('trusset-verify.version-warning');
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (existing.version !== VERSION && !registry[key]) {
    registry[key] = true;
    console.warn(`<${tag}>: version ${existing.version ?? 'unknown'} is already defined on this page; this copy (${VERSION}) is not used. Load the script once.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trusset-verify': TrussetVerify;
  }
}
