import { KitError } from './errors.js';

/** Deeper than this, a body is refused before anything (zod, JSON.stringify) recurses into it. */
export const MAX_JSON_DEPTH = 32;

/**
 * `JSON.parse` for a request body, refusing nesting deeper than `MAX_JSON_DEPTH` first: a few KB
 * of `[` is otherwise a stack overflow in whatever walks the value next. The scan is
 * one pass over the text with no recursion; the size is already bounded by `maxBodyBytes`.
 */
export function parseBoundedJson(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new KitError('INVALID_REQUEST', { details: `body nested deeper than ${MAX_JSON_DEPTH} levels` });
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new KitError('INVALID_REQUEST', { details: 'body is not JSON' });
  }
}
