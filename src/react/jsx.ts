/**
 * `<trusset-verify>` in TSX (`React.JSX` of @types/react 19): the attributes as written in HTML,
 * kebab-case with string values, and `ref` to the element. Object properties (`wagmiConfig`,
 * `headers`, `metadata`, …) and typed `on…` handlers need `<TrussetVerify>` or a `ref`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { TrussetVerify } from '../element/trusset-verify.js';

/** The attributes of `<trusset-verify>` (docs/element.md, "API reference", "Attributes"). */
export interface TrussetVerifyAttributes {
  /** Base URL of the partner backend (required). */
  endpoint?: string;
  /** WalletConnect Cloud project id: Web3Modal when set, the built-in list of installed wallets otherwise. */
  'project-id'?: string;
  /** The app's name in wallets; default the page's title. */
  'app-name'?: string;
  /** The app's icon in wallets (an https URL). */
  'app-icon'?: string;
  /** Chain of the sign-in message (`1` mainnet, `11155111` Sepolia). */
  'chain-id'?: string;
  /** Preselected ISO 3166-1 alpha-2 country. */
  country?: string;
  /** Comma list of the alpha-2 codes offered; default all. */
  countries?: string;
  /** Prefill for the e-mail field. */
  email?: string;
  /** Comma list of delivery channels forwarded to the backend (`email`). */
  channels?: string;
  /** `same-tab` (default), `new-tab` or `none`. */
  redirect?: 'same-tab' | 'new-tab' | 'none';
  /** Comma list of hosts the widget may send the user to; default `verify.trusset.org`. */
  'verify-hosts'?: string;
  /** `required` (default): the user signs a Sign-In with Ethereum message; `off`: no signature. */
  signature?: 'required' | 'off';
  /** Address of the identity register (`isVerified(address)`). */
  registry?: string;
  /** JSON-RPC URL to read the register. */
  'rpc-url'?: string;
  /** The partner's privacy notice, linked in the consent line. */
  'privacy-url'?: string;
  /** `light`, `dark` or `auto` (default). */
  theme?: 'light' | 'dark' | 'auto';
}

/** What `<trusset-verify>` accepts in TSX: its attributes, the HTML attributes and `ref`. */
export type TrussetVerifyIntrinsicProps = DetailedHTMLProps<TrussetVerifyAttributes & HTMLAttributes<TrussetVerify>, TrussetVerify>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'trusset-verify': TrussetVerifyIntrinsicProps;
    }
  }
}
