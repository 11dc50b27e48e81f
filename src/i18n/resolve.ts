import { enEager as en } from './en-eager.js';
import type { MessageOverrides, Messages } from './messages.js';

export { format } from './format.js';

type Loader = () => Promise<{ default: Messages }>;

/** Locales other than English, each its own chunk behind `import()`, keyed by language. */
const LOCALES = new Map<string, Loader>([
  ['de', () => import('./de.js')],
  ['fr', () => import('./fr.js')],
  ['es', () => import('./es.js')],
  ['it', () => import('./it.js')],
]);

const loaded = new Map<string, Messages>([['en', en]]);

function canonical(tag: string | null | undefined): string | undefined {
  const trimmed = tag?.trim();
  if (!trimmed) return undefined;
  try {
    return Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return undefined;
  }
}

function hostOf(node: Element): Element | null {
  return (node.getRootNode() as { host?: Element }).host ?? null;
}

/** The closest element above `element` (through shadow roots) whose `lang` is a usable tag. */
export function languageHolder(element: Element): Element | undefined {
  for (let node: Element | null = element.parentElement ?? hostOf(element); node; ) {
    const holder: Element | null = node.closest('[lang]');
    if (!holder) {
      node = hostOf(node);
      continue;
    }
    if (canonical(holder.getAttribute('lang'))) return holder;
    node = holder.parentElement ?? hostOf(holder);
  }
  return undefined;
}

/**
 * The page's language as a canonical BCP-47 tag: the `lang` attribute, else the closest ancestor's
 * `lang` (through shadow roots, since the widget often sits inside another component), else
 * `navigator.language`, else `en`. Empty or malformed values are passed over.
 */
export function resolveLanguage(lang: string | null, element: Element): string {
  return canonical(lang) ?? canonical(languageHolder(element)?.getAttribute('lang')) ?? (typeof navigator === 'undefined' ? undefined : canonical(navigator.language)) ?? 'en';
}

function localeOf(tag: string): string {
  const base = tag.toLowerCase().split('-')[0] ?? '';
  return LOCALES.has(base) ? base : 'en';
}

/** The language the widget speaks for a tag: the tag itself when a locale covers it (`de-AT`), else `en`. */
export function uiLanguage(tag: string): string {
  return localeOf(tag) === tag.toLowerCase().split('-')[0] ? tag : 'en';
}

/** The messages for a tag if they need no loading (English, or a locale loaded before). */
export function loadedMessages(tag: string): Messages | undefined {
  return loaded.get(localeOf(tag));
}

/** The messages for a tag: its language's locale, else English (also when the chunk fails to load). */
export async function loadMessages(tag: string): Promise<Messages> {
  const locale = localeOf(tag);
  const ready = loaded.get(locale);
  if (ready) return ready;
  try {
    // A locale that lacks a newer string shows it in English rather than blank: all of English,
    // since the merge keeps only the keys English has (en-eager.ts alone has the first render's).
    const [chunk, complete] = await Promise.all([LOCALES.get(locale)!(), import('./en-later.js').then(({ completeEnglish }) => completeEnglish())]);
    const messages = mergeMessages(complete, chunk.default as MessageOverrides);
    loaded.set(locale, messages);
    return messages;
  } catch {
    // Not remembered: the next switch to this language tries the chunk again.
    return en;
  }
}

function merge(base: Record<string, unknown>, overrides: unknown): Record<string, unknown> {
  const source = typeof overrides === 'object' && overrides !== null ? (overrides as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  // Only the base's own keys: an override cannot add keys or reach a prototype.
  for (const key of Object.keys(base)) {
    const value = base[key];
    const override = Object.hasOwn(source, key) ? source[key] : undefined;
    result[key] = typeof value === 'string' ? (typeof override === 'string' ? override : value) : merge(value as Record<string, unknown>, override);
  }
  return result;
}

/** `base` with any strings of `overrides` (the `messages` property) put in; anything else is ignored. */
export function mergeMessages(base: Messages, overrides: MessageOverrides | undefined): Messages {
  return merge(base as unknown as Record<string, unknown>, overrides) as unknown as Messages;
}
