import type { SyncWarning, WarningCode } from '../../SyncEngine/contracts';
import { formatNumber, formatTime } from '../shared/format';
import { STATUS_PAGE_STRINGS, type StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

type WarningKey = `statusPage.warning.${WarningCode}`;

/** Every warning code the engine raises has words: a new code without them fails to compile here. */
const WARNING_WORDS: Readonly<Record<WarningKey, string>> = STATUS_PAGE_STRINGS;

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
  const lost = warning.lostChanges ?? 0;
  if (warning.code === 'offline-data-removed' && lost > 0) {
    return lost === 1
      ? text('statusPage.warning.offline-data-removed.lostOne')
      : text('statusPage.warning.offline-data-removed.lostOther', { count: formatNumber(lost, locale) });
  }
  const key = `statusPage.warning.${warning.code}`;
  return key in WARNING_WORDS ? text(key as StatusPageStringKey) : warning.message;
}
