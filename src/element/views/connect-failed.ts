import { html, nothing, type TemplateResult } from 'lit';
import { walletBrowserLinks } from '../../wallet/wallet-browser-links.js';
import type { ViewContext } from './context.js';

/** No wallet, a refused connection: what happened and the ways forward (install one, open the page in a wallet's browser, retry). */
export function renderConnectFailed(ctx: ViewContext): TemplateResult {
  const { t, on, state } = ctx;
  const error = state.error;
  const noWallet = error?.code === 'WALLET_NOT_FOUND';
  const phone = noWallet && /Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
  return html`
    <div part="error" class="error">
      <p>${error ? ctx.errorText(error) : nothing}</p>
      ${noWallet ? html`<p class="muted">${t.noWalletHelp} <a href="https://ethereum.org/wallets/find-wallet/" target="_blank" rel="noopener noreferrer">${t.getWallet}</a></p>` : nothing}
      ${phone
        ? html`<ul class="wallets">
            ${walletBrowserLinks(location.href).map((link) => html`<li><a class="button" part="wallet-browser-link" href=${link.url} rel="noopener noreferrer">${ctx.format(t.openInWallet, { wallet: link.name })}</a></li>`)}
          </ul>`
        : nothing}
      <div class="actions">
        ${error?.retryable || noWallet ? html`<button part="retry-button" type="button" @click=${on.connect}>${t.retry}</button>` : nothing}
        <button part="dismiss-button" class="secondary" type="button" @click=${on.dismiss}>${t.back}</button>
      </div>
    </div>
  `;
}
