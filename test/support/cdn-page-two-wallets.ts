/**
 * Two test wallets in a whole page, so the widget shows its built-in list instead of connecting
 * the only one: strict-site.ts builds this file into a classic script for `addInitScript`.
 */
import { installTestWallet } from './test-wallet.js';

installTestWallet();
installTestWallet({ name: 'Second Wallet', rdns: 'org.trusset.second-wallet', setWindowEthereum: false });
