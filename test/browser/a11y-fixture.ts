import axe from 'axe-core';
import { expect } from 'vitest';
import { installTestWallet, type TestProvider, type TestWallet } from '../support/test-wallet.js';

/** WCAG 2.2 AA as axe-core tags it. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the element (open shadow root included) and fails with every violation named. */
export async function expectNoAxeViolations(el: HTMLElement, label: string): Promise<void> {
  const { violations } = await axe.run(el, { runOnly: { type: 'tag', values: WCAG_22_AA }, resultTypes: ['violations'] });

  expect(violations.map((violation) => `${label}: ${violation.id} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`)).toEqual([]);
}

/** Runs axe-core in the light and then the dark theme; the element keeps whatever theme it had before. */
export async function expectNoAxeViolationsInBothThemes(el: HTMLElement & { updateComplete: Promise<boolean> }, label: string): Promise<void> {
  const before = el.getAttribute('theme');
  for (const theme of ['light', 'dark']) {
    el.setAttribute('theme', theme);
    await el.updateComplete;
    await expectNoAxeViolations(el, `${label} (${theme})`);
  }
  if (before === null) el.removeAttribute('theme');
  else el.setAttribute('theme', before);
  await el.updateComplete;
}

type Mode = 'pass' | 'hold' | 'fail';

/** Wallet requests a test holds (the prompt stays open) or fails with an internal error (-32603). */
export interface Gate {
  mode: Mode;
  /** Answers every held request with "user rejected" (4001), as closing the prompt would. */
  releaseAll(): void;
}

/** Puts a gate in front of `methods` of a provider. */
export function gate(provider: TestProvider, methods: string[]): Gate {
  const original = provider.request.bind(provider);
  const held: ((error: Error) => void)[] = [];
  const control: Gate = {
    mode: 'pass',
    releaseAll() {
      for (const reject of held.splice(0)) reject(Object.assign(new Error('User rejected the request.'), { code: 4001 }));
    },
  };
  provider.request = (args) => {
    if (!methods.includes(args.method) || control.mode === 'pass') return original(args);
    if (control.mode === 'fail') return Promise.reject(Object.assign(new Error('Internal error.'), { code: -32603 }));
    return new Promise((_, reject) => held.push(reject));
  };
  return control;
}

/** A second installed wallet, so that Connect shows the built-in list, with its connect prompt gated. */
export function installSecondWallet(): { wallet: TestWallet; connectGate: Gate } {
  const wallet = installTestWallet({ name: 'Second Wallet', rdns: 'org.trusset.second-wallet', setWindowEthereum: false });
  return { wallet, connectGate: gate(wallet.provider, ['eth_requestAccounts', 'wallet_requestPermissions']) };
}

function channels(color: string): [number, number, number, number] {
  const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(color);
  if (!match) throw new Error(`cannot read the colour ${color}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
}

function luminance(color: string): number {
  const [r, g, b] = channels(color)
    .slice(0, 3)
    .map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two opaque colours as `getComputedStyle` gives them. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (la + 0.05) / (lb + 0.05);
}

/** Waits for a condition without a fixed sleep. */
export { waitFor } from './fixture.js';

/** The node that has focus, looking through the widget's shadow root. */
export function focused(root: ShadowRoot): Element | null {
  return root.activeElement;
}
