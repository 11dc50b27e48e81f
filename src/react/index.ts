'use client';
/**
 * `trusset-verify/react`: `<TrussetVerify>` for React 18 and 19, with typed event props.
 * Importing it defines `<trusset-verify>` in a browser; on a server it defines nothing and touches
 * no DOM, so a server component can render it and the element upgrades on the client.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { defineTrussetVerify } from '../define.js';
import { TrussetVerify as TrussetVerifyElement } from '../element/trusset-verify.js';
import type {
  TrussetConnectEvent,
  TrussetDisconnectEvent,
  TrussetErrorEvent,
  TrussetLinkCreatedEvent,
  TrussetLinkStatusEvent,
  TrussetRedirectEvent,
  TrussetStateChangeEvent,
  TrussetVerifiedEvent,
} from '../events/index.js';

defineTrussetVerify();

/** The element's settable properties: attributes under their camelCase names, and the object-only ones. */
export type TrussetVerifyElementProps = Partial<
  Pick<
    TrussetVerifyElement,
    | 'endpoint' | 'projectId' | 'appName' | 'appIcon' | 'chainId' | 'country' | 'countries' | 'email' | 'channels'
    | 'redirect' | 'verifyHosts' | 'signature' | 'registry' | 'rpcUrl' | 'privacyUrl' | 'lang' | 'theme'
    | 'metadata' | 'wagmiConfig' | 'headers' | 'credentials' | 'messages'
  >
>;

/** One handler prop per `trusset-*` event, called with the element's typed event. */
export interface TrussetVerifyEventProps {
  /** `trusset-state-change`: every flow transition. */
  onStateChange?: (event: TrussetStateChangeEvent) => void;
  /** `trusset-connect`: a wallet connected, or its account or chain changed. */
  onConnect?: (event: TrussetConnectEvent) => void;
  /** `trusset-disconnect`: the wallet disconnected. */
  onDisconnect?: (event: TrussetDisconnectEvent) => void;
  /** `trusset-link-created`: the backend created the link and its URL passed the redirect check. */
  onLinkCreated?: (event: TrussetLinkCreatedEvent) => void;
  /** `trusset-redirect`: about to navigate; `preventDefault()` to navigate yourself. */
  onRedirect?: (event: TrussetRedirectEvent) => void;
  /** `trusset-link-status`: a tracked link changed status. */
  onLinkStatus?: (event: TrussetLinkStatusEvent) => void;
  /** `trusset-verified`: the register says the wallet is verified. */
  onVerified?: (event: TrussetVerifiedEvent) => void;
  /** `trusset-error`: any failure, after the state moved. */
  onError?: (event: TrussetErrorEvent) => void;
}

/** Props of `<TrussetVerify>`: the element's properties, its events as `on…` handlers, the HTML attributes and `ref`. */
export type TrussetVerifyProps = TrussetVerifyElementProps &
  TrussetVerifyEventProps &
  Omit<React.HTMLAttributes<TrussetVerifyElement>, keyof TrussetVerifyElementProps | keyof TrussetVerifyEventProps> &
  React.RefAttributes<TrussetVerifyElement>;

/** `<trusset-verify>` as a React component: properties (objects included) set on the element, `trusset-*` events as `on…` props. */
export const TrussetVerify: React.ForwardRefExoticComponent<TrussetVerifyProps> = createComponent({
  react: React,
  tagName: 'trusset-verify',
  elementClass: TrussetVerifyElement,
  displayName: 'TrussetVerify',
  events: {
    onStateChange: 'trusset-state-change' as EventName<TrussetStateChangeEvent>,
    onConnect: 'trusset-connect' as EventName<TrussetConnectEvent>,
    onDisconnect: 'trusset-disconnect' as EventName<TrussetDisconnectEvent>,
    onLinkCreated: 'trusset-link-created' as EventName<TrussetLinkCreatedEvent>,
    onRedirect: 'trusset-redirect' as EventName<TrussetRedirectEvent>,
    onLinkStatus: 'trusset-link-status' as EventName<TrussetLinkStatusEvent>,
    onVerified: 'trusset-verified' as EventName<TrussetVerifiedEvent>,
    onError: 'trusset-error' as EventName<TrussetErrorEvent>,
  },
});

export type { TrussetVerifyElement };
export type { TrussetVerifyAttributes, TrussetVerifyIntrinsicProps } from './jsx.js';
export * from '../events/index.js';
