/** A tracked link changed status (`pending`, `completed`, `rejected`, `expired`, `revoked`); `completed` is not a verdict. */
export class TrussetLinkStatusEvent extends CustomEvent<{ id: string; status: string }> {
  static readonly type = 'trusset-link-status';
  constructor(detail: { id: string; status: string }) {
    super('trusset-link-status', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-link-status': TrussetLinkStatusEvent;
  }
}
