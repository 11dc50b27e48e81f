/** A wallet app's own browser that the page runs in (docs/element.md, "Phones and wallet apps' browsers"): it often blocks the camera. */
export interface InAppBrowser {
  /** Stable id: `metamask`, `coinbase`, `trust`, …, or `wallet` for a wallet browser not named here. */
  id: string;
  /** The wallet's name as the user knows it; empty for `wallet`. */
  name: string;
  /** Where the system browser is Safari (`ios`), Chrome or the default browser (`android`), or neither. */
  platform: 'ios' | 'android' | 'other';
}

/** The flags of `window.ethereum` (EIP-1193) that the detection reads. */
export type InjectedFlags = Record<string, unknown>;

type Wallet = readonly [id: string, name: string, userAgent: RegExp | undefined, flags: readonly string[]];

/**
 * Most specific first: many wallets also set `isMetaMask` for old dapps, so MetaMask comes last.
 * User-agent tokens are the apps' own: MetaMask Mobile appends "WebView MetaMaskMobile"
 * (its `applicationNameForUserAgent`), OKX "OKApp/(OKEx/…)", Phantom "Phantom/ios/…" or
 * "Phantom/android/…", Bitget (formerly BitKeep) "BitKeep Android/…", TokenPocket
 * "TokenPocket_iOS" / "TokenPocket_Android", imToken "imToken/2…". Trust (its Android user agent
 * is a plain WebView's, trust-web3-provider#668), Coinbase Wallet, Rainbow, Binance, Zerion and
 * Rabby are known by the flags of the provider they inject; Coinbase's `isCoinbaseBrowser` is the
 * one the Coinbase Wallet SDK reads to recognise its own browser.
 */
const WALLETS: readonly Wallet[] = [
  ['okx', 'OKX Wallet', /\bOKApp\//, ['isOkxWallet', 'isOKExWallet']],
  ['phantom', 'Phantom', /\bPhantom\/(ios|android)\b/i, ['isPhantom']],
  ['bitget', 'Bitget Wallet', /\bBitKeep\b/i, ['isBitKeep', 'isBitgetWallet']],
  ['tokenpocket', 'TokenPocket', /\bTokenPocket_(iOS|Android)\b/i, ['isTokenPocket']],
  ['imtoken', 'imToken', /\bimToken\//i, ['isImToken']],
  ['coinbase', 'Coinbase Wallet', undefined, ['isCoinbaseBrowser', 'isCoinbaseWallet']],
  ['trust', 'Trust Wallet', undefined, ['isTrust', 'isTrustWallet']],
  ['rainbow', 'Rainbow', undefined, ['isRainbow']],
  ['binance', 'Binance Wallet', undefined, ['isBinance']],
  ['zerion', 'Zerion', undefined, ['isZerion']],
  ['rabby', 'Rabby', undefined, ['isRabby']],
  ['metamask', 'MetaMask', /\bMetaMaskMobile\b/, ['isMetaMask']],
];

/**
 * The phone's system, or undefined for anything else. iPadOS 13 and later report a Mac's user
 * agent, in Safari and in apps' web views alike: a Mac has no touch screen, so more than one touch
 * point on a "Mac" is an iPad.
 */
export function phonePlatform(userAgent: string, maxTouchPoints = 0): 'ios' | 'android' | undefined {
  if (/Android/i.test(userAgent)) return 'android';
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) return 'ios';
  return undefined;
}

/**
 * An app's web view rather than a browser: Android's WebView says so (`; wv)`), and iOS's
 * WKWebView leaves out the `Safari/` token that Safari, Chrome (CriOS) and Firefox (FxiOS) send.
 */
function isWebView(userAgent: string, platform: 'ios' | 'android'): boolean {
  return platform === 'android' ? /;\s*wv\)/.test(userAgent) : !/\bSafari\//.test(userAgent);
}

/**
 * The wallet in-app browser the page runs in, from the user agent and the injected provider's
 * flags (`window.ethereum`), or undefined in a browser. A wallet's own user-agent token decides
 * alone. Flags only count on a phone, where browsers carry no extensions: on a computer a wallet
 * extension sets `isMetaMask` too. A flag that many providers set (`isMetaMask`), or a provider
 * with no known flag, counts only inside an app's web view; Brave's built-in wallet never does,
 * since Brave is a browser of its own.
 */
export function detectInAppBrowser(userAgent: string, injected?: InjectedFlags | null, maxTouchPoints = 0): InAppBrowser | undefined {
  const phone = phonePlatform(userAgent, maxTouchPoints);
  const platform = phone ?? 'other';
  const byAgent = WALLETS.find(([, , agent]) => agent?.test(userAgent));
  if (byAgent) return { id: byAgent[0], name: byAgent[1], platform };
  if (!phone || !injected || typeof injected !== 'object' || injected.isBraveWallet) return undefined;
  const webView = isWebView(userAgent, phone);
  const byFlag = WALLETS.find(([id, , , flags]) => flags.some((flag) => injected[flag] === true) && (id !== 'metamask' || webView));
  if (byFlag) return { id: byFlag[0], name: byFlag[1], platform };
  return webView ? { id: 'wallet', name: '', platform } : undefined;
}

/** The wallet app's browser this page runs in, if any, read from the browser itself. */
export function currentInAppBrowser(): InAppBrowser | undefined {
  return detectInAppBrowser(navigator.userAgent, (window as { ethereum?: InjectedFlags }).ethereum, navigator.maxTouchPoints);
}
