import { describe, expect, it } from 'vitest';
import { walletBrowserLinks } from './wallet-browser-links.js';

describe('walletBrowserLinks', () => {
  it("opens the page, query included and fragment left out, in each common wallet's browser", () => {
    const links = walletBrowserLinks('https://app.example.com/verify/start?ref=a b&x=1#step-2');

    expect(links).toEqual([
      { id: 'metamask', name: 'MetaMask', url: 'https://metamask.app.link/dapp/app.example.com/verify/start?ref=a%20b&x=1' },
      { id: 'coinbase', name: 'Coinbase Wallet', url: 'https://go.cb-w.com/dapp?cb_url=https%3A%2F%2Fapp.example.com%2Fverify%2Fstart%3Fref%3Da%2520b%26x%3D1' },
      { id: 'trust', name: 'Trust Wallet', url: 'https://link.trustwallet.com/open_url?coin_id=60&url=https%3A%2F%2Fapp.example.com%2Fverify%2Fstart%3Fref%3Da%2520b%26x%3D1' },
      { id: 'rainbow', name: 'Rainbow', url: 'https://rnbwapp.com/dapp?url=https%3A%2F%2Fapp.example.com%2Fverify%2Fstart%3Fref%3Da%2520b%26x%3D1' },
    ]);
  });

  it('keeps a port', () => {
    const [metamask] = walletBrowserLinks('http://localhost:5173/');

    expect(metamask?.url).toBe('https://metamask.app.link/dapp/localhost:5173/');
  });

  it('gives no links for a page a wallet browser cannot open', () => {
    expect(walletBrowserLinks('file:///home/user/page.html')).toEqual([]);
    expect(walletBrowserLinks('javascript:alert(1)')).toEqual([]);
    expect(walletBrowserLinks('not a url')).toEqual([]);
  });
});
