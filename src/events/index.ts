export { TrussetConnectEvent } from './connect.js';
export { TrussetDisconnectEvent } from './disconnect.js';
export { TrussetErrorEvent } from './error.js';
export { TrussetLinkCreatedEvent } from './link-created.js';
export { TrussetLinkStatusEvent } from './link-status.js';
export { TrussetRedirectEvent } from './redirect.js';
export { TrussetStateChangeEvent } from './state-change.js';
export { TrussetVerifiedEvent } from './verified.js';
