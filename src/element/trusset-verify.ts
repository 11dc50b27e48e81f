import { adoptStyles, LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { FlowController, type FlowHost } from '../flow/controller.js';
import type { FlowState } from '../flow/reducer.js';
import type { FlowError, Status } from '../flow/table.js';
import { format } from '../i18n/format.js';
import type { MessageOverrides, Messages } from '../i18n/messages.js';
import { enEager } from '../i18n/en-eager.js';
import { languageHolder, loadedMessages, loadMessages, mergeMessages, resolveLanguage, uiLanguage } from '../i18n/resolve.js';
import { attributeName, readConfig, SETTING_NAMES, SETTINGS, type RawConfig, type SettingProperties, type WidgetConfig } from '../schemas/settings.js';
import type { FormErrors } from '../schemas/form.js';
import { styles, darkStyles } from './styles.js';
import type { InAppBrowser, InjectedFlags } from '../wallet/in-app-browser.js';
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
 * @event {TrussetVerifiedEvent} trusset-verified - The register says the wallet is verified: `{ address, chainId }`.
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
 * @csspart recheck-button - Reads the register again after it could not be read.
 * @csspart verified - The register says the wallet is verified.
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
 * @cssstate checking - Reading the identity register for the connected wallet.
 * @cssstate ready - The form is shown.
 * @cssstate switching-chain - Waiting for the wallet to switch chain.
 * @cssstate signing - Waiting for the signature.
 * @cssstate creating - Waiting for the backend.
 * @cssstate submit-failed - The submission failed.
 * @cssstate redirecting - Navigating to the verification page.
 * @cssstate link-ready - The "Continue to verification" link is shown, or what became of it once opened.
 * @cssstate verified - The identity register says the wallet is verified.
 */
export class TrussetVerify extends LitElement implements FlowHost {
  static override styles = [styles, darkStyles];

  // Declared here rather than with `@property`: no decorator helpers in the first render.
  // One per row of src/schemas/settings.ts, whose JSDoc documents them.
  static override properties: PropertyDeclarations = {
    ...Object.fromEntries(SETTING_NAMES.map((name) => [name, SETTINGS[name].property ? { attribute: false } : { attribute: attributeName(name), reflect: true }])),
    messages: { attribute: false },
  };

  /** UI language (`en`, `de`, `fr`, `es`, `it`; others show English); default the closest `[lang]` ancestor, then `navigator.language`. */
  override lang = '';
  /** Any UI strings, in any language: put over the strings of the language shown. */
  messages: MessageOverrides | undefined = undefined;

  /** The validated configuration, or undefined while it is invalid. */
  config: WidgetConfig | undefined;

  readonly #flow = new FlowController(this);
  readonly #internals: ElementInternals | undefined = typeof this.attachInternals === 'function' ? this.attachInternals() : undefined;
  #email = '';
  #emailTouched = false;
  #country = '';
  #countryTouched = false;
  #fieldErrors: FormErrors = {};
  #language = 'en';
  #requested = '';
  #languageLoad: Promise<void> | undefined;
  #languageObserver: MutationObserver | undefined;
  #countryBasis: string | undefined;
  #baseMessages: Messages = enEager;
  #reported = new Set<string>();
  #laterStyled = false;
  #walletOptionsAtConnect: string | undefined;
  #walletWarned = false;
  #copied: 'copied' | 'failed' | undefined;
  /** The status before the current one: where focus goes depends on the way in. */
  #from: Status = 'unavailable';
  #viewKey = '';
  #pendingFocus = false;
  /** Focus was in the widget and did not leave for another part of the page: only then is it moved. */
  #engaged = false;

  constructor() {
    super();
    this.addEventListener('focusin', () => (this.#engaged = true));
    // A null relatedTarget is focus lost to a removed or disabled node, which the widget replaces.
    this.addEventListener('focusout', (event) => {
      const to = event.relatedTarget as Node | null;
      if (to && to !== this && !this.contains(to)) this.#engaged = false;
    });
  }

  /** The flow status, also reflected as the `status` attribute and as a custom state. */
  get status(): Status {
    return this.#flow.state.status;
  }

  get formValue(): { email: string; country: string } {
    return { email: this.#email, country: this.#country };
  }

  get inApp(): InAppBrowser | undefined {
    return afterConnect()?.detectInAppBrowser(navigator.userAgent, (window as { ethereum?: InjectedFlags }).ethereum, navigator.maxTouchPoints);
  }

  get t(): Messages {
    return this.messages ? mergeMessages(this.#baseMessages, this.messages) : this.#baseMessages;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The flow reports changes only: an element whose configuration is invalid from the start still shows it.
    if (this.status === 'unavailable') this.statusChanged(this.#flow.state);
    this.#languageObserver ??= new MutationObserver(() => this.#watchLanguage());
    this.#watchLanguage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#languageObserver?.disconnect();
  }

  // No flash of English on a German page: the first render waits for the page language's chunk.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.hasUpdated ? undefined : this.#languageLoad;
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (SETTING_NAMES.some((name) => changed.has(name)) || !this.hasUpdated) this.#configure();
    if (changed.has('email') && !this.#emailTouched) this.#email = this.email ?? '';
    const { status, link } = this.#flow.state;
    // A tracked link that is over swaps its link for a restart button: focus follows.
    const key = `${status} ${this.#flow.picking} ${link?.status}`;
    if (key !== this.#viewKey) {
      this.#viewKey = key;
      this.#pendingFocus = true;
    }
  }

  override updated(): void {
    if (!this.#pendingFocus) return;
    const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
    // Never taken from the rest of the page: only from the widget itself, or from a node it removed.
    if (!this.#engaged || (active && active !== this && active !== document.body)) return void (this.#pendingFocus = false);
    const view = describeView(this.#viewContext());
    // The target's view may still be in the lazy chunk: its arrival renders again.
    const target = view?.focus && this.renderRoot.querySelector<HTMLElement>(view.focus);
    if (view && (!view.focus || target)) this.#pendingFocus = false;
    if (target) target.focus();
  }

  // A page whose language menu sets `<html lang>` switches the widget too.
  #watchLanguage(): void {
    this.#languageObserver?.disconnect();
    this.#languageObserver?.observe(languageHolder(this) ?? document.documentElement, { attributeFilter: ['lang'] });
    this.#followLanguage();
  }

  #followLanguage(): void {
    const tag = resolveLanguage(this.lang || null, this);
    if (tag === this.#requested) return;
    this.#requested = tag;
    const show = (messages: Messages): void => {
      this.#language = uiLanguage(tag);
      this.#baseMessages = messages;
      this.requestUpdate();
    };
    const ready = loadedMessages(tag);
    // While another language's chunk loads, the current strings stay rather than flash English.
    if (ready) show(ready);
    else this.#languageLoad = loadMessages(tag).then((messages) => void (this.#requested === tag && show(messages)));
  }

  #configure(): void {
    this.#followLanguage();
    // Each setting as the element holds it; an empty `lang` is unset.
    const raw: RawConfig = Object.fromEntries(SETTING_NAMES.map((name) => [name, this[name]]));
    raw.lang = this.lang || null;
    const result = readConfig(raw, document.baseURI);
    if (!result.ok) {
      this.config = undefined;
      // The sentences come with their own chunk: a configured widget never loads it.
      void import('../schemas/config.js').then(({ describeFaults, formatConfigProblem }) => {
        for (const problem of describeFaults(raw, result.faults)) {
          const line = formatConfigProblem(problem);
          // One console.error per mistake, not one per render.
          if (!this.#reported.has(line)) console.error(line);
          this.#reported.add(line);
        }
      });
    } else {
      this.config = { ...result.config, appName: result.config.appName ?? document.title };
      this.#reported.clear();
      // Only `country` and `countries` move an untouched choice: a language switch keeps it.
      const basis = `${this.config.country}|${this.config.countries}`;
      if (!this.#countryTouched && basis !== this.#countryBasis) this.#country = this.#defaultCountry(this.config);
      this.#countryBasis = basis;
      this.#warnOnLateWalletChange();
      // docs/architecture.md, "Side-effect rules": fetched (not run) once the page is idle, so the modal opens fast on click.
      if (this.config.projectId) void import('../wallet/load.js').then(({ prefetchWeb3Modal }) => prefetchWeb3Modal({ idle: true }));
      // A phone without a wallet is offered the wallet apps' browsers under Connect, with the views after it.
      else if (!this.config.wagmiConfig && !this.config.projectId && navigator.maxTouchPoints > 0 && !(window as { ethereum?: unknown }).ethereum) void loadFormView().then(() => this.requestUpdate());
    }
    this.#flow.configChanged();
  }

  #defaultCountry(config: WidgetConfig): string {
    if (config.country) return config.country;
    // docs/element.md, the `country` attribute: none, unless the page language's region is among `countries`.
    const region = /-([A-Z]{2})\b/.exec(this.#requested.replace(/_/g, '-'))?.[1] ?? /-([a-z]{2})$/i.exec(navigator.language)?.[1]?.toUpperCase();
    return region && (!config.countries || config.countries.includes(region)) ? region : '';
  }

  #warnOnLateWalletChange(): void {
    const current = WALLET_PROPERTIES.map((name) => String(this[name] ?? '')).join('|');
    if (this.#walletOptionsAtConnect === undefined || current === this.#walletOptionsAtConnect || this.#walletWarned) return;
    this.#walletWarned = true;
    // After a connect only, so the sentence comes with the views after Connect, which the connect loaded.
    void loadFormView().then(() => afterConnect()?.warnLateWalletChange());
  }

  statusChanged(state: FlowState): void {
    const previous = this.getAttribute('status') as Status | null;
    if (previous !== state.status) {
      this.#from = previous ?? 'unavailable';
      this.#copied = undefined;
    }
    this.setAttribute('status', state.status);
    // The form's code loads while the wallet connects, not with the Connect button.
    if (state.status !== 'unavailable' && state.status !== 'idle') void loadFormView().then(() => this.requestUpdate());
    const states = this.#internals?.states;
    if (!states) return;
    states.clear();
    try {
      states.add(state.status);
    } catch {
      // Chromium before 125 accepts only the `--name` form of custom states.
      states.add(`--${state.status}`);
    }
  }

  messagesPending(): Promise<void> | undefined {
    return afterConnect() ? undefined : loadFormView();
  }

  // Called once the views after Connect are there (`messagesPending`), which bring the sentences.
  errorText(error: FlowError): string {
    const later = afterConnect();
    return later ? later.errorMessage(this.t, error, { country: this.#country ? later.regionName(this.#language, this.#country) : '', chainId: String(this.config?.chainId ?? 1) }) : '';
  }

  navigate(url: string): void {
    location.assign(url);
  }

  override render(): TemplateResult {
    this.#adoptLaterStyles();
    // One polite live region for every status and failure, there from the first render so that changes are read.
    const ctx = this.#viewContext();
    return html`<div part="base" class="base">${renderView(ctx)}</div><p class="visually-hidden" role="status">${describeView(ctx)?.say}</p>`;
  }

  /** The views after Connect bring their own rules: adopted in the render that first can show them. */
  #adoptLaterStyles(): void {
    const later = afterConnect()?.laterStyles;
    if (!later || this.#laterStyled || !(this.renderRoot instanceof ShadowRoot)) return;
    this.#laterStyled = true;
    adoptStyles(this.renderRoot, [...(this.constructor as typeof TrussetVerify).elementStyles, later]);
  }

  #viewContext() {
    const state = this.#flow.state;
    const config = this.config;
    return {
      state,
      from: this.#from,
      t: this.t,
      config,
      language: this.#language,
      email: this.#email,
      country: this.#country,
      fieldErrors: this.#fieldErrors,
      injectedWallets: this.#flow.injectedWallets,
      picking: this.#flow.picking,
      walletSource: this.#flow.session?.source,
      resumable: this.#flow.resumable,
      tracking: this.#flow.tracking,
      inApp: this.inApp,
      copied: this.#copied,
      errorText: (error: FlowError) => this.errorText(error),
      format,
      on: {
        connect: () => {
          void loadFormView();
          this.#connect({ kind: 'modal' });
        },
        pick: (rdns: string) => {
          this.#connect({ kind: 'injected', rdns });
          // The list gives way to "confirm in your wallet" (and its announcement) while the prompt is open.
          this.requestUpdate();
        },
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
          this.#email = value;
          this.#emailTouched = true;
          if (this.#fieldErrors.email) this.#fieldErrors = { ...this.#fieldErrors, email: undefined };
          this.requestUpdate();
        },
        country: (value: string) => {
          this.#country = value;
          this.#countryTouched = true;
          if (this.#fieldErrors.country) this.#fieldErrors = { ...this.#fieldErrors, country: undefined };
          this.requestUpdate();
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

  #connect(request: Parameters<FlowController['connect']>[0]): void {
    this.#walletOptionsAtConnect ??= WALLET_PROPERTIES.map((name) => String(this[name] ?? '')).join('|');
    void this.#flow.connect(request);
  }

  async #copyLink(): Promise<void> {
    const url = this.#flow.state.link?.url;
    if (!url) return;
    // The link's view, and so this button, come with the views after Connect.
    const copied = await afterConnect()!.copyText(url);
    if (this.#flow.state.link?.url !== url) return;
    this.#copied = copied;
    this.requestUpdate();
  }

  async #submit(): Promise<void> {
    // A retry of continuing a saved link needs no form.
    if (this.#flow.resuming) return this.#flow.submit();
    const { validateForm } = await import('../schemas/form.js');
    const result = validateForm({ email: this.#email, country: this.#country }, this.config?.countries);
    this.#fieldErrors = result.ok ? {} : result.errors;
    this.requestUpdate();
    if (!result.ok) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    void this.#flow.submit();
  }
}

// The settings' properties, documented on their rows in src/schemas/settings.ts (`lang` is HTMLElement's).
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the properties Lit defines from the table, typed without a second list
export interface TrussetVerify extends Omit<SettingProperties, 'lang'> {}

export type { Status };
