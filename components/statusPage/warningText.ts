import type { SyncWarning } from '../../SyncEngine/contracts';
import { formatTime } from '../shared/format';
import { STATUS_PAGE_STRINGS, type StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

/**
 * What a warning says, in the user's language: what is wrong and, for failures sync retries by itself, when it
 * tries next (a time of day in the user's locale). The icon's tooltip and the status page say the same sentence.
 * The engine's own message is English, so it is only the fallback for a code this UI does not know yet.
 */
export function warningText(warning: SyncWarning, text: Text, locale: string): string {
  const next = warning.nextAttemptAt;
  if (next !== undefined) {
    const time = formatTime(next, locale);
    if (warning.code === 'retrying') {
      return text(warning.failingChanges ? 'statusPage.warning.retrying.uploads' : 'statusPage.warning.retrying.next', { time });
    }
    if (warning.code === 'server-busy') return text('statusPage.warning.server-busy.next', { time });
  }
  const key = `statusPage.warning.${warning.code}`;
  return key in STATUS_PAGE_STRINGS ? text(key as StatusPageStringKey) : warning.message;
}
