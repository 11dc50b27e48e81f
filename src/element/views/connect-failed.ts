import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';
import { onPhone, renderWalletBrowserLinks } from './phone-wallets.js';

/** No wallet, a refused connection: what happened and the ways forward (install one, open the page in a wallet's browser, retry). */
export function renderConnectFailed(ctx: ViewContext): TemplateResult {
  const { t, on, state } = ctx;
  const error = state.error;
  const noWallet = error?.code === 'WALLET_NOT_FOUND';
  const phone = noWallet && onPhone();
  return html`
    <div part="error" class="error">
      <p>${error ? ctx.errorText(error) : nothing}</p>
      ${noWallet ? html`<p class="muted">${t.noWalletHelp} <a href="https://ethereum.org/wallets/find-wallet/" target="_blank" rel="noopener noreferrer">${t.getWallet}</a></p>` : nothing}
      ${phone ? renderWalletBrowserLinks(ctx) : nothing}
      <div class="actions">
        ${error?.retryable || noWallet ? html`<button part="retry-button" type="button" @click=${on.connect}>${t.retry}</button>` : nothing}
        <button part="dismiss-button" class="secondary" type="button" @click=${on.dismiss}>${t.back}</button>
      </div>
    </div>
  `;
}
