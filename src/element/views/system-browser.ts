import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';

/** Why and how to leave the wallet's browser: the sentence shown in the hint and announced with the link. */
export function systemBrowserText({ t, inApp, format }: ViewContext): string {
  if (!inApp) return '';
  const camera = inApp.name ? format(t.inApp.camera, { wallet: inApp.name }) : t.inApp.cameraUnnamed;
  return `${camera} ${t.inApp[inApp.platform]}`;
}

function selectAll(event: Event): void {
  (event.target as HTMLInputElement).select();
}

/**
 * Above the continue link in a wallet app's browser (docs/element.md, "Phones and wallet apps' browsers"): identity checks need the camera,
 * which these browsers often block, so the user is offered the system browser (per platform) with
 * a "Copy link" button. Where the clipboard refuses, the link is shown as text to select instead.
 * Focus stays where it is; the live region reads the sentence and the copy's outcome.
 */
export function renderSystemBrowserHint(ctx: ViewContext): TemplateResult {
  const { t, on, copied, state } = ctx;
  return html`
    <div part="system-browser-hint" class="hint">
      <p>${systemBrowserText(ctx)}</p>
      <div class="actions">
        <button part="copy-link-button" class="secondary" type="button" @click=${on.copyLink}>${t.inApp.copyLink}</button>
      </div>
      ${copied === 'copied' ? html`<p part="copy-status" class="muted">${t.inApp.copied}</p>` : nothing}
      ${
        copied === 'failed'
          ? html`<p part="copy-status" class="muted">${t.inApp.copyFailed}</p>
            <input part="link-text" type="text" readonly aria-label=${t.inApp.linkText} .value=${state.link?.url ?? ''} @focus=${selectAll} @click=${selectAll} />`
          : nothing
      }
      <p class="muted">${t.inApp.continueHere}</p>
    </div>
  `;
}
