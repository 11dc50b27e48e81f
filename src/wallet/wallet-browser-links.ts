/** A link that opens a page inside a wallet app's own browser, where the wallet is injected. */
export interface WalletBrowserLink {
  id: 'metamask' | 'coinbase' | 'trust' | 'rainbow';
  name: string;
  url: string;
}

/**
 * docs/architecture.md, "The wallet strategies": on a phone with no injected wallet, links that open `pageUrl` inside the
 * common wallets' browsers. Pure and free of wallet code, so the element can render it before any
 * wallet module loads. Only http(s) pages can be opened there; anything else gives no links.
 */
export function walletBrowserLinks(pageUrl: string): WalletBrowserLink[] {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return [];
  }
  if (page.protocol !== 'https:' && page.protocol !== 'http:') return [];
  // The fragment stays on this side: it is the page's own state, and some wallets drop or mangle it.
  page.hash = '';
  const url = page.href;
  const encoded = encodeURIComponent(url);
  return [
    // MetaMask takes the URL without its scheme as a path (and assumes https).
    { id: 'metamask', name: 'MetaMask', url: `https://metamask.app.link/dapp/${page.host}${page.pathname}${page.search}` },
    { id: 'coinbase', name: 'Coinbase Wallet', url: `https://go.cb-w.com/dapp?cb_url=${encoded}` },
    // coin_id 60 is Ethereum (SLIP-44), the network the in-app browser starts on.
    { id: 'trust', name: 'Trust Wallet', url: `https://link.trustwallet.com/open_url?coin_id=60&url=${encoded}` },
    { id: 'rainbow', name: 'Rainbow', url: `https://rnbwapp.com/dapp?url=${encoded}` },
  ];
}
