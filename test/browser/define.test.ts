import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/index.js';
import { defineTrussetVerify } from '../../src/define.js';

afterEach(() => vi.restoreAllMocks());

describe('defineTrussetVerify', () => {
  it('does nothing, and throws nothing, when the same version loads again', () => {
    const warn = vi.spyOn(console, 'warn');
    const before = customElements.get('trusset-verify');

    defineTrussetVerify();
    defineTrussetVerify();

    expect(customElements.get('trusset-verify')).toBe(before);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the first definition and warns once when another version is already defined', () => {
    const warn = vi.spyOn(console, 'warn');
    customElements.define(
      'other-version-verify',
      class extends HTMLElement {
        static version = '0.0.1';
      },
    );

    defineTrussetVerify('other-version-verify');
    defineTrussetVerify('other-version-verify');

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/version 0\.0\.1 is already defined/);
  });
});
