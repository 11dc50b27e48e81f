import { en } from './en.js';
import type { LaterGroup, Messages } from './messages.js';

/** The English groups only the views after Connect use, loaded with them. */
export const enLater: Pick<Messages, LaterGroup> = {
  linkStatus: {
    pending: 'Verification not finished yet.',
    completed: 'Verification submitted. The result follows.',
    rejected: 'Verification was not successful.',
    expired: 'This verification link has expired.',
    revoked: 'This verification link is no longer valid.',
  },
  tracking: {
    next: {
      pending: 'Continue where you left off. This page updates by itself.',
      completed: 'Submitted and being reviewed. You can close the verification tab: this page shows when your wallet is verified.',
      rejected: 'If you think this is a mistake, contact {partner}, or start a new verification.',
      expired: 'Start a new verification to continue.',
      revoked: 'Start a new verification to continue.',
    },
    startAgain: 'Start again',
    verifiedNow: 'Your wallet is now verified.',
    recheck: 'Check again',
    resumeTitle: 'You have a verification in progress for this wallet.',
    resumeUntil: 'You can continue it until {date}.',
    resumeContinue: 'Continue verification',
    resumeOr: 'Or start a new one with the form below.',
  },

  inApp: {
    phoneWallets: 'Or open this page in your wallet app:',
    camera: 'The identity check needs your camera, which the {wallet} browser may block.',
    cameraUnnamed: "The identity check needs your camera, which your wallet app's browser may block.",
    ios: 'Copy the link and open it in Safari.',
    android: 'Copy the link and open it in Chrome or your default browser.',
    other: 'Copy the link and open it in your usual browser.',
    copyLink: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'The link could not be copied. Select it below and copy it.',
    linkText: 'Verification link',
    continueHere: 'Or continue here anyway:',
  },
};

/** English with every group: the views after Connect complete it once they are loaded (idempotent). */
export function completeEnglish(): Messages {
  return Object.assign(en, enLater);
}
