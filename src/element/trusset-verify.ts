import { adoptStyles, LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { FlowController } from '../flow/controller.js';
import type { FlowError, Status } from '../flow/table.js';
import { format } from '../i18n/format.js';
import type { MessageOverrides, Messages } from '../i18n/messages.js';
import { mergeMessages, resolveLanguage } from '../i18n/resolve.js';
import { attributeName, readConfig, SETTING_NAMES, SETTINGS, type ConfigFaults, type RawConfig, type SettingProperties, type WidgetConfig } from '../schemas/settings.js';
import type { FormErrors } from '../schemas/form.js';
import { styles, darkStyles } from './styles.js';
import { LanguageController } from './language.js';
import { afterConnect, describeView, loadFormView, renderView } from './views/index.js';

/** Read at the first connect only, which opens the page's one wallet session: a later change waits for the next page load. */
const WALLET_PROPERTIES = SETTING_NAMES.filter((name) => SETTINGS[name].wallet);

/**
 * Identity verification with Trusset: connect a wallet, sign in with Ethereum, enter e-mail and
 * country, and continue to Trusset's hosted verification.
 *
 * @summary Drop-in KYC entry point for tokenized-asset platforms.
 * @tagname trusset-verify
 *
 * @event {TrussetStateChangeEvent} trusset-state-change - Every flow transition: `{ status, previous }`.
 * @event {TrussetConnectEvent} trusset-connect - A wallet connected, or its account or chain changed: `{ address, chainId }`.
 * @event {TrussetDisconnectEvent} trusset-disconnect - The wallet disconnected.
 * @event {TrussetLinkCreatedEvent} trusset-link-created - The backend created the link and its URL passed the redirect check: `{ id, url, status, expiresAt }`.
 * @event {TrussetRedirectEvent} trusset-redirect - About to navigate; cancelable: `{ url }`.
 * @event {TrussetLinkStatusEvent} trusset-link-status - A tracked link changed status: `{ id, status }`.
 * @event {TrussetVerifiedEvent} trusset-verified - The registry says the wallet is verified: `{ address, chainId }`.
 * @event {TrussetErrorEvent} trusset-error - Any failure, after the state moved: `{ code, message, retryable, requestId? }`.
 *
 * @csspart base - The widget's box.
 * @csspart connect-button - The button that starts the wallet connection.
 * @csspart wallet-list-title - The line above the built-in list of installed wallets.
 * @csspart wallet-list - The built-in list of installed wallets.
 * @csspart wallet-button - One wallet of the built-in list.
 * @csspart wallet-browser-link - On a phone without a wallet: opens the page in a wallet app's browser.
 * @csspart account - The connected wallet's address and the disconnect button.
 * @csspart address - The connected wallet's shortened address.
 * @csspart disconnect-button - Disconnects the wallet.
 * @csspart form - The e-mail and country form.
 * @csspart email-label - The e-mail field's label.
 * @csspart email-input - The e-mail field.
 * @csspart country-label - The country picker's label.
 * @csspart country-select - The country picker.
 * @csspart field-error - The error under a field.
 * @csspart consent - The line saying where the e-mail and country go.
 * @csspart privacy-link - The link to the partner's privacy notice in the consent line.
 * @csspart submit-button - Starts the verification.
 * @csspart progress - The line that says what is happening (waiting for the wallet, creating the link).
 * @csspart error - A failure and what to do about it.
 * @csspart retry-button - Tries the failed step again.
 * @csspart dismiss-button - Goes back from a failure.
 * @csspart continue-link - The "Continue to verification" link.
 * @csspart link-status - What became of the link the user opened, and what to do next.
 * @csspart restart-button - Starts again after the link was rejected, expired or revoked.
 * @csspart resume - The offer to continue the wallet's open verification (after a reload or the back button).
 * @csspart resume-button - Continues the open verification.
 * @csspart recheck-button - Reads the registry again after it could not be read.
 * @csspart verified - The registry says the wallet is verified.
 * @csspart system-browser-hint - In a wallet app's browser, above the continue link: the camera may be blocked, open the link in the system browser.
 * @csspart copy-link-button - Copies the verification link, to open it in the system browser.
 * @csspart copy-status - Says the link was copied, or that copying failed.
 * @csspart link-text - The verification link as text to select, when copying failed.
 * @csspart unavailable - The neutral text shown while the configuration is invalid.
 *
 * @cssproperty --trusset-verify-accent - Buttons and links.
 * @cssproperty --trusset-verify-accent-text - Text on the accent colour.
 * @cssproperty --trusset-verify-text - Text.
 * @cssproperty --trusset-verify-muted - Secondary text.
 * @cssproperty --trusset-verify-background - The box's background.
 * @cssproperty --trusset-verify-input-background - Fields' background.
 * @cssproperty --trusset-verify-border - Borders.
 * @cssproperty --trusset-verify-radius - Corner radius.
 * @cssproperty --trusset-verify-font - Font family.
 * @cssproperty --trusset-verify-spacing - Padding and gaps.
 * @cssproperty --trusset-verify-error - Error text and invalid fields.
 * @cssproperty --trusset-verify-error-background - Behind an error.
 * @cssproperty --trusset-verify-focus - The focus ring.
 *
 * @cssstate unavailable - The configuration is invalid.
 * @cssstate idle - Waiting for the user to connect.
 * @cssstate connecting - A wallet prompt or the wallet list is open.
 * @cssstate connect-failed - The wallet did not connect.
 * @cssstate checking - Reading the identity registry for the connected wallet.
 * @cssstate ready - The form is shown.
 * @cssstate switching-chain - Waiting for the wallet to switch chain.
 * @cssstate signing - Waiting for the signature.
 * @cssstate creating - Waiting for the backend.
 * @cssstate submit-failed - The submission failed.
 * @cssstate redirecting - Navigating to the verification page.
 * @cssstate link-ready - The "Continue to verification" link is shown, or what became of it once opened.
 * @cssstate verified - The identity registry says the wallet is verified.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below only types the properties Lit defines from the settings' table
export class TrussetVerify extends LitElement {
  static override styles = [styles, darkStyles];

  // Declared here rather than with `@property`: no decorator helpers in the first render.
  // One per row of src/schemas/settings.ts, whose JSDoc documents them.
  static override properties: PropertyDeclarations = {
    ...Object.fromEntries(SETTING_NAMES.map((name) => [name, SETTINGS[name].property ? { attribute: false } : { attribute: attributeName(name), reflect: true }])),
    messages: { attribute: false },
    // The element's own view state: a change renders again; no attribute.
    _email: { state: true },
    _country: { state: true },
    _fieldErrors: { state: true },
    _copied: { state: true },
  };

  /** UI language (`en`, `de`, `fr`, `es`, `it`; others show English); default the closest `[lang]` ancestor, then `navigator.language`. */
  override lang = '';
  /** Any UI strings, in any language: put over the strings of the language shown. */
  messages: MessageOverrides | undefined = undefined;

  /** What the user typed in the e-mail field (the `email` setting until then). */
  private _email = '';
  /** The country chosen, or the default one until the user chose. */
  private _country = '';
  /** The form's checks that failed, by field, until the field is changed. */
  private _fieldErrors: FormErrors = {};
  /** What became of the last "Copy link" in the current view. */
  private _copied: 'copied' | 'failed' | undefined;

  #config: WidgetConfig | undefined;
  /** What the configuration read in `willUpdate` does beyond the render, run in `updated`. */
  #configEffects: (() => void) | undefined;
  readonly #flow = new FlowController(this, {
    config: () => this.#config,
    // The sentence for a failure before the views after Connect arrived (a wallet that failed at once) comes with them.
    errorText: (error) => (afterConnect() ? this.#errorText(error) : loadFormView().then(() => this.#errorText(error))),
  });
  readonly #lang = new LanguageController(this);
  readonly #internals: ElementInternals | undefined = typeof this.attachInternals === 'function' ? this.attachInternals() : undefined;
  #emailTouched = false;
  #countryTouched = false;
  #countryBasis: string | undefined;
  #reported = new Set<string>();
  #laterStyled = false;
  #walletOptionsAtConnect: string | undefined;
  #walletWarned = false;
  /** The status before the current one: where focus goes depends on the way in. */
  #from: Status = 'unavailable';
  #viewKey = '';
  #pendingFocus = false;
  /** Focus was in the widget and did not leave for another part of the page: only then is it moved. */
  #engaged = false;

  constructor() {
    super();
    // The flow's own event, first of its listeners: the attribute and custom state are set before the page hears of the change.
    this.addEventListener('trusset-state-change', ({ detail }) => {
      this.#from = detail.previous;
      this._copied = undefined;
      this.#mirror(detail.status);
      // The form's code loads while the wallet connects, not with the Connect button.
      if (detail.status !== 'unavailable' && detail.status !== 'idle') void loadFormView().then(() => this.requestUpdate());
    });
    this.addEventListener('focusin', () => (this.#engaged = true));
    // A null relatedTarget is focus lost to a removed or disabled node, which the widget replaces.
    this.addEventListener('focusout', (event) => {
      const to = event.relatedTarget as Node | null;
      if (to && to !== this && !this.contains(to)) this.#engaged = false;
    });
  }

  /** The validated configuration, or undefined while it is invalid. */
  get config(): WidgetConfig | undefined {
    return this.#config;
  }

  /** The flow status, also reflected as the `status` attribute and as a custom state. */
  get status(): Status {
    return this.#flow.state.status;
  }

  #t(): Messages {
    const base = this.#lang.messages;
    return this.messages ? mergeMessages(base, this.messages) : base;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The flow reports changes only: an element whose configuration is invalid from the start still shows it.
    if (this.status === 'unavailable') this.#mirror('unavailable');
  }

  // No flash of English on a German page: the first render waits for the page language's chunk.
  // biome-ignore lint/suspicious/noConfusingVoidType: Lit's own signature
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.hasUpdated ? undefined : this.#lang.loading;
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  // Derived state only: what the settings mean for this render (the flow follows in its `hostUpdate`). Effects wait for `updated`.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (SETTING_NAMES.some((name) => changed.has(name)) || !this.hasUpdated) this.#configure();
    if (changed.has('email') && !this.#emailTouched) this._email = this.email ?? '';
  }

  protected override updated(): void {
    this.#adoptLaterStyles();
    this.#configEffects?.();
    this.#configEffects = undefined;
    this.#moveFocus();
  }

  #moveFocus(): void {
    const { status, picking, link } = this.#flow.state;
    // A tracked link that is over swaps its link for a restart button: focus follows.
    const key = `${status} ${picking} ${link?.status}`;
    if (key !== this.#viewKey) {
      this.#viewKey = key;
      this.#pendingFocus = true;
    }
    if (!this.#pendingFocus) return;
    const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
    // Never taken from the rest of the page: only from the widget itself, or from a node it removed.
    if (!this.#engaged || (active && active !== this && active !== document.body)) {
      this.#pendingFocus = false;
      return;
    }
    const view = describeView(this.#viewContext());
    // The target's view may still be in the lazy chunk: its arrival renders again.
    const target = view?.focus && this.renderRoot.querySelector<HTMLElement>(view.focus);
    if (view && (!view.focus || target)) this.#pendingFocus = false;
    if (target) target.focus();
  }

  /** The configuration, read again in `willUpdate` (the flow follows before the render); its effects wait for `updated` (docs/architecture.md, "Side-effect rules"). */
  #configure(): void {
    // Each setting as the element holds it; an empty `lang` is unset.
    const raw: RawConfig = Object.fromEntries(SETTING_NAMES.map((name) => [name, this[name]]));
    raw.lang = this.lang || null;
    const result = readConfig(raw, document.baseURI);
    if (!result.ok) {
      this.#config = undefined;
      this.#configEffects = () => this.#reportFaults(raw, result.faults);
      return;
    }
    const config = { ...result.config, appName: result.config.appName ?? document.title };
    this.#config = config;
    // Only `country` and `countries` move an untouched choice: a language switch keeps it.
    const basis = `${config.country}|${config.countries}`;
    if (!this.#countryTouched && basis !== this.#countryBasis) this._country = this.#defaultCountry(config);
    this.#countryBasis = basis;
    this.#configEffects = () => {
      this.#reported.clear();
      this.#warnOnLateWalletChange();
      // Fetched (not run) once the page is idle, so the modal opens fast on click.
      if (config.projectId) void import('../wallet/load.js').then(({ prefetchWeb3Modal }) => prefetchWeb3Modal({ idle: true }));
      // A phone without a wallet is offered the wallet apps' browsers under Connect, with the views after it.
      else if (!config.wagmiConfig && navigator.maxTouchPoints > 0 && !(window as { ethereum?: unknown }).ethereum) void loadFormView().then(() => this.requestUpdate());
    };
  }

  #reportFaults(raw: RawConfig, faults: ConfigFaults): void {
    // The sentences come with their own chunk: a configured widget never loads it.
    void import('../schemas/config.js').then(({ describeFaults, formatConfigProblem }) => {
      for (const problem of describeFaults(raw, faults)) {
        const line = formatConfigProblem(problem);
        // One console.error per mistake, not one per render.
        if (!this.#reported.has(line)) console.error(line);
        this.#reported.add(line);
      }
    });
  }

  #defaultCountry(config: WidgetConfig): string {
    if (config.country) return config.country;
    // docs/element.md, the `country` attribute: none, unless the page language's region is among `countries`.
    // The tag read now: the language controller follows a changed `lang` only after `willUpdate`.
    const region = /-([A-Z]{2})\b/.exec(resolveLanguage(this.lang || null, this).replace(/_/g, '-'))?.[1] ?? /-([a-z]{2})$/i.exec(navigator.language)?.[1]?.toUpperCase();
    return region && (!config.countries || config.countries.includes(region)) ? region : '';
  }

  #warnOnLateWalletChange(): void {
    const current = this.#walletOptions();
    if (this.#walletOptionsAtConnect === undefined || current === this.#walletOptionsAtConnect || this.#walletWarned) return;
    this.#walletWarned = true;
    // After a connect only, so the sentence comes with the views after Connect, which the connect loaded.
    void loadFormView().then(() => afterConnect()?.warnLateWalletChange());
  }

  /** The status on the element: the `status` attribute and the custom state. */
  #mirror(status: Status): void {
    this.setAttribute('status', status);
    const states = this.#internals?.states;
    if (!states) return;
    states.clear();
    try {
      states.add(status);
    } catch {
      // Chromium before 125 accepts only the `--name` form of custom states.
      states.add(`--${status}`);
    }
  }

  // Called once the views after Connect are there, which bring the sentences.
  #errorText(error: FlowError): string {
    return afterConnect()!.errorSentence(this.#t(), error, this.#lang.language, this._country, this.#config?.chainId);
  }

  override render(): TemplateResult {
    // One polite live region for every status and failure, there from the first render so that changes are read.
    const ctx = this.#viewContext();
    return html`<div part="base" class="base">${renderView(ctx)}</div><p class="visually-hidden" role="status">${describeView(ctx)?.say}</p>`;
  }

  /** The views after Connect bring their own rules: adopted after the render that first can show them, before the page paints. */
  #adoptLaterStyles(): void {
    const later = afterConnect()?.laterStyles;
    if (!later || this.#laterStyled || !(this.renderRoot instanceof ShadowRoot)) return;
    this.#laterStyled = true;
    adoptStyles(this.renderRoot, [...(this.constructor as typeof TrussetVerify).elementStyles, later]);
  }

  #viewContext() {
    const config = this.#config;
    return {
      state: this.#flow.state,
      from: this.#from,
      t: this.#t(),
      config,
      language: this.#lang.language,
      email: this._email,
      country: this._country,
      fieldErrors: this._fieldErrors,
      injectedWallets: this.#flow.injectedWallets,
      walletSource: this.#flow.session?.source,
      inApp: afterConnect()?.currentInAppBrowser(),
      copied: this._copied,
      errorText: (error: FlowError) => this.#errorText(error),
      format,
      on: {
        connect: () => {
          void loadFormView();
          this.#connect({ kind: 'modal' });
        },
        // The list gives way to "confirm in your wallet" (and its announcement) while the prompt is open.
        pick: (rdns: string) => this.#connect({ kind: 'injected', rdns }),
        prefetch: () => {
          // The pointer on Connect: what the click runs is fetched (Web3Modal: only fetched, as
          // running it changes the page; the built-in list's code changes nothing until called).
          if (config?.projectId) void import('../wallet/load.js').then(({ prefetchWeb3Modal }) => prefetchWeb3Modal());
          else if (config && !config.wagmiConfig) void import('../wallet/load.js').then(({ warmInjected }) => warmInjected());
          if (config) void loadFormView();
        },
        dismiss: () => this.#flow.dismiss(),
        disconnect: () => void this.#flow.disconnect(),
        email: (value: string) => {
          this._email = value;
          this.#emailTouched = true;
          this.#edited('email');
        },
        country: (value: string) => {
          this._country = value;
          this.#countryTouched = true;
          this.#edited('country');
        },
        submit: () => void this.#submit(),
        resume: () => void this.#flow.resume(),
        recheck: () => this.#flow.recheck(),
        linkOpened: () => this.#flow.linkOpened(),
        restart: () => this.#flow.restart(),
        copyLink: () => void this.#copyLink(),
      },
    };
  }

  /** A field the user changed loses its error. */
  #edited(field: 'email' | 'country'): void {
    if (this._fieldErrors[field]) this._fieldErrors = { ...this._fieldErrors, [field]: undefined };
  }

  #walletOptions(): string {
    return WALLET_PROPERTIES.map((name) => String(this[name] ?? '')).join('|');
  }

  #connect(request: Parameters<FlowController['connect']>[0]): void {
    this.#walletOptionsAtConnect ??= this.#walletOptions();
    void this.#flow.connect(request);
  }

  async #copyLink(): Promise<void> {
    const url = this.#flow.state.link?.url;
    if (!url) return;
    // The link's view, and so this button, come with the views after Connect.
    const copied = await afterConnect()!.copyText(url);
    if (this.#flow.state.link?.url === url) this._copied = copied;
  }

  async #submit(): Promise<void> {
    // A retry of continuing a saved link needs no form.
    if (this.#flow.state.resuming) return this.#flow.submit();
    const form = { email: this._email, country: this._country };
    const { validateForm } = await import('../schemas/form.js');
    const result = validateForm(form, this.#config?.countries);
    this._fieldErrors = result.ok ? {} : result.errors;
    if (!result.ok) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    void this.#flow.submit(form);
  }
}

// The settings' properties, documented on their rows in src/schemas/settings.ts (`lang` is HTMLElement's):
// Lit defines them from the table, typed here without a second list.
export interface TrussetVerify extends Omit<SettingProperties, 'lang'> {}

export type { Status };
