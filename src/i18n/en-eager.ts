import type { LaterGroup, Messages } from './messages.js';

/**
 * The English the first render needs: the Connect button, the wallet list, the unavailable and
 * redirecting lines. The rest arrives with the views after Connect (en-later.ts), which complete
 * this object in place; en.ts is all of English at once, for whoever needs every string.
 */
export const enEager = {
  connect: 'Connect wallet',
  walletListTitle: 'Choose a wallet',
  connecting: 'Confirm the connection in your wallet…',
  cancel: 'Cancel',
  redirecting: 'Taking you to the verification…',
  unavailable: 'Identity verification is unavailable right now.',
} satisfies Omit<Messages, LaterGroup> as Messages;
