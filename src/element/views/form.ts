import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { countryOptions } from '../countries.js';
import type { ViewContext } from './context.js';

const BUSY = { 'switching-chain': 'switchingChain', signing: 'signing', creating: 'creating' } as const;

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function fieldError(ctx: ViewContext, field: 'email' | 'country'): string | undefined {
  const { t, state, fieldErrors } = ctx;
  const local = fieldErrors[field];
  if (local) return t.fieldErrors[field][local as keyof (typeof t.fieldErrors)[typeof field]];
  // A backend refusal that names this field shows next to it (the form stays as typed).
  if (state.status === 'ready' && state.error?.field === field) return ctx.errorText(state.error);
  return undefined;
}

/** The account line and the form, in every status from `ready` to `submit-failed`. */
export function renderForm(ctx: ViewContext): TemplateResult {
  const { t, on, state, config } = ctx;
  // While busy the submit button is aria-disabled, not disabled: a disabled button drops the focus it was pressed with.
  const busy = state.status === 'switching-chain' || state.status === 'signing' || state.status === 'creating';
  const emailError = fieldError(ctx, 'email');
  const countryError = fieldError(ctx, 'country');
  const formError = state.status === 'ready' && state.error && !state.error.field ? state.error : undefined;
  const resumable = state.status === 'ready' ? state.resumable : undefined;
  const partner = config?.appName || location.host;
  return html`
    ${
      state.account
        ? html`<div part="account" class="account">
          <span>${t.connectedAs} <code part="address" title=${state.account.address}>${shortAddress(state.account.address)}</code></span>
          ${ctx.walletSource === 'host' ? nothing : html`<button part="disconnect-button" class="secondary" type="button" @click=${on.disconnect}>${t.disconnect}</button>`}
        </div>`
        : nothing
    }
    ${
      resumable
        ? html`<div part="resume" class="resume">
          <p><strong>${t.tracking.resumeTitle}</strong></p>
          <p class="muted">${ctx.format(t.tracking.resumeUntil, { date: new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(resumable.expiresAt)) })}</p>
          <button part="resume-button" type="button" @click=${on.resume}>${t.tracking.resumeContinue}</button>
          <p class="muted">${t.tracking.resumeOr}</p>
        </div>`
        : nothing
    }
    <form part="form" novalidate @submit=${(event: Event) => {
      event.preventDefault();
      if (!busy) on.submit();
    }}>
      <label part="email-label" for="email">${t.emailLabel}</label>
      <input
        part="email-input"
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        inputmode="email"
        required
        .value=${ctx.email}
        ?disabled=${busy}
        aria-invalid=${emailError ? 'true' : 'false'}
        aria-describedby=${ifDefined(emailError ? 'email-error' : undefined)}
        @input=${(event: Event) => on.email((event.target as HTMLInputElement).value)}
      />
      ${emailError ? html`<p part="field-error" class="field-error" id="email-error">${emailError}</p>` : nothing}
      <label part="country-label" for="country">${t.countryLabel}</label>
      <select
        part="country-select"
        id="country"
        name="country"
        autocomplete="country"
        required
        ?disabled=${busy}
        aria-invalid=${countryError ? 'true' : 'false'}
        aria-describedby=${ifDefined(countryError ? 'country-error' : undefined)}
        @change=${(event: Event) => on.country((event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!ctx.country}>${t.countryPlaceholder}</option>
        ${countryOptions(ctx.language, config?.countries).map((option) => html`<option value=${option.code} ?selected=${option.code === ctx.country}>${option.name}</option>`)}
      </select>
      ${countryError ? html`<p part="field-error" class="field-error" id="country-error">${countryError}</p>` : nothing}
      ${
        formError
          ? html`<div part="error" class="error">
            <p>${ctx.errorText(formError)}</p>
            ${formError.code === 'REGISTRY_UNAVAILABLE' ? html`<button part="recheck-button" class="secondary" type="button" @click=${on.recheck}>${t.tracking.recheck}</button>` : nothing}
          </div>`
          : nothing
      }
      <button part="submit-button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${t.submit}</button>
      <p part="consent" class="consent">
        ${ctx.format(t.consent, { partner })}
        ${config?.privacyUrl ? html`<a part="privacy-link" href=${config.privacyUrl} target="_blank" rel="noopener noreferrer">${t.privacyLink}</a>` : nothing}
      </p>
    </form>
    ${busy ? html`<p part="progress" class="progress">${t[BUSY[state.status as keyof typeof BUSY]]}</p>` : nothing}
    ${
      state.status === 'submit-failed' && state.error
        ? html`<div part="error" class="error">
          <p>${ctx.errorText(state.error)}</p>
          <div class="actions">
            ${state.error.retryable ? html`<button part="retry-button" type="button" @click=${on.submit}>${t.retry}</button>` : nothing}
            <button part="dismiss-button" class="secondary" type="button" @click=${on.dismiss}>${t.back}</button>
          </div>
        </div>`
        : nothing
    }
  `;
}
