import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { installSecondWallet, waitFor } from './a11y-fixture.js';
import { backend, mountWidget, testWallet } from './fixture.js';

sessionStorage.clear();
// Two installed wallets, so that the built-in list is shown and a wallet is picked with the keyboard.
const wallet = testWallet();
const second = installSecondWallet();

type Widget = Awaited<ReturnType<typeof mountWidget>>;

beforeEach(async () => {
  Object.assign(wallet.behaviour, { holdSignatures: false });
  while (wallet.heldSignatures > 0) wallet.releaseSignature();
  second.connectGate.mode = 'pass';
  (document.activeElement as HTMLElement | null)?.blur();
  await backend.reset();
});
afterEach(() => {
  second.connectGate.releaseAll();
  document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
});

/** The `part` of the node that has focus inside the widget, or where focus is outside it. */
function focusedPart(widget: Widget): string {
  const active = widget.root.activeElement;
  if (!active) return `outside the widget (${document.activeElement?.tagName ?? 'none'})`;
  return active.getAttribute('part') ?? active.tagName;
}

async function focusOn(widget: Widget, part: string): Promise<void> {
  await waitFor(() => focusedPart(widget) === part, `focus on ${part}, still on ${focusedPart(widget)}`);
}

/** Tab to Connect, Enter, Enter on the test wallet in the list: the form's first field then has focus. */
async function connectWithKeyboard(widget: Widget): Promise<void> {
  await userEvent.tab();
  expect(focusedPart(widget)).toBe('connect-button');
  await userEvent.keyboard('{Enter}');
  await focusOn(widget, 'wallet-button');
  expect(widget.root.activeElement?.textContent).toContain(wallet.info.name);
  await userEvent.keyboard('{Enter}');
  await widget.until('ready');
  await focusOn(widget, 'email-input');
}

describe('<trusset-verify> with the keyboard only', () => {
  it('completes the whole flow without a pointer, with focus on the next step after each one', async () => {
    const widget = await mountWidget();

    await connectWithKeyboard(widget);
    await userEvent.tab();
    await userEvent.tab();
    expect(focusedPart(widget)).toBe('submit-button');
    await userEvent.keyboard('{Enter}');
    await focusOn(widget, 'email-input');
    const email = widget.root.activeElement!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(widget.root.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe(en.fieldErrors.email.required);

    await userEvent.keyboard('ada@example.com');
    await userEvent.tab();
    expect(focusedPart(widget)).toBe('country-select');
    await userEvent.keyboard('France');
    // biome-ignore lint/complexity/useLiteralKeys: the element's private view state, which TypeScript lets a test read only this way
    await waitFor(() => widget.el['_country'] === 'FR', 'France to be chosen by typing its name');
    await userEvent.tab({ shift: true });
    await userEvent.keyboard('{Enter}');
    await widget.until('link-ready');
    await focusOn(widget, 'continue-link');

    const [link] = await backend.links();
    expect(link).toMatchObject({ email: 'ada@example.com', walletAddress: wallet.address });
    expect(widget.events.find((event) => event.type === 'trusset-redirect')).toMatchObject({ defaultPrevented: true, detail: { url: link?.url } });
    expect((widget.root.activeElement as HTMLAnchorElement).href).toBe(link?.url);
    expect(widget.root.activeElement?.textContent?.trim()).toBe(en.continue);
  });

  it('keeps focus on the submit button while the wallet is asked to sign', async () => {
    const widget = await mountWidget({ attributes: { country: 'FR' } });
    await connectWithKeyboard(widget);
    await userEvent.keyboard('ada@example.com');
    wallet.behaviour.holdSignatures = true;

    await userEvent.keyboard('{Enter}');
    await widget.until('signing');
    await focusOn(widget, 'submit-button');

    expect(widget.root.activeElement?.getAttribute('aria-disabled')).toBe('true');
    expect(widget.root.querySelector<HTMLInputElement>('[part=email-input]')!.disabled).toBe(true);
  });

  it('moves focus to Try again after a failed submission, and the retry with Enter succeeds', async () => {
    const widget = await mountWidget({ attributes: { country: 'FR', redirect: 'none' } });
    await connectWithKeyboard(widget);
    await userEvent.keyboard('ada@example.com');
    await backend.fault('503', 'create');

    await userEvent.keyboard('{Enter}');
    await widget.until('submit-failed');
    await focusOn(widget, 'retry-button');
    await userEvent.keyboard('{Enter}');
    await widget.until('link-ready');

    await focusOn(widget, 'continue-link');
    expect(await backend.links()).toHaveLength(1);
  });

  it('moves focus to Try again after a failed connection, and Back returns it to Connect', async () => {
    const widget = await mountWidget();
    second.connectGate.mode = 'fail';
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await focusOn(widget, 'wallet-button');

    await userEvent.tab();
    expect(widget.root.activeElement?.textContent).toContain('Second Wallet');
    await userEvent.keyboard('{Enter}');
    await widget.until('connect-failed');
    await focusOn(widget, 'retry-button');
    await userEvent.tab();
    expect(focusedPart(widget)).toBe('dismiss-button');
    await userEvent.keyboard('{Enter}');
    await widget.until('idle');

    await focusOn(widget, 'connect-button');
  });

  it('leaves focus where the page has it when the widget appears', async () => {
    const outside = document.createElement('input');
    outside.setAttribute('aria-label', 'Something else on the page');
    document.body.append(outside);
    outside.focus();

    const widget = await mountWidget();
    await widget.find('[part=connect-button]');

    expect(document.activeElement).toBe(outside);
    expect(widget.root.activeElement).toBeNull();
    outside.remove();
  });

  it('leaves focus on the page when the wallet disconnects after the user moved on', async () => {
    const widget = await mountWidget({ attributes: { country: 'FR' } });
    await connectWithKeyboard(widget);
    const outside = document.createElement('input');
    outside.setAttribute('aria-label', 'Something else on the page');
    document.body.append(outside);
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(outside);

    wallet.disconnect();
    await widget.until('idle');
    await widget.find('[part=connect-button]');

    expect(document.activeElement).toBe(outside);
    outside.remove();
  });
});
