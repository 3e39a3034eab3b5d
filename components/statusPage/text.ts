import { STATUS_PAGE_STRINGS, type StatusPageStringKey } from './statusPageStrings';

export type TextValues = Readonly<Partial<Record<string, string | number>>>;

/** Looks up a status page string, fills its `{name}` placeholders and falls back to English. */
export type Text = (key: StatusPageStringKey, values?: TextValues) => string;

/**
 * Wraps the host's lookup. PCF's `getString` answers the key itself (or an empty string in some hosts) when the
 * resx lacks it; the page must never show a raw key, so both count as "missing".
 */
export function makeText(t: (key: string) => string): Text {
  return (key, values) => {
    const found = t(key);
    const template = found && found !== key ? found : STATUS_PAGE_STRINGS[key];
    return values === undefined ? template : fill(template, values);
  };
}

/** Replaces `{name}` with `values[name]`; unknown placeholders stay visible so a bad translation is noticed. */
export function fill(template: string, values: TextValues): string {
  return template.replace(/\{([\w-]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** Message of anything an engine promise rejected with, for the error bars. */
export function errorMessage(error: unknown, text: Text): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return text('statusPage.unknownError');
}
