import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrussetLinkCreatedEvent, TrussetRedirectEvent } from '../../src/react/index.js';
import { TrussetErrorEvent } from '../../src/events/index.js';
import { backend, testWallet } from './fixture.js';
import { reactVersion, renderTrussetVerify } from './react-fixture.js';

/** The mock keeps each link's creating request: the kit puts the browser's metadata under `client`. */
type StoredLink = Awaited<ReturnType<typeof backend.links>>[number] & { body: { metadata?: unknown } };

const wallet = testWallet();
const rendered: { unmount(): void }[] = [];

function render(...args: Parameters<typeof renderTrussetVerify>) {
  const widget = renderTrussetVerify(...args);
  rendered.push(widget);
  return widget;
}

async function until(el: { status: string }, status: string): Promise<void> {
  await vi.waitFor(() => expect(el.status).toBe(status), { timeout: 15_000, interval: 20 });
}

beforeEach(() => backend.reset());
afterEach(() => rendered.splice(0).forEach((widget) => widget.unmount()));

// The same file runs under React 18 (project `browser`) and React 19 (project `browser-react19`).
describe(`<TrussetVerify> on React ${reactVersion}`, () => {
  describe('inside <StrictMode>', () => {
    it('goes from connect to a link with one wallet session, one link, one call per event and its metadata', async () => {
      const onLinkCreated = vi.fn((event: TrussetLinkCreatedEvent) => event.detail);
      const onRedirect = vi.fn((event: TrussetRedirectEvent) => event.preventDefault());
      const accountRequestsBefore = wallet.count('eth_requestAccounts');
      const permissionRequestsBefore = wallet.count('wallet_requestPermissions');
      const signsBefore = wallet.count('personal_sign');
      const widget = render({ country: 'DE', metadata: { plan: 'gold' }, onLinkCreated, onRedirect });
      const connect = page.getByRole('button', { name: 'Connect wallet' });
      await expect.element(connect).toBeVisible();

      await userEvent.click(connect);
      await until(widget.el, 'ready');
      await userEvent.type(page.getByRole('textbox', { name: /e-mail/i }), 'ada@example.com');
      await userEvent.click(page.getByRole('button', { name: 'Verify identity' }));
      await until(widget.el, 'link-ready');

      const links = (await backend.links()) as StoredLink[];
      expect(widget.mounts).toBe(2);
      expect(wallet.count('eth_requestAccounts') - accountRequestsBefore).toBe(1);
      expect(wallet.count('wallet_requestPermissions') - permissionRequestsBefore).toBe(1);
      expect(wallet.count('personal_sign') - signsBefore).toBe(1);
      expect(links).toHaveLength(1);
      expect(links[0]?.body.metadata).toMatchObject({ client: { plan: 'gold' } });
      expect(onLinkCreated).toHaveBeenCalledOnce();
      expect(onLinkCreated.mock.results[0]?.value).toEqual({ id: links[0]?.id, url: links[0]?.url, status: 'pending', expiresAt: expect.any(String) });
      expect(onRedirect).toHaveBeenCalledOnce();
      expect(onRedirect.mock.calls[0]?.[0].detail).toEqual({ url: links[0]?.url });
      expect(onRedirect.mock.calls[0]?.[0].defaultPrevented).toBe(true);
    });
  });

  it('sets object props on the element as properties', async () => {
    const headers = { 'x-csrf-token': 'react-token' };
    const metadata = { plan: 'gold' };
    const messages = { connect: 'Link your wallet' };

    const widget = render({ headers, metadata, messages, credentials: 'include' });
    await widget.el.updateComplete;

    expect(widget.el.headers).toBe(headers);
    expect(widget.el.metadata).toBe(metadata);
    expect(widget.el.messages).toBe(messages);
    expect(widget.el.credentials).toBe('include');
    expect(widget.el.getAttribute('endpoint')).toBe('/api/trusset');
    await expect.element(page.getByRole('button', { name: 'Link your wallet' })).toBeVisible();
  });

  it('calls the current handler after a rerender, and none after unmount', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const widget = render({ onError: first });
    const failure = () => new TrussetErrorEvent({ code: 'NETWORK_ERROR', message: 'offline', retryable: true });

    widget.rerender({ onError: second });
    widget.el.dispatchEvent(failure());
    widget.unmount();
    widget.el.dispatchEvent(failure());

    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(second.mock.calls[0]?.[0].detail.code).toBe('NETWORK_ERROR');
  });
});
