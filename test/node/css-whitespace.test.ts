import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { squeezeCss } from '../../scripts/css-whitespace.js';

describe('squeezeCss (the CDN build’s css`` templates)', () => {
  it('drops layout whitespace and a block’s last semicolon', () => {
    const squeezed = squeezeCss(`
      :host {
        display: block;
        color: var(--trusset-verify-text, #111);
      }
    `);

    expect(squeezed).toBe(':host{display:block;color:var(--trusset-verify-text,#111)}');
  });

  it('keeps descendant combinators, spaces inside values and the text of strings', () => {
    const squeezed = squeezeCss(`
      :host([theme='dark']) [part='form'] .row > p {
        margin: 0 auto;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        width: calc(100% - 2 * var(--gap));
      }
      li::before { content: '✓ '; }
      @media (max-width: 400px) and (prefers-reduced-motion: reduce) { p { transition: none } }
    `);

    expect(squeezed).toBe(
      ":host([theme='dark']) [part='form'] .row > p{margin:0 auto;grid-template-columns:repeat(2,minmax(0,1fr));width:calc(100% - 2 * var(--gap))}li::before{content:'✓ '}@media (max-width:400px) and (prefers-reduced-motion:reduce){p{transition:none}}",
    );
  });

  it('meets in the element’s styles no string it could change (a quoted ;, {, }, comma or run of spaces)', () => {
    const styles = ['styles.ts', 'styles-later.ts'].map((file) => readFileSync(new URL(`../../src/element/${file}`, import.meta.url), 'utf8')).join('\n');

    const strings = [...styles.matchAll(/content:\s*('[^']*'|"[^"]*")/g)].map((match) => match[1]!);

    expect(strings.filter((text) => /[;{},]|\s{2}|\s[:,]|:\s/.test(text))).toEqual([]);
  });
});
