import { LeftOutOfBuildError } from './error.js';

/**
 * The e-mail and social wallet of `@web3modal/wallet` (an iframe of secure.walletconnect.org and
 * its zod 3 schemas) in the CDN build: Web3Modal reaches it only through its auth connector, which
 * the widget's wagmi config leaves out (web3modal.ts). The helpers and constants that the wagmi
 * adapter and the views read stay real (scripts/cdn-trim.ts).
 */
const why = 'the widget creates no auth connector (no e-mail or social log-in)';

export class W3mFrameProvider {
  constructor() {
    throw new LeftOutOfBuildError('@web3modal/wallet (W3mFrameProvider)', why);
  }
}

export class W3mFrame {
  constructor() {
    throw new LeftOutOfBuildError('@web3modal/wallet (W3mFrame)', why);
  }
}

export const W3mFrameSchema = new Proxy(
  {},
  {
    get() {
      throw new LeftOutOfBuildError('@web3modal/wallet (W3mFrameSchema)', why);
    },
  },
);
