/** The backend created the link and its URL passed the redirect check. `url` is a credential: do not log or store it. */
export class TrussetLinkCreatedEvent extends CustomEvent<{ id: string; url: string; status: string; expiresAt: string }> {
  static readonly type = 'trusset-link-created';
  constructor(detail: { id: string; url: string; status: string; expiresAt: string }) {
    super('trusset-link-created', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-link-created': TrussetLinkCreatedEvent;
  }
}
