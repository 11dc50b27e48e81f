/** The wallet disconnected. */
export class TrussetDisconnectEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'trusset-disconnect';
  constructor(detail: Record<string, never>) {
    super('trusset-disconnect', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-disconnect': TrussetDisconnectEvent;
  }
}
