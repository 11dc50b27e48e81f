/** The backend calls the flow needs after the first render, as one lazily loaded chunk. */
export { createLink } from './create-link.js';
export { fetchNonce } from './nonce.js';
export { checkLinkUrl } from './redirect.js';
export { resumeLink } from './resume-link.js';
