import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backend, mountWidget, testWallet } from './fixture.js';

const wallet = testWallet();

beforeEach(() => backend.reset());
afterEach(() => document.querySelectorAll('trusset-verify').forEach((el) => el.remove()));

describe('<trusset-verify>', () => {
  describe('with the built-in wallet list', () => {
    it('connects, signs in, creates the link and hands over the checked URL', async () => {
      const widget = await mountWidget({ attributes: { country: 'DE' } });

      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('ready');
      await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('link-ready');

      const [link] = await backend.links();
      const created = widget.events.find((event) => event.type === 'trusset-link-created');
      expect(link?.walletAddress).toBe(wallet.address);
      expect(created?.detail.url).toBe(link?.url);
      expect(widget.events.find((event) => event.type === 'trusset-redirect')?.detail.url).toBe(link?.url);
      const continueLink = widget.root.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      expect(continueLink.href).toBe(link?.url);
      expect(continueLink.rel).toBe('noopener noreferrer');
      expect(widget.el.getAttribute('status')).toBe('link-ready');
    });
  });
});
