/**
 * Type tests, checked by tsc (test/node/react-types.test.ts compiles this file on its own): what a
 * partner writes in TSX must compile, and each `@ts-expect-error` line must stay an error.
 */
import { useRef } from 'react';
import { TrussetVerify, type TrussetVerifyElement } from '../../src/react/index.js';

export function ElementInTsx() {
  const ref = useRef<TrussetVerifyElement>(null);
  return (
    <>
      <trusset-verify ref={ref} endpoint="/api/trusset" project-id="0123" chain-id="11155111" country="DE" verify-hosts="verify.trusset.org" redirect="new-tab" theme="dark" className="kyc" />
      {/* @ts-expect-error theme is light, dark or auto */}
      <trusset-verify endpoint="/api/trusset" theme="blue" />
      {/* @ts-expect-error attributes are kebab-case in TSX: projectId is the property */}
      <trusset-verify endpoint="/api/trusset" projectId="0123" />
      {/* @ts-expect-error attributes are strings */}
      <trusset-verify endpoint="/api/trusset" chain-id={1} />
    </>
  );
}

export function ComponentInTsx() {
  const ref = useRef<TrussetVerifyElement>(null);
  return (
    <>
      <TrussetVerify
        ref={ref}
        endpoint="/api/trusset"
        chainId={11155111}
        wagmiConfig={{}}
        headers={{ 'x-csrf-token': 'token' }}
        metadata={{ plan: 'gold' }}
        credentials="include"
        onLinkCreated={(event) => event.detail.url satisfies string}
        onRedirect={(event) => event.preventDefault()}
        onError={(event) => event.detail.code satisfies string}
        onStateChange={(event) => event.detail.status satisfies string}
        onConnect={(event) => event.detail.address satisfies string}
        onDisconnect={(event) => event.type satisfies string}
        onLinkStatus={(event) => event.detail.status satisfies string}
        onVerified={(event) => event.detail.chainId satisfies number}
      />
      {/* @ts-expect-error a link-created detail has no code */}
      <TrussetVerify endpoint="/api/trusset" onLinkCreated={(event) => event.detail.code} />
      {/* @ts-expect-error status is read-only on the element, not a prop */}
      <TrussetVerify endpoint="/api/trusset" status="ready" />
      {/* @ts-expect-error headers are a string record */}
      <TrussetVerify endpoint="/api/trusset" headers={{ 'x-count': 1 }} />
    </>
  );
}
