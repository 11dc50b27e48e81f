import { html, nothing, type TemplateResult } from 'lit';
import { phonePlatform } from '../../wallet/in-app-browser.js';
import { walletBrowserLinks } from '../../wallet/wallet-browser-links.js';
import type { ViewContext } from './context.js';

/** A phone, iPads included (they report a Mac's user agent). */
export function onPhone(): boolean {
  return phonePlatform(navigator.userAgent, navigator.maxTouchPoints) !== undefined;
}

/** Links that open this page inside the common wallets' browsers, where a wallet is injected. */
export function renderWalletBrowserLinks({ t, format }: ViewContext): TemplateResult {
  return html`<ul class="wallets">
    ${walletBrowserLinks(location.href).map((link) => html`<li><a class="button" part="wallet-browser-link" href=${link.url} rel="noopener noreferrer">${format(t.openInWallet, { wallet: link.name })}</a></li>`)}
  </ul>`;
}

/**
 * Under the Connect button, on a phone with no injected wallet, no `project-id` and no host wagmi
 * config: Connect could only answer "no wallet" there, so the wallet apps' browsers are offered
 * at once (docs/element.md, "Phones and wallet apps' browsers"). A phone's browsers carry no extensions; a wallet app's own browser injects
 * `window.ethereum` before the page runs.
 */
export function renderIdleWalletLinks(ctx: ViewContext): TemplateResult | typeof nothing {
  const { config } = ctx;
  if (!config || config.projectId || config.wagmiConfig || (window as { ethereum?: unknown }).ethereum || !onPhone()) return nothing;
  return html`<p class="muted">${ctx.t.inApp.phoneWallets}</p>${renderWalletBrowserLinks(ctx)}`;
}
