import { CODE_STRINGS } from './codeStrings';
import type { StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

/**
 * A stable code (`privilege`, `network`, `table-not-readable`…) as a sentence in the user's language. The code is
 * never the message: callers show it only as a detail (`statusPage.errors.code`, "Code: privilege").
 */
export function codeMessage(code: string, text: Text): string {
  const key = `statusPage.code.${code}`;
  return text(key in CODE_STRINGS ? (key as StatusPageStringKey) : 'statusPage.code.other');
}
