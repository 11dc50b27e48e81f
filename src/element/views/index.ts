import { html, type TemplateResult } from 'lit';
import type { Status } from '../../flow/table.js';
import { renderConnecting, renderIdle } from './connect.js';
import type { ViewContext } from './context.js';
import type * as AfterConnect from './after-connect.js';
import type { ViewDescription } from './describe.js';
import { renderRedirecting, renderUnavailable } from './link.js';

type View = (ctx: ViewContext) => TemplateResult;
type LazyView = 'renderForm' | 'renderConnectFailed' | 'renderChecking' | 'renderLinkReady' | 'renderVerified';
let lazy: typeof AfterConnect | undefined;
let formLoad: Promise<void> | undefined;

/**
 * The views after Connect — the form with its country list and checks, the connect failure with
 * its wallet links, the register's answer, the link — come in a chunk of their own, fetched from
 * the Connect click on.
 */
export function loadFormView(): Promise<void> {
  formLoad ??= import('./after-connect.js').then(
    (module) => {
      module.completeEnglish();
      lazy = module;
    },
    (error: unknown) => {
      // Cleared so that the next status change tries again (a flaky network, a redeploy).
      formLoad = undefined;
      throw error;
    },
  );
  return formLoad.catch(() => undefined);
}

/** The views after Connect once their chunk is there: first-render views take their optional parts from it. */
export function afterConnect(): typeof AfterConnect | undefined {
  return lazy;
}

function whenLoaded(name: LazyView): View {
  return (ctx) => (lazy ? lazy[name](ctx) : html`<p part="progress" class="progress">${ctx.t.connecting}</p>`);
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

export function renderView(ctx: ViewContext): TemplateResult {
  return VIEWS[ctx.state.status](ctx);
}

/** The current view's focus target and live-region sentence; undefined until the lazy chunk is there. */
export function describeView(ctx: ViewContext): ViewDescription | undefined {
  return lazy?.describeView(ctx);
}
