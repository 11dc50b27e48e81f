import { html, nothing, type TemplateResult } from 'lit';
import type { LinkStatus } from '../../backend-client/create-link.js';
import type { ViewContext } from './context.js';
import { renderSystemBrowserHint } from './system-browser.js';

/** `checking`: the registry is being read. */
export function renderChecking({ t }: ViewContext): TemplateResult {
  return html`<p part="progress" class="progress">${t.checking}</p>`;
}

/** `verified`: the registry says so, at connect ("already") or while the link was tracked ("now"). */
export function renderVerified({ t, from, on, walletSource }: ViewContext): TemplateResult {
  return html`
    <p part="verified" class="verified">${from === 'link-ready' ? t.tracking.verifiedNow : t.verified}</p>
    ${walletSource === 'host' ? '' : html`<button part="disconnect-button" class="secondary" type="button" @click=${on.disconnect}>${t.disconnect}</button>`}
  `;
}

/**
 * The checked URL only (the link in state passed the redirect check); never an unchecked one.
 * Once the user opened it in another tab, what became of it and what to do next (docs/element.md, "After the link").
 */
export function renderLinkReady(ctx: ViewContext): TemplateResult {
  const { t, state, config, on } = ctx;
  const link = state.link!;
  const newTab = config?.redirect !== 'same-tab';
  const status = link.status as LinkStatus;
  const over = status === 'rejected' || status === 'expired' || status === 'revoked';
  return html`
    ${
      state.tracking || status !== 'pending'
        ? html`<div part="link-status" class="link-status" data-status=${status}>
          <p><strong>${t.linkStatus[status] ?? t.linkStatus.pending}</strong></p>
          <p class="muted">${ctx.format(t.tracking.next[status] ?? t.tracking.next.pending, { partner: config?.appName || location.host })}</p>
        </div>`
        : html`<p>${t.linkReady}</p>`
    }
    ${ctx.inApp && status === 'pending' ? renderSystemBrowserHint(ctx) : nothing}
    ${
      over
        ? html`<button part="restart-button" type="button" @click=${on.restart}>${t.tracking.startAgain}</button>`
        : status === 'pending'
          ? html`<a part="continue-link" class="button" href=${link.url} target=${newTab ? '_blank' : '_self'} rel="noopener noreferrer" @click=${() => newTab && on.linkOpened()}>${t.continue}</a>`
          : nothing
    }
  `;
}
