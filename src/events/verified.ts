/** The identity register says the wallet is verified. */
export class TrussetVerifiedEvent extends CustomEvent<{ address: `0x${string}`; chainId: number }> {
  static readonly type = 'trusset-verified';
  constructor(detail: { address: `0x${string}`; chainId: number }) {
    super('trusset-verified', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'trusset-verified': TrussetVerifiedEvent;
  }
}
