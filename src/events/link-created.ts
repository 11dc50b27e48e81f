import { TrussetEvent } from './base.js';

/** The backend created the link and its URL passed the redirect check. `url` is a credential: do not log or store it. */
export class TrussetLinkCreatedEvent extends TrussetEvent<{ id: string; url: string; status: string; expiresAt: string }> {
  static override readonly type = 'trusset-link-created';
}

declare global {
  interface HTMLElementEventMap {
    'trusset-link-created': TrussetLinkCreatedEvent;
  }
}
