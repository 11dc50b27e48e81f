import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { VerifyIdentity } from './verify-identity.js';

const container = document.querySelector<HTMLElement>('#app')!;
// The demo's verification page is the mock's, on this server: the server fills in its hosts.
createRoot(container).render(
  <StrictMode>
    <VerifyIdentity verifyHosts={container.dataset.verifyHosts} />
  </StrictMode>,
);
