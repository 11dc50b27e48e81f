/**
 * The script of a partner page that runs its own Web3Modal, built on its own (its own copy of
 * Web3Modal, wagmi and viem, as on a real page): two installed wallets, then the host's
 * Web3Modal. Exposes what the test reads as `window.__host`.
 */
import { startHostWeb3Modal } from '../../browser/host-web3modal-page.js';
import { installTestWallet } from '../../support/test-wallet.js';

const wallet = installTestWallet();
// A second installed wallet, so that the widget shows its list rather than connecting the only one.
installTestWallet({ rdns: 'org.trusset.second-wallet', name: 'Second Wallet', setWindowEthereum: false });
const host = await startHostWeb3Modal(wallet);

Object.assign(window, {
  __host: {
    modal: host.modal,
    config: host.config,
    address: wallet.address,
    rdns: wallet.info.rdns,
    status: () => host.config.state.status,
  },
});
