import { TrussetVerify } from './element/trusset-verify.js';

declare const __TRUSSET_VERIFY_VERSION__: string | undefined;
const version = typeof __TRUSSET_VERIFY_VERSION__ === 'string' ? __TRUSSET_VERIFY_VERSION__ : 'dev';

/**
 * Defines `<trusset-verify>` once per page. A second load of the same version does nothing; a
 * second load of another version keeps the first and warns once (DESIGN.md: never "already defined").
 */
export function defineTrussetVerify(tag = 'trusset-verify'): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, class extends TrussetVerify { static version = version; });
    return;
  }
  const key = Symbol.for('trusset-verify.version-warning');
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (existing.version !== version && !registry[key]) {
    registry[key] = true;
    console.warn(`<${tag}>: version ${existing.version ?? 'unknown'} is already defined on this page; this copy (${version}) is not used. Load the script once.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trusset-verify': TrussetVerify;
  }
}
