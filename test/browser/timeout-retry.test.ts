import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { backend, mountWidget, testWallet } from './fixture.js';

testWallet();

beforeEach(() => backend.reset());
afterEach(() => document.querySelectorAll('trusset-verify').forEach((el) => el.remove()));

describe('<trusset-verify>', () => {
  describe('when the backend answers after the widget gave up', () => {
    it('shows TIMEOUT with a retry that keeps the input, and the retry creates no second link', async () => {
      const widget = await mountWidget({ attributes: { endpoint: '/api/trusset-patient', country: 'FR' } });
      await userEvent.click(await widget.find('[part=connect-button]'));
      await userEvent.type(await widget.find('[part=email-input]'), 'ada@example.com');
      // Trusset takes 21 s: past the widget's 20 s, within the kit's own 30 s.
      await backend.fault('delay:21000', 'create');

      await userEvent.click(await widget.find('[part=submit-button]'));
      await widget.until('submit-failed', 25_000);
      const error = widget.events.find((event) => event.type === 'trusset-error');
      const shown = (await widget.find('[part=error]')).textContent;
      const typed = (await widget.find<HTMLInputElement>('[part=email-input]')).value;
      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('link-ready', 15_000);

      expect(error?.detail).toMatchObject({ code: 'TIMEOUT', retryable: true });
      expect(shown).toContain(en.errors.TIMEOUT);
      expect(typed).toBe('ada@example.com');
      expect(await backend.links()).toHaveLength(1);
    }, 60_000);
  });
});
