import { QueryError } from '../../contracts/errors';

/**
 * The relative and calendar date operators of FetchXML, as ranges of instants. Days, weeks, months and years
 * are calendar units in UTC: the device does not know the user's Dataverse time-zone setting, so "today" is the
 * UTC day of the host clock. Weeks start on Sunday (the Dataverse default).
 */
export type RelativeDateOperator =
  | 'today'
  | 'yesterday'
  | 'tomorrow'
  | 'last-seven-days'
  | 'next-seven-days'
  | 'this-week'
  | 'last-week'
  | 'next-week'
  | 'this-month'
  | 'last-month'
  | 'next-month'
  | 'this-year'
  | 'last-year'
  | 'next-year'
  | `last-x-${DateUnit}`
  | `next-x-${DateUnit}`
  | `olderthan-x-${DateUnit | 'minutes'}`
  | 'on'
  | 'on-or-after'
  | 'on-or-before';

export type DateUnit = 'hours' | 'days' | 'weeks' | 'months' | 'years';

const UNITS: readonly string[] = ['hours', 'days', 'weeks', 'months', 'years'];
const FIXED: readonly string[] = [
  'today', 'yesterday', 'tomorrow', 'last-seven-days', 'next-seven-days',
  'this-week', 'last-week', 'next-week', 'this-month', 'last-month', 'next-month', 'this-year', 'last-year', 'next-year',
];
const ON: readonly string[] = ['on', 'on-or-after', 'on-or-before'];

/** What a relative date operator needs beside the column: nothing, a count (`x`), or a date (`on…`). */
export function relativeDateArgument(operator: string): 'none' | 'count' | 'date' | null {
  if (FIXED.includes(operator)) return 'none';
  if (ON.includes(operator)) return 'date';
  const match = /^(last-x|next-x|olderthan-x)-(\w+)$/.exec(operator);
  if (!match) return null;
  const unitOk = UNITS.includes(match[2]) || (match[1] === 'olderthan-x' && match[2] === 'minutes');
  return unitOk ? 'count' : null;
}

/** A half-open range [from, to) of epoch milliseconds; a missing end is unbounded. */
export interface InstantRange {
  from?: number;
  to?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The range an operator selects at `now`. `count` is the x of the `-x-` operators; `date` the instant of the
 * value of `on`, `on-or-after`, `on-or-before` (its UTC day counts). `last-x-…` runs from the start of the
 * unit x units ago (hours: exactly x hours ago) up to now; `next-x-…` from now to the end of the unit x units
 * ahead; `olderthan-x-…` is everything before now minus x units (days and longer: before the start of that day).
 */
export function relativeDateRange(operator: RelativeDateOperator, now: number, argument?: number): InstantRange {
  const today = startOfDay(now);
  switch (operator) {
    case 'today':
      return { from: today, to: today + DAY };
    case 'yesterday':
      return { from: today - DAY, to: today };
    case 'tomorrow':
      return { from: today + DAY, to: today + 2 * DAY };
    case 'last-seven-days':
      return { from: today - 7 * DAY, to: now + 1 };
    case 'next-seven-days':
      return { from: now, to: today + 8 * DAY };
    case 'this-week':
    case 'last-week':
    case 'next-week': {
      const start = today - new Date(today).getUTCDay() * DAY + weekShift(operator) * 7 * DAY;
      return { from: start, to: start + 7 * DAY };
    }
    case 'this-month':
    case 'last-month':
    case 'next-month': {
      const date = new Date(today);
      const shift = operator === 'this-month' ? 0 : operator === 'last-month' ? -1 : 1;
      return { from: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + shift, 1), to: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + shift + 1, 1) };
    }
    case 'this-year':
    case 'last-year':
    case 'next-year': {
      const year = new Date(today).getUTCFullYear() + (operator === 'this-year' ? 0 : operator === 'last-year' ? -1 : 1);
      return { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
    }
    case 'on':
    case 'on-or-after':
    case 'on-or-before': {
      const day = startOfDay(requireArgument(operator, argument));
      if (operator === 'on') return { from: day, to: day + DAY };
      return operator === 'on-or-after' ? { from: day } : { to: day + DAY };
    }
    default:
      return countedRange(operator, now, requireArgument(operator, argument));
  }
}

function countedRange(operator: string, now: number, count: number): InstantRange {
  const [direction, , unit] = operator.split('-');
  if (direction === 'olderthan') {
    if (unit === 'minutes') return { to: now - count * 60_000 };
    if (unit === 'hours') return { to: now - count * HOUR };
    return { to: shift(startOfDay(now), unit, -count) };
  }
  if (direction === 'last') {
    if (unit === 'hours') return { from: now - count * HOUR, to: now + 1 };
    return { from: shift(startOfDay(now), unit, -count), to: now + 1 };
  }
  if (unit === 'hours') return { from: now, to: now + count * HOUR };
  return { from: now, to: shift(startOfDay(now), unit, count) + DAY };
}

function shift(day: number, unit: string, count: number): number {
  const date = new Date(day);
  switch (unit) {
    case 'days':
      return day + count * DAY;
    case 'weeks':
      return day + count * 7 * DAY;
    case 'months':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, date.getUTCDate());
    default:
      return Date.UTC(date.getUTCFullYear() + count, date.getUTCMonth(), date.getUTCDate());
  }
}

function weekShift(operator: 'this-week' | 'last-week' | 'next-week'): number {
  return operator === 'this-week' ? 0 : operator === 'last-week' ? -1 : 1;
}

function startOfDay(instant: number): number {
  return Math.floor(instant / DAY) * DAY;
}

function requireArgument(operator: string, argument: number | undefined): number {
  if (argument === undefined || Number.isNaN(argument)) throw new QueryError(`The operator ${operator} needs a value.`);
  return argument;
}
