/** About to navigate to the verification URL; `preventDefault()` to navigate yourself (the widget then shows the link). */
export class TrussetRedirectEvent extends CustomEvent<{ url: string }> {
  static readonly type = 'trusset-redirect';
  constructor(detail: { url: string }) {
    super('trusset-redirect', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-redirect': TrussetRedirectEvent;
  }
}
