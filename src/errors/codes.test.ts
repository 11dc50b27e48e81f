import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../server/errors.js';
import { en } from '../i18n/en.js';
import { BACKEND_CODES } from './codes.js';

describe('the error codes the widget knows', () => {
  it('include every code the kit answers with, retryable alike, and a sentence for each (INTERNAL_ERROR aside: the widget reads it by its status)', () => {
    const kit = Object.entries(ERROR_CODES).filter(([code]) => code !== 'INTERNAL_ERROR');

    const widget = kit.map(([code]) => [code, BACKEND_CODES[code as keyof typeof BACKEND_CODES]]);

    expect(Object.fromEntries(widget)).toEqual(Object.fromEntries(kit.map(([code, { retryable }]) => [code, retryable])));
    expect(kit.filter(([code]) => !(code in en.errors)).map(([code]) => code)).toEqual([]);
  });
});
