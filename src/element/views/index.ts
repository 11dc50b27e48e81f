import type { TemplateResult } from 'lit';
import type { Status } from '../../flow/table.js';
import { renderConnectFailed, renderConnecting, renderIdle } from './connect.js';
import type { ViewContext } from './context.js';
import { renderForm } from './form.js';
import { renderLinkReady, renderRedirecting, renderUnavailable } from './link.js';

/** One view per status; a status added to the table does not compile until it has one here. */
const VIEWS: Record<Status, (ctx: ViewContext) => TemplateResult> = {
  unavailable: renderUnavailable,
  idle: renderIdle,
  connecting: renderConnecting,
  'connect-failed': renderConnectFailed,
  ready: renderForm,
  'switching-chain': renderForm,
  signing: renderForm,
  creating: renderForm,
  'submit-failed': renderForm,
  redirecting: renderRedirecting,
  'link-ready': renderLinkReady,
};

export function renderView(ctx: ViewContext): TemplateResult {
  return VIEWS[ctx.state.status](ctx);
}
