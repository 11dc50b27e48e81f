import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { enEager } from '../i18n/en-eager.js';
import type { Messages } from '../i18n/messages.js';
import { languageHolder, loadedMessages, loadMessages, resolveLanguage, uiLanguage } from '../i18n/resolve.js';

/**
 * The widget's language (docs/element.md, the `lang` attribute): its own `lang`, else the closest
 * `[lang]` ancestor's, watched so that a page whose language menu sets `<html lang>` switches the
 * widget too, else the browser's. That language's chunk is loaded; while it loads, the current
 * strings stay rather than flash English.
 */
export class LanguageController implements ReactiveController {
  /** The language shown: the tag when a locale covers it, else `en`. */
  language = 'en';
  /** The strings of the language shown, before the `messages` property is put over them. */
  messages: Messages = enEager;
  /** The chunk of the language asked for, while it loads: the first render waits for it. */
  loading: Promise<void> | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** The tag asked for, canonical (`de-CH`). */
  #requested = '';
  #observer: MutationObserver | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#watch());
    this.#watch();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** The element's `lang` may have changed. */
  hostUpdate(): void {
    this.#follow();
  }

  // The holder may change with the attribute (a nearer `lang` removed): observed again each time.
  #watch(): void {
    this.#observer!.disconnect();
    this.#observer!.observe(languageHolder(this.#host) ?? document.documentElement, { attributeFilter: ['lang'] });
    this.#follow();
  }

  #follow(): void {
    const tag = resolveLanguage(this.#host.lang || null, this.#host);
    if (tag === this.#requested) return;
    this.#requested = tag;
    const show = (messages: Messages): void => {
      this.language = uiLanguage(tag);
      this.messages = messages;
      this.#host.requestUpdate();
    };
    const ready = loadedMessages(tag);
    if (ready) show(ready);
    else this.loading = loadMessages(tag).then((messages) => void (this.#requested === tag && show(messages)));
  }
}
