import type { LinkStatus } from '../backend-client/create-link.js';
import type { ErrorCode } from '../errors/codes.js';

/**
 * Every string the widget shows. `{name}` marks a parameter, filled by `format`. A locale is one
 * object of this type; the `messages` property overrides any part of it.
 */
export interface Messages {
  /** The first button. */
  connect: string;
  /** Heading of the built-in list of installed wallets. */
  walletListTitle: string;
  /** Shown when the browser has no wallet. */
  noWallet: string;
  /** Guidance under `noWallet`, followed by the `getWallet` link. */
  noWalletHelp: string;
  getWallet: string;
  /** Phone links that open this page inside a wallet's browser; `{wallet}`. */
  openInWallet: string;
  connecting: string;
  cancel: string;
  /** Label before the connected address. */
  connectedAs: string;
  disconnect: string;
  /** While the registry is read. */
  checking: string;
  /** The registry says the wallet is verified. */
  verified: string;

  emailLabel: string;
  emailPlaceholder: string;
  countryLabel: string;
  /** The empty choice of the country list. */
  countryPlaceholder: string;
  countrySearchPlaceholder: string;
  countryNoMatch: string;
  /** Under the form; `{partner}` is the app name. */
  consent: string;
  /** Text of the link to `privacy-url`, after `consent`. */
  privacyLink: string;
  submit: string;

  /** Waiting for the wallet's signature. */
  signing: string;
  /** Waiting for the wallet to switch network. */
  switchingChain: string;
  creating: string;
  redirecting: string;
  /** Text of the link to the verification page. */
  continue: string;
  /** Explains the `continue` link (new-tab and none modes). */
  linkReady: string;

  retry: string;
  /** Leaves a failure or the wallet list (dismiss). */
  back: string;
  /** Neutral text while the configuration is invalid: the details are in the console. */
  unavailable: string;

  /** Keyed by the codes `validateForm` gives. */
  fieldErrors: {
    email: { required: string; invalid: string };
    country: { required: string; 'not-offered': string };
  };

  /** One message per error code; `{country}`, `{seconds}`, `{chain}` where they apply. */
  errors: Record<ErrorCode, string>;
  errorFallbacks: {
    /** An unknown code answered with a 4xx status. */
    client: string;
    /** An unknown code answered with 429 or a 5xx status. */
    server: string;
    /** `RATE_LIMITED` without a retry delay. */
    rateLimited: string;
  };
  /** Words put in place of a parameter the caller could not give. */
  paramFallbacks: {
    country: string;
    chain: string;
    /** A chain without a well-known name; `{chainId}`. */
    chainId: string;
  };

  linkStatus: Record<LinkStatus, string>;

  /** After the link: status tracking, the registry, resuming an open link. */
  tracking: {
    /** Under each link status, what the user can do next; `{partner}` in `rejected`. */
    next: Record<LinkStatus, string>;
    /** Back to the form once the link is over (rejected, expired, revoked). */
    startAgain: string;
    /** The registry says verified while the link was tracked. */
    verifiedNow: string;
    /** Reads the registry again after `REGISTRY_UNAVAILABLE`. */
    recheck: string;
    /** The offer to continue an open link after a reload or the back button. */
    resumeTitle: string;
    /** `{date}`: when the open link expires. */
    resumeUntil: string;
    resumeContinue: string;
    resumeOr: string;
  };

  /** Phones and wallet apps' browsers (docs/element.md, the section of that name). */
  inApp: {
    /** Under Connect on a phone without a wallet, above the links that open the page in a wallet app. */
    phoneWallets: string;
    /** In a wallet app's browser, above the continue link; `{wallet}` is the app's name. */
    camera: string;
    /** `camera` for a wallet app whose name is not known. */
    cameraUnnamed: string;
    /** After `camera`: how to open the link in the system browser on an iPhone or iPad. */
    ios: string;
    /** The same on Android. */
    android: string;
    /** The same elsewhere. */
    other: string;
    copyLink: string;
    /** Shown and announced once the link is on the clipboard. */
    copied: string;
    /** The clipboard refused: the link follows as text to select. */
    copyFailed: string;
    /** Accessible name of the link shown as text. */
    linkText: string;
    /** Just above the continue link. */
    continueHere: string;
  };
}

/**
 * What only the views after Connect use: English brings it with those views (en-later.ts), not
 * with the first render (en-eager.ts holds the rest).
 */
export type LaterGroup = Exclude<keyof Messages, 'connect' | 'walletListTitle' | 'connecting' | 'cancel' | 'redirecting' | 'unavailable'>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

/** The `messages` property: any part of `Messages`, the rest from the page's language. */
export type MessageOverrides = DeepPartial<Messages>;
