'use client';
/**
 * What a partner copies into a React app: `<TrussetVerify>` with typed handlers. Handlers shape the
 * page for the user; grant access from your backend (the kit's hooks), never from a browser event.
 */
import { useState } from 'react';
import { TrussetVerify } from 'trusset-verify/react';

export interface VerifyIdentityProps {
  /** Hosts the widget may send the user to; leave it out for Trusset's own `verify.trusset.org`. */
  verifyHosts?: string;
}

export function VerifyIdentity({ verifyHosts }: VerifyIdentityProps) {
  const [status, setStatus] = useState('idle');
  const [expiresAt, setExpiresAt] = useState<string>();

  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">Identity check</h2>
      <TrussetVerify
        endpoint="/api/trusset"
        verifyHosts={verifyHosts}
        appName="Example Assets"
        country="DE"
        metadata={{ page: 'react-demo' }}
        onStateChange={(event) => setStatus(event.detail.status)}
        // The link's URL is a credential: the widget navigates to it; keep it out of logs and storage.
        onLinkCreated={(event) => setExpiresAt(event.detail.expiresAt)}
        // Codes only: the widget already tells the user what happened and offers a retry.
        onError={(event) => console.info(`trusset-verify: ${event.detail.code}`)}
      />
      <p role="status">
        Widget status: {status}
        {expiresAt && `, verification link valid until ${new Date(expiresAt).toLocaleString()}`}
      </p>
    </section>
  );
}
