// A server component (no 'use client' here): the wrapper's own directive makes it a client boundary.
import { TrussetVerify } from 'trusset-verify/react';

export default function Page() {
  return (
    <main>
      <h1>Verify your identity</h1>
      <TrussetVerify endpoint="/api/trusset" country="DE" />
    </main>
  );
}
