import { html, type TemplateResult } from 'lit';
import type { Status } from '../../flow/table.js';
import { renderConnecting, renderIdle } from './connect.js';
import type { ViewContext } from './context.js';
import type { ViewDescription } from './describe.js';
import { afterConnect } from './lazy.js';
import { renderRedirecting, renderUnavailable } from './link.js';

type View = (ctx: ViewContext) => TemplateResult;
type LazyView = 'renderForm' | 'renderConnectFailed' | 'renderChecking' | 'renderLinkReady' | 'renderVerified';

function whenLoaded(name: LazyView): View {
  return (ctx) => afterConnect()?.[name](ctx) ?? html`<p part="progress" class="progress">${ctx.t.connecting}</p>`;
}

const renderFormWhenLoaded = whenLoaded('renderForm');

/** One view per status; a status added to the table does not compile until it has one here. */
const VIEWS: Record<Status, (ctx: ViewContext) => TemplateResult> = {
  unavailable: renderUnavailable,
  idle: renderIdle,
  connecting: renderConnecting,
  'connect-failed': whenLoaded('renderConnectFailed'),
  checking: whenLoaded('renderChecking'),
  ready: renderFormWhenLoaded,
  'switching-chain': renderFormWhenLoaded,
  signing: renderFormWhenLoaded,
  creating: renderFormWhenLoaded,
  'submit-failed': renderFormWhenLoaded,
  redirecting: renderRedirecting,
  'link-ready': whenLoaded('renderLinkReady'),
  verified: whenLoaded('renderVerified'),
};

export { afterConnect, loadFormView } from './lazy.js';

export function renderView(ctx: ViewContext): TemplateResult {
  return VIEWS[ctx.state.status](ctx);
}

/** The current view's focus target and live-region sentence; undefined until the lazy chunk is there. */
export function describeView(ctx: ViewContext): ViewDescription | undefined {
  return afterConnect()?.describeView(ctx);
}
