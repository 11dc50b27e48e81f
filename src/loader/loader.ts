/**
 * `trusset-verify.loader.js`: a classic script for pages that allow only classic scripts. It adds
 * `<script type="module" src="…/trusset-verify.js">` next to itself, from the folder it was itself
 * loaded from, pinned by the entry's Subresource Integrity hash (baked in by scripts/build-cdn.ts).
 */

/** The entry's `sha384-…` hash, replaced at build time. */
declare const __TRUSSET_VERIFY_ENTRY_INTEGRITY__: string;

/** The part of the Trusted Types API this script uses (TypeScript's DOM library does not carry it yet). */
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

export {};

const loader = document.currentScript as HTMLScriptElement | null;

// Only a classic script that is running has a currentScript: bundled into a module there is no
// URL to resolve the entry from, and guessing one would load code from the wrong place.
if (!loader?.src) throw new Error('trusset-verify.loader.js: load it with a classic <script src=".../trusset-verify.loader.js">.');

const src = new URL('trusset-verify.js', loader.src).href;

// Loaded twice, or beside the module snippet: the entry is already on its way.
if (![...document.scripts].some((script) => script.src === src)) {
  const script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = 'anonymous';
  script.integrity = __TRUSSET_VERIFY_ENTRY_INTEGRITY__;
  // A CSP nonce passes to the module script, and from it to every chunk it imports (HTML spec:
  // imports inherit the importing script's fetch options).
  if (loader.nonce) script.nonce = loader.nonce;
  script.src = trustedScriptUrl(src) as string;
  loader.after(script);
}

/**
 * Under `require-trusted-types-for 'script'` a string cannot be a script's `src`: a policy named
 * `trusset-verify-loader` that vouches for this one URL and refuses every other. Where the policy
 * cannot be made (no Trusted Types, or the page's `trusted-types` directive does not name it) the
 * plain string is used, which works wherever Trusted Types are not enforced.
 */
function trustedScriptUrl(url: string): unknown {
  const factory = (window as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  try {
    return factory
      ? factory
          .createPolicy('trusset-verify-loader', {
            createScriptURL: (candidate) => {
              if (candidate !== url) throw new TypeError(`trusset-verify-loader: refusing ${candidate}`);
              return candidate;
            },
          })
          .createScriptURL(url)
      : url;
  } catch {
    return url;
  }
}
