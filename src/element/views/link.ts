import { html, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';

export function renderRedirecting({ t }: ViewContext): TemplateResult {
  return html`<p part="progress" class="progress">${t.redirecting}</p>`;
}

export function renderUnavailable({ t }: ViewContext): TemplateResult {
  return html`<p part="unavailable" class="muted">${t.unavailable}</p>`;
}
