'use client';
/**
 * `trusset-verify/react`: `<TrussetVerify>` for React 18 and 19, with typed event props.
 * Importing it defines `<trusset-verify>` (nothing happens on a server: there is no registry).
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

/** `<trusset-verify>` as a React component: attributes as props, `trusset-*` events as `on…` props. */
export const TrussetVerify = createComponent({
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

export type TrussetVerifyProps = React.ComponentProps<typeof TrussetVerify>;
export type { TrussetVerifyElement };
export * from '../events/index.js';
