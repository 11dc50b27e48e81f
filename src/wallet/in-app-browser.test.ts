import { describe, expect, it } from 'vitest';
import { detectInAppBrowser, phonePlatform, type InjectedFlags } from './in-app-browser.js';

/**
 * User agents as the apps and browsers send them (gathered from the apps' sources, issue threads
 * and server logs); the wallet apps' web views are the system's web view with the app's token
 * appended, where the app adds one.
 */
const UA = {
  iosWebView: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  androidWebView: 'Mozilla/5.0 (Linux; Android 16; SM-S901U Build/BP2A.250605.031.A3; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/141.0.7390.124 Mobile Safari/537.36',
  metamaskIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 WebView MetaMaskMobile',
  metamaskAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-M136B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.106 Mobile Safari/537.36 WebView MetaMaskMobile',
  metamaskIpad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) WebView MetaMaskMobile',
  okxIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 OKEx/6.96.1 (iPhone;U;iOS 18.0.1;en-ID/en-US) locale=en-US statusBarHeight/141 OKApp/(OKEx/6.96.1) brokerDomain/www.okx.com brokerId/0 jsbridge/1.1.0 theme/dark',
  okxAndroid:
    'Mozilla/5.0 (Linux; Android 15; CPH2821 Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/145.0.7632.79 Mobile Safari/537.36 OKEx-ACE528206/6.148.1 (CPH2821; U; Android 15; id-ID;) locale=id-ID statusBarHeight/83 OKApp/(OKEx/6.148.1) brokerDomain/www.okx.com brokerId/0 jsbridge/1.1.0 theme/dark',
  phantomIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Phantom/ios/22.06.08.44',
  phantomAndroid:
    'Mozilla/5.0 (Linux; Android 15; 23127PN0CC Build/AQ3A.240627.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.135 Mobile Safari/537.36 Phantom/android/24.30.0.29755',
  bitgetAndroid: 'Mozilla/5.0 (Linux; Android 6.0; Nexus 5 Build/MRA58N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/115.0.0.0 Mobile Safari/537.36; BitKeep Android/8.27.0',
  tokenPocketIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) TokenPocket_iOS',
  tokenPocketAndroid:
    'Mozilla/5.0 (Linux; Android 15; 23127PN0CC Build/AQ3A.240627.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.135 Mobile Safari/537.36 TokenPocket_Android',
  imTokenIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 imToken/2.14.1',

  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/129.0.6668.69 Mobile/15E148 Safari/604.1',
  firefoxIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/128.0 Mobile/15E148 Safari/605.1.15',
  safariIpad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
  samsungInternet: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
} as const;

type Row = [label: string, userAgent: string, flags: InjectedFlags | undefined, touchPoints: number, expected: { id: string; name: string; platform: string }];

const IN_APP: Row[] = [
  ['MetaMask on iOS', UA.metamaskIos, { isMetaMask: true }, 5, { id: 'metamask', name: 'MetaMask', platform: 'ios' }],
  ['MetaMask on iOS, before the provider is injected', UA.metamaskIos, undefined, 5, { id: 'metamask', name: 'MetaMask', platform: 'ios' }],
  ['MetaMask on Android', UA.metamaskAndroid, { isMetaMask: true }, 5, { id: 'metamask', name: 'MetaMask', platform: 'android' }],
  ['MetaMask on an iPad (a Mac user agent, touch)', UA.metamaskIpad, { isMetaMask: true }, 5, { id: 'metamask', name: 'MetaMask', platform: 'ios' }],
  ['OKX on iOS', UA.okxIos, { isMetaMask: true, isOkxWallet: true }, 5, { id: 'okx', name: 'OKX Wallet', platform: 'ios' }],
  ['OKX on Android', UA.okxAndroid, { isMetaMask: true }, 5, { id: 'okx', name: 'OKX Wallet', platform: 'android' }],
  ['Phantom on iOS', UA.phantomIos, { isMetaMask: true, isPhantom: true }, 5, { id: 'phantom', name: 'Phantom', platform: 'ios' }],
  ['Phantom on Android', UA.phantomAndroid, { isMetaMask: true, isPhantom: true }, 5, { id: 'phantom', name: 'Phantom', platform: 'android' }],
  ['Bitget on Android', UA.bitgetAndroid, { isMetaMask: true, isBitKeep: true }, 5, { id: 'bitget', name: 'Bitget Wallet', platform: 'android' }],
  ['TokenPocket on iOS', UA.tokenPocketIos, { isMetaMask: true, isTokenPocket: true }, 5, { id: 'tokenpocket', name: 'TokenPocket', platform: 'ios' }],
  ['TokenPocket on Android', UA.tokenPocketAndroid, { isMetaMask: true, isTokenPocket: true }, 5, { id: 'tokenpocket', name: 'TokenPocket', platform: 'android' }],
  ['imToken on iOS', UA.imTokenIos, { isImToken: true }, 5, { id: 'imtoken', name: 'imToken', platform: 'ios' }],
  ['Coinbase Wallet on iOS', UA.iosWebView, { isCoinbaseWallet: true, isCoinbaseBrowser: true }, 5, { id: 'coinbase', name: 'Coinbase Wallet', platform: 'ios' }],
  ['Coinbase Wallet on Android', UA.androidWebView, { isCoinbaseWallet: true, isCoinbaseBrowser: true }, 5, { id: 'coinbase', name: 'Coinbase Wallet', platform: 'android' }],
  ['Trust on iOS', UA.iosWebView, { isMetaMask: true, isTrust: true, isTrustWallet: true }, 5, { id: 'trust', name: 'Trust Wallet', platform: 'ios' }],
  ['Trust on Android (a plain WebView user agent)', UA.androidWebView, { isTrust: true }, 5, { id: 'trust', name: 'Trust Wallet', platform: 'android' }],
  ['Rainbow on iOS', UA.iosWebView, { isMetaMask: true, isRainbow: true }, 5, { id: 'rainbow', name: 'Rainbow', platform: 'ios' }],
  ['Binance on Android', UA.androidWebView, { isMetaMask: true, isBinance: true }, 5, { id: 'binance', name: 'Binance Wallet', platform: 'android' }],
  ['Zerion on iOS', UA.iosWebView, { isMetaMask: true, isZerion: true }, 5, { id: 'zerion', name: 'Zerion', platform: 'ios' }],
  ['Rabby on Android', UA.androidWebView, { isMetaMask: true, isRabby: true }, 5, { id: 'rabby', name: 'Rabby', platform: 'android' }],
  ['a web view with only isMetaMask', UA.androidWebView, { isMetaMask: true }, 5, { id: 'metamask', name: 'MetaMask', platform: 'android' }],
  ['a wallet not named here (a web view with a provider)', UA.iosWebView, { request: () => undefined }, 5, { id: 'wallet', name: '', platform: 'ios' }],
];

const BROWSERS: [label: string, userAgent: string, flags: InjectedFlags | undefined, touchPoints: number][] = [
  ['Safari on iOS', UA.safariIos, undefined, 5],
  ['Chrome on iOS', UA.chromeIos, undefined, 5],
  ['Firefox on iOS', UA.firefoxIos, undefined, 5],
  ['Safari on an iPad', UA.safariIpad, undefined, 5],
  ['Chrome on Android', UA.chromeAndroid, undefined, 5],
  ['Samsung Internet', UA.samsungInternet, undefined, 5],
  ['Firefox on Android', UA.firefoxAndroid, undefined, 5],
  ['desktop Chrome with the MetaMask extension', UA.chromeWindows, { isMetaMask: true }, 0],
  ['desktop Chrome with the Coinbase Wallet extension', UA.chromeMac, { isCoinbaseWallet: true, isCoinbaseBrowser: true }, 0],
  ['desktop Chrome with the Rabby extension', UA.chromeLinux, { isMetaMask: true, isRabby: true }, 0],
  ['desktop Safari on a Mac (no touch)', UA.safariIpad, { isMetaMask: true }, 0],
  ['Chrome on Android with a MetaMask extension (Kiwi)', UA.chromeAndroid, { isMetaMask: true }, 5],
  ['Brave on Android with its own wallet', UA.chromeAndroid, { isMetaMask: true, isBraveWallet: true }, 5],
  ["Brave's wallet in a web view", UA.androidWebView, { isMetaMask: true, isBraveWallet: true }, 5],
  ["an app's web view with no wallet (a chat app's browser)", UA.androidWebView, undefined, 5],
  ['an iOS web view with no wallet', UA.iosWebView, undefined, 5],
];

describe('detectInAppBrowser', () => {
  it.each(IN_APP)('recognises %s', (_label, userAgent, flags, touchPoints, expected) => {
    expect(detectInAppBrowser(userAgent, flags, touchPoints)).toEqual(expected);
  });

  it.each(BROWSERS)("sees a browser, not a wallet's, in %s", (_label, userAgent, flags, touchPoints) => {
    expect(detectInAppBrowser(userAgent, flags, touchPoints)).toBeUndefined();
  });

  it('reads only flags that are true', () => {
    expect(detectInAppBrowser(UA.iosWebView, { isTrust: 'yes', isMetaMask: false, request: () => undefined }, 5)).toEqual({ id: 'wallet', name: '', platform: 'ios' });
  });

  it('names a wallet by its user agent on a computer too, as neither phone', () => {
    expect(detectInAppBrowser(UA.metamaskIpad, undefined, 0)).toEqual({ id: 'metamask', name: 'MetaMask', platform: 'other' });
  });
});

describe('phonePlatform', () => {
  it.each([
    [UA.safariIos, 5, 'ios'],
    [UA.metamaskIos, 5, 'ios'],
    [UA.tokenPocketIos, 0, 'ios'],
    [UA.safariIpad, 5, 'ios'],
    [UA.chromeAndroid, 5, 'android'],
    [UA.samsungInternet, 5, 'android'],
    [UA.firefoxAndroid, 5, 'android'],
    [UA.okxAndroid, 5, 'android'],
    [UA.safariIpad, 0, undefined],
    [UA.chromeWindows, 10, undefined],
    [UA.chromeLinux, 0, undefined],
  ] as const)('%s with %i touch points: %s', (userAgent, touchPoints, expected) => {
    expect(phonePlatform(userAgent, touchPoints)).toBe(expected);
  });
});
