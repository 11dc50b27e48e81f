/** A wallet connected, or its account or chain changed. */
export class TrussetConnectEvent extends CustomEvent<{ address: `0x${string}`; chainId: number }> {
  static readonly type = 'trusset-connect';
  constructor(detail: { address: `0x${string}`; chainId: number }) {
    super('trusset-connect', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-connect': TrussetConnectEvent;
  }
}
