/**
 * Every setting of `<trusset-verify>`, one row each: its reader, its value when unset, whether it
 * is required, a property only, or read at the first connect only, and (the row's JSDoc) its
 * documentation. From this table come the element's properties and attributes
 * (src/element/trusset-verify.ts), `RawConfig` and `WidgetConfig`, the React props (src/react/),
 * custom-elements.json and docs/element.md's API reference (custom-elements-manifest.config.mjs).
 * The one column kept apart is what each setting expects, worded for the console: config.ts's
 * `EXPECTED`, in a chunk loaded only when a setting is wrong, whose type asks for every row.
 * Adding a setting is a row here, its words there, and its test.
 */
import * as read from './readers.js';
import type { Reader } from './readers.js';

export interface Setting<Out> {
  read: Reader<Out>;
  /** The value when unset. */
  fallback?: Out;
  /** Unset is a mistake. */
  required?: true;
  /** Set as a property only (an object): no attribute. */
  property?: true;
  /** Read at the first connect only, which opens the page's one wallet session: a later change waits for the next page load. */
  wallet?: true;
}

type Options<Out> = Omit<Setting<Out>, 'read'>;

/** An attribute, also a property under its camelCase name (`project-id` is `projectId`), reflected. */
const attribute = <Out, const M extends Options<NoInfer<Out>> = Record<never, never>>(reader: Reader<Out>, options?: M) => ({ read: reader, ...options }) as Setting<Out> & M;
/** A property only. */
const property = <Out, const M extends Options<NoInfer<Out>> = Record<never, never>>(reader: Reader<Out>, options?: M) =>
  ({ read: reader, property: true, ...options }) as Setting<Out> & M & { property: true };

export const SETTINGS = {
  /** Base URL of the partner backend (required): an absolute http(s) URL, or a path resolved against the document's base URI. */
  endpoint: attribute(read.endpoint, { required: true }),
  /** WalletConnect Cloud project id: Web3Modal when set, the built-in list of installed wallets otherwise. */
  projectId: attribute(read.text, { wallet: true }),
  /** The app's name in wallets; default the page's title. */
  appName: attribute(read.text, { wallet: true }),
  /** The app's icon in wallets (an https URL). */
  appIcon: attribute(read.httpsUrl, { wallet: true }),
  /** Chain of the sign-in message: `1` mainnet, `11155111` Sepolia. */
  chainId: attribute(read.chainId, { fallback: 1, wallet: true }),
  /** Preselected ISO 3166-1 alpha-2 country; default none, unless the page language's region is offered. */
  country: attribute(read.alpha2),
  /** Comma list of the alpha-2 codes offered; default all. */
  countries: attribute(read.countries),
  /** Prefill for the e-mail field. */
  email: attribute(read.text),
  /** Comma list of delivery channels forwarded to the backend (`email`). */
  channels: attribute(read.channels, { fallback: [] }),
  /** UI language (`en`, `de`, `fr`, `es`, `it`; others show English); default the closest `[lang]` ancestor, then `navigator.language`. */
  lang: attribute(read.text),
  /** `same-tab` navigates; `new-tab` and `none` show a "Continue to verification" link instead. */
  redirect: attribute(read.oneOf(['same-tab', 'new-tab', 'none'] as const), { fallback: 'same-tab' }),
  /** Comma list of hosts the widget may send the user to. */
  verifyHosts: attribute(read.verifyHosts, { fallback: ['verify.trusset.org'] }),
  /** `required`: the user signs a Sign-In with Ethereum message; `off`: no signature. */
  signature: attribute(read.oneOf(['required', 'off'] as const), { fallback: 'required' }),
  /** The partner's privacy notice, linked in the consent line. */
  privacyUrl: attribute(read.privacyUrl),
  /** `light`, `dark` or `auto` (the system's). */
  theme: attribute(read.oneOf(['light', 'dark', 'auto'] as const), { fallback: 'auto' }),
  /** Object forwarded to the backend as `metadata`. */
  metadata: property(read.metadata),
  /** Extra headers on every backend call (e.g. a CSRF token). */
  headers: property(read.headers, { fallback: {} }),
  /** The fetch credentials mode for backend calls. */
  credentials: property(read.oneOf(['omit', 'same-origin', 'include'] as const), { fallback: 'same-origin' }),
  /** Address of the identity registry (`isVerified(address)`). */
  registry: attribute(read.address),
  /** JSON-RPC URL to read the registry. */
  rpcUrl: attribute(read.httpUrl),
  /** A host page's wagmi `Config`: the widget uses its wallet connection and loads no connect UI. */
  wagmiConfig: property(read.anything),
};

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;
type Out<S> = S extends Setting<infer T> ? T : never;

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The attribute of a setting: `projectId` is `project-id`. */
export const attributeName = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The configuration as attributes and properties deliver it: strings or null, and a few objects. */
export type RawConfig = { [K in keyof Settings]?: unknown };

/** The configuration once read: every setting with its value, or its fallback, or undefined when unset. */
export type WidgetConfig = { [K in keyof Settings]: Settings[K] extends { required: true } | { fallback: unknown } ? Out<Settings[K]> : Out<Settings[K]> | undefined };

/** What the element's properties accept: an attribute's string (a number too where the value is one), or a property's object. */
export type SettingProperties = { [K in keyof Settings]: Settings[K] extends { property: true } ? Out<Settings[K]> | undefined : (Out<Settings[K]> extends number ? number : never) | string | null };

/** The settings at fault, each with the list entries or header names at fault (config.ts words them). */
export type ConfigFaults = Map<SettingName, PropertyKey[]>;

export type ReadResult = { ok: true; config: WidgetConfig } | { ok: false; faults: ConfigFaults };

/**
 * Reads the element's configuration (`baseURI` resolves a relative `endpoint`; the caller passes
 * `document.baseURI`). A mistake comes back as the settings at fault, each with the entries or keys
 * at fault; what was expected and what came is config.ts's to say (`describeFaults`), in a chunk
 * of its own: the first render of a configured widget needs no sentence about mistakes.
 * No setting at fault but a failure: `country` is not among `countries`.
 */
export function readConfig(raw: RawConfig, baseURI: string): ReadResult {
  const config: Record<string, unknown> = {};
  const faults: ConfigFaults = new Map();
  for (const name of SETTING_NAMES) {
    const { read: reader, fallback, required } = SETTINGS[name] as Setting<unknown>;
    const at: PropertyKey[] = [];
    const input = read.unset(raw[name]);
    const value = input === undefined ? undefined : reader(input, (sub) => void at.push(sub), baseURI);
    if (value === undefined && (input !== undefined || required)) faults.set(name, at);
    else config[name] = value ?? fallback;
  }
  const result = config as WidgetConfig;
  return faults.size || !read.offered(result.country, result.countries) ? { ok: false, faults } : { ok: true, config: result };
}
