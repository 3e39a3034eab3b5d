import { codeMessage } from './codeText';
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

/**
 * Codes that mean the same whatever the action was, said in the user's words instead of the engine's English
 * message. Others (`rejected`, `config`…) depend on what was asked, so their message, which names it, stays.
 */
const CONTEXT_FREE_CODES: ReadonlySet<string> = new Set(['network', 'unavailable', 'server-busy', 'auth', 'privilege', 'quota', 'server', 'malformed-response', 'payload-too-large', 'aborted', 'queue-changed']);

/** Message of anything an engine promise rejected with, for the error bars. */
export function errorMessage(error: unknown, text: Text): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && typeof code === 'string' && CONTEXT_FREE_CODES.has(code)) return codeMessage(code, text);
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return text('statusPage.unknownError');
}
