import { html, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';
import { afterConnect } from './index.js';

export function renderRedirecting({ t }: ViewContext): TemplateResult {
  return html`<p part="progress" class="progress">${t.redirecting}</p>`;
}

/** The checked URL only (the link in state passed the redirect check); never an unchecked one. */
export function renderLinkReady(ctx: ViewContext): TemplateResult {
  const { t, state, config } = ctx;
  const newTab = config?.redirect !== 'same-tab';
  return html`
    <p>${t.linkReady}</p>
    ${ctx.inApp ? afterConnect()?.renderSystemBrowserHint(ctx) : ''}
    <a part="continue-link" class="button" href=${state.link!.url} target=${newTab ? '_blank' : '_self'} rel="noopener noreferrer">${t.continue}</a>
  `;
}

export function renderUnavailable({ t }: ViewContext): TemplateResult {
  return html`<p part="unavailable" class="muted">${t.unavailable}</p>`;
}
