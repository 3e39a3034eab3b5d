import { formatNumber } from '../shared/format';
import { relativeTimeFormat } from '../shared/intlCache';
import type { Text } from './text';

/**
 * The status page's own formatting (intervals in its strings, ages). Numbers and dates come from the
 * shared formatter, so the icon, the notifications and this page agree.
 */
export { formatBytes, formatDateTime, formatNumber } from '../shared/format';

const MINUTES_PER_DAY = 1440;

/** "every 5 minutes" … "every day": sync intervals run from 5 minutes to a day. */
export function formatInterval(minutes: number, locale: string, text: Text): string {
  if (minutes >= MINUTES_PER_DAY) return text('statusPage.interval.day');
  if (minutes === 60) return text('statusPage.interval.hour');
  if (minutes % 60 === 0) return text('statusPage.interval.hours', { count: formatNumber(minutes / 60, locale) });
  return text('statusPage.interval.minutes', { count: formatNumber(minutes, locale) });
}

const AGE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", in the user's language: Intl knows the grammar, so no string keys are needed. */
export function formatAge(timestamp: number, now: number, locale: string): string {
  const format = relativeTimeFormat(locale, { numeric: 'auto' });
  const elapsed = Math.max(0, now - timestamp);
  for (const [unit, size] of AGE_UNITS) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return format.format(-Math.floor(elapsed / 1000), 'second');
}
