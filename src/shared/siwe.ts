/**
 * What the widget's sign-in message says, and what the kit requires it to say by default
 * (`siwe.statement`): the sentence the user reads in the wallet is the purpose they agreed to.
 */
export const SIWE_STATEMENT = 'Verify your identity with Trusset to hold tokens on this platform.';

/**
 * How long a nonce waits for its signature, and so how long a signed message stays usable: the
 * widget writes an expiration this far after the server's time, the kit refuses a message issued
 * longer ago than this (docs/kit.md, "What it checks, in this order"): ten minutes, long
 * enough to read the wallet's prompt, short enough that a leaked signature is soon worthless.
 */
export const SIWE_LIFETIME_MS = 10 * 60_000;
