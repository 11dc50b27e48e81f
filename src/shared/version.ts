declare const __TRUSSET_VERIFY_VERSION__: string | undefined;

/**
 * The version of the package this file is built into. Every build replaces the placeholder: the
 * CDN build through Vite's `define`, the npm builds in every emitted file (scripts/build-npm.ts).
 * Sources run as they are (tests, the demo) say `dev`.
 */
export const VERSION: string = typeof __TRUSSET_VERIFY_VERSION__ === 'string' ? __TRUSSET_VERIFY_VERSION__ : 'dev';
