/**
 * The benchmark's baseline (`npm run bench`): a plain Lit element with a button that renders a
 * short list on click, the least any Lit widget costs. Built with Vite in the same run as the widget.
 */
import { css, html, LitElement, type TemplateResult } from 'lit';

const WALLETS = ['Bench Wallet', 'Second Bench Wallet'];

class BenchBaseline extends LitElement {
  static override properties = { open: { state: true } };
  static override styles = css`
    button { font: inherit; padding: 0.5rem 1rem; }
    ul { list-style: none; padding: 0; }
  `;

  declare open: boolean;

  constructor() {
    super();
    this.open = false;
  }

  override render(): TemplateResult {
    if (!this.open) return html`<button part="connect-button" type="button" @click=${() => (this.open = true)}>Connect wallet</button>`;
    return html`<ul part="wallet-list">${WALLETS.map((name) => html`<li><button part="wallet-button" type="button">${name}</button></li>`)}</ul>`;
  }
}

customElements.define('bench-baseline', BenchBaseline);
