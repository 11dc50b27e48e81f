import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';
import { afterConnect } from './lazy.js';

export function renderIdle(ctx: ViewContext): TemplateResult {
  const { t, on } = ctx;
  return html`<button part="connect-button" type="button" @click=${on.connect} @pointerenter=${on.prefetch} @focus=${on.prefetch}>${t.connect}</button>${afterConnect()?.renderIdleWalletLinks(ctx)}`;
}

export function renderConnecting(ctx: ViewContext): TemplateResult {
  const { t, on } = ctx;
  if (ctx.state.picking) {
    return html`
      <p part="wallet-list-title" id="wallet-list-title">${t.walletListTitle}</p>
      <ul part="wallet-list" class="wallets" aria-labelledby="wallet-list-title">
        ${ctx.injectedWallets.map(
          (wallet) => html`<li>
            <button part="wallet-button" type="button" @click=${() => on.pick(wallet.rdns)}>
              ${wallet.icon.startsWith('data:image/') ? html`<img src=${wallet.icon} alt="" />` : nothing}${wallet.name}
            </button>
          </li>`,
        )}
      </ul>
      <div class="actions"><button part="dismiss-button" class="secondary" type="button" @click=${on.dismiss}>${t.cancel}</button></div>
    `;
  }
  return html`
    <p part="progress" class="progress">${t.connecting}</p>
    <div class="actions"><button part="dismiss-button" class="secondary" type="button" @click=${on.dismiss}>${t.cancel}</button></div>
  `;
}
