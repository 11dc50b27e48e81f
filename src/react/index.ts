'use client';
/**
 * `trusset-verify/react`: `<TrussetVerify>` for React 18 and 19, with typed event props.
 * Importing it defines `<trusset-verify>` in a browser; on a server it defines nothing and touches
 * no DOM, so a server component can render it and the element upgrades on the client.
 */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { defineTrussetVerify } from '../define.js';
import { TrussetVerify as TrussetVerifyElement } from '../element/trusset-verify.js';
import type { SettingName } from '../schemas/settings.js';
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

/** The element's settable properties (src/schemas/settings.ts): attributes under their camelCase names, and the object-only ones. */
export type TrussetVerifyElementProps = Partial<Pick<TrussetVerifyElement, SettingName | 'messages'>>;

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
  /** `trusset-verified`: the registry says the wallet is verified. */
  onVerified?: (event: TrussetVerifiedEvent) => void;
  /** `trusset-error`: any failure, after the state moved. */
  onError?: (event: TrussetErrorEvent) => void;
}

/** Props of `<TrussetVerify>`: the element's properties, its events as `on…` handlers and the HTML attributes. */
export type TrussetVerifyProps = TrussetVerifyElementProps &
  TrussetVerifyEventProps &
  Omit<React.HTMLAttributes<TrussetVerifyElement>, keyof TrussetVerifyElementProps | keyof TrussetVerifyEventProps>;

const EVENTS: { [Prop in keyof Required<TrussetVerifyEventProps>]: string } = {
  onStateChange: 'trusset-state-change',
  onConnect: 'trusset-connect',
  onDisconnect: 'trusset-disconnect',
  onLinkCreated: 'trusset-link-created',
  onRedirect: 'trusset-redirect',
  onLinkStatus: 'trusset-link-status',
  onVerified: 'trusset-verified',
  onError: 'trusset-error',
};
const EVENT_PROPS = Object.keys(EVENTS) as (keyof TrussetVerifyEventProps)[];

// A layout effect, so that no event of the element's first update is missed; on a server, where
// React 18 warns about layout effects and no event fires, the plain effect that never runs there.
const useLayoutEffect = typeof document === 'undefined' ? React.useEffect : React.useLayoutEffect;

// Events are not given to createComponent: @lit/react never removes its listeners, so a handler
// would still run after unmount. Properties (objects included) still go through it.
const TrussetVerifyProperties = createComponent({
  react: React,
  tagName: 'trusset-verify',
  elementClass: TrussetVerifyElement,
  displayName: 'TrussetVerifyProperties',
});

/**
 * What a server renders: @lit/react sets properties only in a browser and drops them on a server,
 * so the attribute-backed ones become attributes here and the prerendered HTML (Next.js,
 * `renderToString`) carries the configuration: the element upgrades configured, before hydration.
 * Object-only properties (`metadata`, `wagmiConfig`, …) wait for the client.
 */
function serverAttributes(props: Record<string, unknown>): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    if (!TrussetVerifyElement.elementProperties.has(name)) rendered[name === 'className' ? 'class' : name] = value;
  }
  for (const [name, options] of TrussetVerifyElement.elementProperties) {
    const value = props[String(name)];
    if (options.attribute === false || (typeof value !== 'string' && typeof value !== 'number')) continue;
    rendered[typeof options.attribute === 'string' ? options.attribute : String(name).toLowerCase()] = String(value);
  }
  return rendered;
}

/** `<trusset-verify>` as a React component: properties (objects included) set on the element, `trusset-*` events as `on…` props. */
export const TrussetVerify: React.ForwardRefExoticComponent<TrussetVerifyProps & React.RefAttributes<TrussetVerifyElement>> = React.forwardRef<TrussetVerifyElement, TrussetVerifyProps>(
  function TrussetVerify(props, forwardedRef) {
    const handlers: TrussetVerifyEventProps = {};
    const rest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(props)) {
      if (Object.hasOwn(EVENTS, name)) handlers[name as keyof TrussetVerifyEventProps] = value;
      else rest[name] = value;
    }
    const latest = React.useRef(handlers);
    const element = React.useRef<TrussetVerifyElement | null>(null);
    useLayoutEffect(() => {
      latest.current = handlers;
    });
    // One listener per event for the element's whole life in this tree, calling the latest handler:
    // StrictMode's second mount removes the first set before adding its own, unmount removes it.
    useLayoutEffect(() => {
      const el = element.current;
      if (!el) return;
      const listeners = EVENT_PROPS.map((prop) => {
        const listener = (event: Event) => (latest.current[prop] as ((event: Event) => void) | undefined)?.(event);
        el.addEventListener(EVENTS[prop], listener);
        return [EVENTS[prop], listener] as const;
      });
      return () => listeners.forEach(([type, listener]) => el.removeEventListener(type, listener));
    }, []);
    const ref = React.useCallback(
      (node: TrussetVerifyElement | null) => {
        element.current = node;
        if (typeof forwardedRef === 'function') forwardedRef(node);
        else if (forwardedRef) forwardedRef.current = node;
      },
      [forwardedRef],
    );
    if (typeof window === 'undefined') return React.createElement('trusset-verify', serverAttributes(rest));
    return React.createElement(TrussetVerifyProperties, { ...rest, ref });
  },
);
TrussetVerify.displayName = 'TrussetVerify';

export type { TrussetVerifyElement };
export type { TrussetVerifyAttributes, TrussetVerifyIntrinsicProps } from './jsx.js';
export * from '../events/index.js';
