import { generatePrivateKey } from 'viem/accounts';
import { installTestWallet } from '../test/support/test-wallet.js';

const button = document.querySelector<HTMLButtonElement>('#demo-wallet')!;
const status = document.querySelector<HTMLElement>('#demo-wallet-status')!;

button.addEventListener('click', () => {
  // A fresh key per tab: nothing is funded or reused, and nothing is stored.
  const wallet = installTestWallet({ privateKey: generatePrivateKey(), name: 'Demo wallet (throwaway key)', rdns: 'org.trusset.demo-wallet', autoApprove: true });
  button.disabled = true;
  status.textContent = `Demo wallet on: ${wallet.address}. Press "Connect wallet" above and pick it.`;
});
