/**
 * The test wallet, installed in a whole page: cdn-site.ts builds this file into a classic script
 * that Playwright runs before the page's own scripts, as a browser extension would.
 */
import { installTestWallet } from './test-wallet.js';

installTestWallet();
