import { userEvent } from 'vitest/browser';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { TEST_PRIVATE_KEY } from '../support/accounts.js';
import type { TestWallet } from '../support/test-wallet.js';
import { backend, disconnectWhileSigning, mountWidget, testWallet, waitFor, watchStrayErrors, type Widget } from './fixture.js';

// Wallet faults that failures.test.ts does not cover already (a declined connection or signature,
// and an account switched while signing or while the backend answers, are there).
// This page has no wallet until the first test below installs one, as a user would.

const EMAIL = 'ada.lovelace@example.com';
const COUNTRY = 'FR';

const stray = watchStrayErrors();

// Test files run one after another in one tab, which keeps sessionStorage: start from a fresh page's state.
beforeAll(() => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('trusset-verify.')) sessionStorage.removeItem(key);
});

function eventsOf(widget: Widget, type: string) {
  return widget.events.filter((event) => event.type === type);
}

async function filledWidget(): Promise<Widget> {
  const widget = await mountWidget();
  await userEvent.click(await widget.find('[part=connect-button]'));
  await widget.until('ready');
  await userEvent.type(await widget.find('[part=email-input]'), EMAIL);
  await userEvent.selectOptions(await widget.find<HTMLSelectElement>('[part=country-select]'), COUNTRY);
  return widget;
}

function expectNoStrayFailure(): void {
  stray.expectNone();
}

describe('<trusset-verify>', () => {
  describe('fault matrix: when the wallet fails', () => {
    it('says no wallet was found when the browser has none, and connects once one is installed and the user retries', async () => {
      expect((window as { ethereum?: unknown }).ethereum).toBeUndefined();
      const widget = await mountWidget();

      await userEvent.click(await widget.find('[part=connect-button]'));
      await widget.until('connect-failed');

      expect(eventsOf(widget, 'trusset-error').map((event) => [event.detail.code, event.detail.message, event.detail.retryable])).toEqual([['WALLET_NOT_FOUND', en.errors.WALLET_NOT_FOUND, false]]);
      expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.errors.WALLET_NOT_FOUND);
      expect(widget.root.querySelector('[part=error]')?.textContent).toContain(en.noWalletHelp);
      expectNoStrayFailure();

      const wallet = testWallet();
      await userEvent.click(await widget.find('[part=retry-button]'));
      await widget.until('ready');

      expect(eventsOf(widget, 'trusset-connect').map((event) => event.detail.address)).toEqual([wallet.address]);
      expect(eventsOf(widget, 'trusset-error')).toHaveLength(1);
      expectNoStrayFailure();
    });

    describe('with a wallet', () => {
      // Installed when the tests run, not when they are collected: the test above needs a page without one.
      let wallet: TestWallet;
      beforeEach(() => {
        wallet = testWallet();
        Object.assign(wallet.behaviour, { rejectConnect: false, rejectSignature: false, rejectSwitch: false, holdSignatures: false });
        while (wallet.heldSignatures > 0) wallet.releaseSignature();
        wallet.switchAccount(TEST_PRIVATE_KEY);
        wallet.setChain(1);
      });

      it('drops the signing when the wallet disconnects meanwhile: back to Connect, no error, the input kept, and the late signature creates no link', async () => {
        const widget = await filledWidget();

        await disconnectWhileSigning(widget, wallet);

        expect(eventsOf(widget, 'trusset-disconnect')).toHaveLength(1);
        expect(eventsOf(widget, 'trusset-error')).toEqual([]);
        expect(widget.root.querySelector('[part=connect-button]')).not.toBeNull();
        expectNoStrayFailure();

        // The user connects again and submits: the only link ever created is this submission's.
        await userEvent.click(await widget.find('[part=connect-button]'));
        await widget.until('ready');
        expect((await widget.find<HTMLInputElement>('[part=email-input]')).value).toBe(EMAIL);
        expect((await widget.find<HTMLSelectElement>('[part=country-select]')).value).toBe(COUNTRY);
        await userEvent.click(await widget.find('[part=submit-button]'));
        await widget.until('link-ready');

        expect(await backend.links()).toHaveLength(1);
        expect(eventsOf(widget, 'trusset-link-created')).toHaveLength(1);
        expect(eventsOf(widget, 'trusset-error')).toEqual([]);
        expectNoStrayFailure();
      });

      it('completes on the configured chain when the wallet switches chain while signing: the signed message names chain 1', async () => {
        const widget = await filledWidget();
        wallet.behaviour.holdSignatures = true;

        await userEvent.click(await widget.find('[part=submit-button]'));
        await widget.until('signing');
        await waitFor(() => wallet.heldSignatures === 1, 'the signature request');
        wallet.setChain(11155111);
        wallet.behaviour.holdSignatures = false;
        wallet.releaseSignature();
        await widget.until('link-ready');

        const signed = wallet.requests.filter((request) => request.method === 'personal_sign');
        const raw = (signed.at(-1)!.params as string[])[0]!;
        const message = raw.startsWith('0x') ? new TextDecoder().decode(hexToBytes(raw)) : raw;
        expect(message).toMatch(/^Chain ID: 1$/m);
        expect(eventsOf(widget, 'trusset-error')).toEqual([]);
        const links = await backend.links();
        expect(links).toHaveLength(1);
        expect(links[0]!.walletAddress).toBe(wallet.address);
        expect(links[0]!.email).toBe(EMAIL);
        expectNoStrayFailure();
      });
    });
  });
});

function hexToBytes(hex: string): Uint8Array {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  return Uint8Array.from(digits.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}
