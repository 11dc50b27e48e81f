export type MessageParams = Record<string, string | number | undefined>;

/** Replaces each `{name}` with `params.name`; a parameter that was not given stays as written. */
export function format(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
