import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, expect, onTestFinished, vi, type MockInstance } from 'vitest';
import '../../src/index.js';
import { navigation } from '../../src/flow/submission.js';
import type { TrussetVerify } from '../../src/element/trusset-verify.js';
import type { RawAnswer, RawRequest } from '../support/test-backend-plugin.js';
import { installTestWallet, type TestWallet, type TestWalletOptions } from '../support/test-wallet.js';

/** Every `trusset-*` event, in order, with its detail. */
export type RecordedEvent = { type: string; detail: any; defaultPrevented: boolean };

const EVENTS = ['trusset-state-change', 'trusset-connect', 'trusset-disconnect', 'trusset-link-created', 'trusset-redirect', 'trusset-link-status', 'trusset-verified', 'trusset-error'];

/** The backend side of a test: the mock's links and the raw, scriptable backend. */
export const backend = {
  async reset(): Promise<void> {
    await fetch('/__test/reset', { method: 'POST' });
  },
  async links(): Promise<{ id: string; state: string; walletAddress?: string; email?: string; url: string }[]> {
    return (await fetch('/__mock/links')).json();
  },
  async fault(fault: string, route: 'create' | 'status' | 'any' = 'create', times = 1): Promise<void> {
    await fetch('/__mock/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fault, route, times }) });
  },
  async script(...answers: RawAnswer[]): Promise<void> {
    await fetch('/__test/raw-answers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
  },
  async rawRequests(): Promise<RawRequest[]> {
    return (await fetch('/__test/raw-requests')).json();
  },
  /** Moves the kits' clock ahead (until the next reset): e.g. past their 30 s status cache. */
  async advanceClock(ms: number): Promise<void> {
    await fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  },
  /** What the person does on the mock's hosted page (or Trusset to the link): `approve`, `reject`, `revoke`, `expire`. */
  async linkAction(id: string, action: 'approve' | 'reject' | 'revoke' | 'expire'): Promise<void> {
    const res = await fetch(`/__mock/links/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    if (!res.ok) throw new Error(`/__mock/links/${id}/${action} answered ${res.status}`);
  },
};

export interface MountOptions {
  attributes?: Record<string, string>;
  properties?: Partial<TrussetVerify>;
  /** Where the element goes (default `document.body`): e.g. a wrapper with `lang`, or a shadow root. */
  parent?: ParentNode;
  /** Let `trusset-redirect` navigate (default: cancelled, since a same-tab navigation ends the test page). */
  allowNavigation?: boolean;
}

let wallet: TestWallet | undefined;

/** One test wallet per page (wallet sessions are shared per page, as on a partner's page). */
export function testWallet(options?: TestWalletOptions): TestWallet {
  wallet ??= installTestWallet(options);
  return wallet;
}

/**
 * Mounts `<trusset-verify>` on the kit of the test server, same origin, with redirects to the
 * test server's own host allowed. Returns everything a test needs: `{ el, wallet, backend, events }`.
 */
export async function mountWidget(options: MountOptions = {}) {
  const el = document.createElement('trusset-verify');
  const events: RecordedEvent[] = [];
  for (const type of EVENTS) {
    el.addEventListener(type, (event) => {
      if (type === 'trusset-redirect' && !options.allowNavigation) event.preventDefault();
      events.push({ type, detail: (event as CustomEvent).detail, defaultPrevented: event.defaultPrevented });
    });
  }
  const attributes = { endpoint: '/api/trusset', 'verify-hosts': location.host, ...options.attributes };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, options.properties);
  (options.parent ?? document.body).append(el);
  await el.updateComplete;
  return {
    el,
    events,
    backend,
    root: el.shadowRoot!,
    /** Waits for the flow to reach `status`. */
    async until(status: string, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (el.status !== status) {
        if (Date.now() > deadline) throw new Error(`expected status ${status}, still ${el.status}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await el.updateComplete;
    },
    /** Waits for a node in the shadow root (views after Connect load in their own chunk). */
    async find<E extends Element = HTMLElement>(selector: string, timeoutMs = 15_000): Promise<E> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await el.updateComplete;
        const found = el.shadowRoot!.querySelector<E>(selector);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${selector} in <trusset-verify> (status ${el.status})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    remove(): void {
      el.remove();
    },
  };
}

/** Same-tab navigations, recorded instead of made (one would end the test page) until the test ends. */
export function recordNavigations(): string[] {
  const navigations: string[] = [];
  const { assign } = navigation;
  navigation.assign = (url) => void navigations.push(url);
  onTestFinished(() => {
    navigation.assign = assign;
  });
  return navigations;
}

/** What `mountWidget` gives a test. */
export type Widget = Awaited<ReturnType<typeof mountWidget>>;

/** The user disconnects the site in the wallet while its signature prompt is open; the late signature comes afterwards. */
export async function disconnectWhileSigning(widget: Widget, wallet: TestWallet): Promise<void> {
  wallet.behaviour.holdSignatures = true;
  await userEvent.click(await widget.find('[part=submit-button]'));
  await widget.until('signing');
  await waitFor(() => wallet.heldSignatures === 1, 'the signature request');
  wallet.disconnect();
  await widget.until('idle');
  wallet.behaviour.holdSignatures = false;
  wallet.releaseSignature();
}

/** The "Continue to verification" link does not open its new tab: the test page stays where it is. */
export function keepLinkOnPage(widget: Widget): void {
  widget.root.addEventListener('click', (event) => event.composedPath().some((node) => (node as Element).part?.contains('continue-link')) && event.preventDefault(), { capture: true });
}

/** Waits for a condition (no fixed sleep), failing with `what` when it does not come in time. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The text of every node in the widget's shadow root matching `selector`, joined with ` | `. */
export function textOf(widget: Widget, selector: string): string {
  return [...widget.root.querySelectorAll(selector)].map((node) => node.textContent?.trim() ?? '').join(' | ');
}

/**
 * For a fault-injection file: before each test a fresh backend and a watch on unhandled rejections
 * and `console.error`; after it, every widget removed. `expectNone()` asserts nothing slipped out.
 */
export function watchStrayErrors(): { expectNone(): void } {
  let consoleErrors: MockInstance;
  let rejections: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => void rejections.push(event.reason);
  beforeEach(async () => {
    await backend.reset();
    rejections = [];
    window.addEventListener('unhandledrejection', onRejection);
    consoleErrors = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    window.removeEventListener('unhandledrejection', onRejection);
    document.querySelectorAll('trusset-verify').forEach((el) => el.remove());
    vi.restoreAllMocks();
  });
  return {
    expectNone() {
      expect(rejections).toEqual([]);
      expect(consoleErrors).not.toHaveBeenCalled();
    },
  };
}

/** The local chain (hardhat, chain id 1) of the test server, for the identity-registry read. */
export const chain = {
  /** Starts the chain on first use; deploys a fresh registry, where no wallet is verified yet. */
  async start(): Promise<{ rpcUrl: string; registry: `0x${string}` }> {
    const res = await fetch('/__test/chain', { method: 'POST' });
    if (!res.ok) throw new Error(`/__test/chain answered ${res.status}: ${await res.text()}`);
    return res.json();
  },
  /** Marks `address` verified or not in `registry`; resolves once the transaction is mined. */
  async setVerified(registry: `0x${string}`, address: `0x${string}`, verified: boolean): Promise<void> {
    const res = await fetch('/__test/chain/verified', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registry, address, verified }) });
    if (!res.ok) throw new Error(`/__test/chain/verified answered ${res.status}: ${await res.text()}`);
  },
  /** An RPC URL on a port nothing listens on. */
  async deadRpc(): Promise<string> {
    return ((await (await fetch('/__test/chain/dead', { method: 'POST' })).json()) as { rpcUrl: string }).rpcUrl;
  },
  /** An RPC URL whose server accepts connections and never answers. */
  async blackholeRpc(): Promise<string> {
    return ((await (await fetch('/__test/chain/blackhole', { method: 'POST' })).json()) as { rpcUrl: string }).rpcUrl;
  },
};
