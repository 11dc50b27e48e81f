import { describe, expect, it } from 'vitest';
import { CONTRACT_RETRYABLE } from '../contract/error-codes.js';
import { en } from '../i18n/en.js';
import { BACKEND_CODES, CODE_FIELDS, WIDGET_CODES } from './codes.js';

// The widget's backend codes are the contract's table itself (src/contract/error-codes.ts), not a
// copy kept equal: the kit answers from the same table, so the two cannot drift apart.
describe('the error codes the widget knows', () => {
  it("are the contract's codes, with a sentence for each", () => {
    expect(BACKEND_CODES).toBe(CONTRACT_RETRYABLE);

    expect(Object.keys(BACKEND_CODES).filter((code) => !(code in en.errors))).toEqual([]);
  });

  it("keep the widget's own codes apart from the contract's", () => {
    expect(Object.keys(WIDGET_CODES).filter((code) => code in BACKEND_CODES)).toEqual([]);
  });

  it('name a form field only for codes of the contract', () => {
    expect(Object.keys(CODE_FIELDS).every((code) => code in BACKEND_CODES)).toBe(true);
  });
});
