/** What the user asked for: a change to any of it is a new submission (docs/architecture.md, "The flow"). */
export interface Intent {
  email: string;
  country: string;
  walletAddress: string;
  /** The saved link being continued, for a resume (docs/element.md, "After the link"). */
  resume?: string | undefined;
}

function randomKey(): string {
  // randomUUID exists only in secure contexts; a partner's plain-http staging page still needs a key.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The `Idempotency-Key` of each submission: random, so that the key says nothing about the
 * intent, and the same while the intent is unchanged, so that a retry is recognised. The intent
 * is compared in memory only and never stored elsewhere.
 */
export class IntentKeys {
  #intent: Intent | undefined;
  #key = '';

  /** The key for this intent: the previous one when e-mail, country, wallet and resumed link are unchanged. */
  keyFor(intent: Intent): string {
    const previous = this.#intent;
    // Exact comparison: a key reused for what the backend sees as another intent would be refused
    // (IDEMPOTENCY_CONFLICT), while a new key at worst creates a second link.
    if (!previous || previous.email !== intent.email || previous.country !== intent.country || previous.walletAddress !== intent.walletAddress || previous.resume !== intent.resume) {
      this.#intent = { email: intent.email, country: intent.country, walletAddress: intent.walletAddress, resume: intent.resume };
      this.#key = randomKey();
    }
    return this.#key;
  }

  /** Forgets the intent and its key (on disconnect). */
  clear(): void {
    this.#intent = undefined;
    this.#key = '';
  }
}
