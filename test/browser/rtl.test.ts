import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { darkStyles, styles } from '../../src/element/styles.js';
import { expectNoAxeViolations } from './a11y-fixture.js';
import { backend, mountWidget, testWallet } from './fixture.js';

testWallet();

type Widget = Awaited<ReturnType<typeof mountWidget>>;

beforeEach(() => backend.reset());
afterEach(() => {
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
  document.querySelectorAll('[data-test-page]').forEach((node) => node.remove());
});

/** Mounts the widget inside a 360 px wide part of the page written in `dir`. */
async function mountIn(dir: 'rtl' | 'ltr'): Promise<Widget> {
  const container = document.createElement('div');
  container.dataset.testPage = dir;
  container.dir = dir;
  container.lang = dir === 'rtl' ? 'ar' : 'en';
  container.style.inlineSize = '360px';
  document.body.append(container);
  const widget = await mountWidget({ attributes: { country: 'FR' } });
  container.append(widget.el);
  await widget.el.updateComplete;
  return widget;
}

function textBox(node: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(node);
  return range.getBoundingClientRect();
}

/** Which edge of `outer` the box `inner` sits against. */
function side(inner: DOMRect, outer: DOMRect): 'left' | 'right' {
  return Math.abs(inner.right - outer.right) < Math.abs(inner.left - outer.left) ? 'right' : 'left';
}

/** Where the inline-start things of each view sit: labels, errors, the account line, the first action. */
async function layout(widget: Widget): Promise<Record<string, string>> {
  const { root } = widget;
  const q = (selector: string) => root.querySelector(selector)!;
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.click(await widget.find('[part=submit-button]'));
  await widget.find('[part=field-error]');
  const account = q('[part=account]').getBoundingClientRect();
  const sides: Record<string, string> = {
    label: side(textBox(q('label[for=email]')), q('label[for=email]').getBoundingClientRect()),
    'field-error': side(textBox(q('[part=field-error]')), q('[part=field-error]').getBoundingClientRect()),
    address: side(q('[part=account] span').getBoundingClientRect(), account),
    'disconnect-button': side(q('[part=disconnect-button]').getBoundingClientRect(), account),
  };

  await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
  await backend.fault('503', 'create');
  await userEvent.click(await widget.find('[part=submit-button]'));
  await widget.until('submit-failed');
  const actions = q('[part=error] .actions').getBoundingClientRect();
  const retry = (await widget.find('[part=retry-button]')).getBoundingClientRect();
  sides['retry-button'] = side(retry, actions);
  sides['dismiss-button, from retry'] = q('[part=error] [part=dismiss-button]').getBoundingClientRect().left < retry.left ? 'left' : 'right';
  return sides;
}

describe('<trusset-verify> on a right-to-left page', () => {
  it('mirrors the layout: what starts a line sits on the right', async () => {
    const widget = await mountIn('rtl');

    const sides = await layout(widget);

    expect(getComputedStyle(widget.root.querySelector('[part=base]')!).direction).toBe('rtl');
    expect(sides).toEqual({ label: 'right', 'field-error': 'right', address: 'right', 'disconnect-button': 'left', 'retry-button': 'right', 'dismiss-button, from retry': 'left' });
    await expectNoAxeViolations(widget.el, 'rtl, submit-failed');
  });

  it('keeps the same layout on the left on a left-to-right page', async () => {
    const widget = await mountIn('ltr');

    const sides = await layout(widget);

    expect(sides).toEqual({ label: 'left', 'field-error': 'left', address: 'left', 'disconnect-button': 'right', 'retry-button': 'left', 'dismiss-button, from retry': 'right' });
  });

  it('is styled with logical properties only (no left, right, or physical margins, paddings and borders)', () => {
    const css = styles.cssText + darkStyles.cssText;

    const physical = css.match(
      /\b(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right|top|bottom)\b|[{;\s](?:left|right)\s*:|text-align\s*:\s*(?:left|right)|float\s*:|(?<![-\w])(?:width|height|min-width|max-width)\s*:/g,
    );

    expect(css).toContain('inline-size');
    expect(physical).toBeNull();
  });

  it('scrolls nowhere sideways in a 320 px wide right-to-left column', async () => {
    const widget = await mountIn('rtl');
    const container = widget.el.parentElement!;
    container.style.inlineSize = '320px';
    await userEvent.click(await widget.find('[part=connect-button]'));
    await widget.until('ready');
    await userEvent.click(await widget.find('[part=submit-button]'));
    await widget.find('[part=field-error]');

    const base = widget.root.querySelector<HTMLElement>('[part=base]')!;

    expect(base.scrollWidth).toBeLessThanOrEqual(base.clientWidth);
    expect(container.scrollWidth).toBeLessThanOrEqual(container.clientWidth);
    expect(widget.root.querySelector('[part=email-input]')!.getAttribute('aria-describedby')).toBe('email-error');
  });
});
