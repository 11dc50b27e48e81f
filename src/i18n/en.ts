import { completeEnglish } from './en-later.js';

/**
 * English, the fallback of every other locale, whole: the element's own English object
 * (en-eager.ts), completed. The element does not import this module: its first render bundles
 * only en-eager.ts, and the views after Connect bring en-later.ts.
 */
export const en = completeEnglish();

export default en;
