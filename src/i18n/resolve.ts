import { en } from './en.js';
import type { MessageOverrides, Messages } from './messages.js';

export { errorMessage, format } from './format.js';

type Loader = () => Promise<{ default: Messages }>;

/**
 * Locales other than English, each its own chunk behind `import()`, keyed by lower-case tag or
 * language: e.g. `['de', () => import('./de.js')]`. None yet.
 */
const LOCALES = new Map<string, Loader>();

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

/**
 * The UI language as a canonical BCP-47 tag: the `lang` attribute, else the closest ancestor's
 * `lang` (through shadow roots, since the widget often sits inside another component), else
 * `navigator.language`, else `en`. Empty or malformed values are passed over.
 */
export function resolveLanguage(lang: string | null, element: Element): string {
  const own = canonical(lang);
  if (own) return own;
  for (let node: Element | null = element; node; ) {
    const holder: Element | null = node.closest('[lang]');
    if (!holder) {
      node = hostOf(node);
      continue;
    }
    const tag = canonical(holder.getAttribute('lang'));
    if (tag) return tag;
    node = holder.parentElement ?? hostOf(holder);
  }
  return (typeof navigator === 'undefined' ? undefined : canonical(navigator.language)) ?? 'en';
}

/** The messages for a language: its own locale, else its base language's, else English. */
export async function loadMessages(tag: string): Promise<Messages> {
  const lower = tag.toLowerCase();
  const loader = LOCALES.get(lower) ?? LOCALES.get(lower.split('-')[0] ?? '');
  if (!loader) return en;
  try {
    // A locale that lacks a newer string shows it in English rather than blank.
    return mergeMessages(en, (await loader()).default as MessageOverrides);
  } catch {
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
