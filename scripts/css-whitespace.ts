/**
 * The CDN build's (vite.config.ts) `css` templates without their indentation and line breaks:
 * about 60 bytes gzip off the first render. Conservative: every run of whitespace becomes one
 * space, and only the spaces beside `{`, `}`, `;` and `,` and after `:` go, where CSS never reads
 * them (a space before `:` or between selectors is a descendant combinator and stays; a selector's
 * `:` is never followed by one), as does a block's last `;`. The sources keep their
 * layout; the npm build leaves minifying to the partner's bundler.
 */
import type { Plugin } from 'vite';

const CSS_TEMPLATE = /\bcss`([^`$\\]*)`/g;

export function squeezeCss(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function cssWhitespace(): Plugin {
  return {
    name: 'trusset-verify:css-whitespace',
    transform(code, id) {
      if (!/\/src\/element\/[^/]*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(CSS_TEMPLATE, (_, text: string) => `css\`${squeezeCss(text)}\``), map: null };
    },
  };
}
