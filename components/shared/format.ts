import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intlCache';

/**
 * Locale-aware formatting for everything the controls show: numbers, byte sizes, dates and times. All of it
 * goes through `Intl` with the user's Dataverse language, never the browser's, so the German user of an
 * English browser still reads "1.234 Zeilen".
 */

/** The languages the suite ships strings for, by Dataverse LCID. */
const LOCALE_BY_LCID: Readonly<Record<number, string>> = {
  1031: 'de-DE',
  1033: 'en-US',
  1036: 'fr-FR',
};

/** The BCP 47 tag for a Dataverse language id; unknown ids fall back to the browser, then English. */
export function localeFromLcid(lcid: number | undefined): string {
  const known = lcid === undefined ? undefined : LOCALE_BY_LCID[lcid];
  if (known) return known;
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  return browser && isSupported(browser) ? browser : 'en-US';
}

function isSupported(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    // A malformed tag throws a RangeError rather than answering an empty list.
    return false;
  }
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/**
 * "56.4 kB" / "56,4 ko", through `Intl` in the user's language (`style: 'unit'`), so no unit is left in English.
 * Binary steps (1 kB = 1,024 bytes), as the mobile app and the browser's storage estimate count them; bytes say
 * the unit in full ("512 bytes", "512 octets"), where the short forms are not words.
 */
export function formatBytes(bytes: number, locale: string): string {
  const value = Math.max(0, bytes);
  if (value < KB) return unitFormat(locale, 'byte', 'long', 0).format(value);
  if (value < MB) return unitFormat(locale, 'kilobyte', 'short', 1).format(value / KB);
  if (value < GB) return unitFormat(locale, 'megabyte', 'short', 1).format(value / MB);
  return unitFormat(locale, 'gigabyte', 'short', 2).format(value / GB);
}

function unitFormat(locale: string, unit: string, unitDisplay: 'long' | 'short', maximumFractionDigits: number): Intl.NumberFormat {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits });
}

/** Date and time of day, short enough for a table cell. */
export function formatDateTime(epochMs: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMs));
}

export function formatTime(epochMs: number, locale: string): string {
  return dateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(epochMs));
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago" / "vor 5 Minuten", relative to `now`. */
export function formatRelative(epochMs: number, now: number, locale: string): string {
  let value = (epochMs - now) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      return relativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(value), unit);
    }
    value /= size;
  }
  return formatDateTime(epochMs, locale);
}

/** Fills `{0}`, `{1}`… in a resx template; resx strings cannot hold code, so placeholders are positional. */
export function formatTemplate(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const position = Number(index);
    return position < args.length ? String(args[position]) : match;
  });
}

/**
 * A time left as people say it, in the user's language through `Intl` ("3 minutes", "3 Minuten", "2 hours"):
 * minutes rounded up (an estimate that says 1 minute is not over in 10 seconds), hours from 90 minutes on, rounded.
 * Under a minute answers undefined: the caller says "less than a minute" in its own words.
 */
export function formatDuration(ms: number, locale: string): string | undefined {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return undefined;
  if (minutes < 90) return numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(Math.round(minutes / 60));
}
