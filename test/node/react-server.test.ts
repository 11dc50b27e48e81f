import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// docs/architecture.md, "Side-effect rules": `trusset-verify` and `trusset-verify/react` are safe to import on a server (Next.js
// renders client components there first): no DOM access at import time.
describe('on a server with no DOM', () => {
  it('has no DOM to lean on', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
  });

  it('imports trusset-verify without throwing', async () => {
    const entry = await import('../../src/index.js');

    expect(typeof entry.TrussetVerify).toBe('function');
  });

  it('imports trusset-verify/react without throwing', async () => {
    const entry = await import('../../src/react/index.js');

    expect(entry.TrussetVerify.displayName).toBe('TrussetVerify');
  });

  it('server-renders <TrussetVerify> as <trusset-verify> with its attributes, so it upgrades configured, without warnings', async () => {
    const { TrussetVerify } = await import('../../src/react/index.js');
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});

    const html = renderToString(createElement(TrussetVerify, { endpoint: '/api/trusset', projectId: 'p1', chainId: 11155111, className: 'kyc', metadata: { plan: 'pro' }, onLinkCreated: () => {} }));

    const errors = consoleError.mock.calls.map((args) => String(args[0]));
    consoleError.mockRestore();
    expect(html).toBe('<trusset-verify class="kyc" endpoint="/api/trusset" project-id="p1" chain-id="11155111"></trusset-verify>');
    expect(errors).toEqual([]);
  });
});
