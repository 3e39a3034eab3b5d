/**
 * The instants FetchXML's date operators select, as [from, to) ranges. The emulated user's time zone is UTC, so
 * days start at UTC midnight; weeks start on Sunday, the Dataverse default for a new org (Settings → Week start).
 * "Last" ranges end now and "next" ranges start now, as Dataverse translates `last-x-hours` / `next-x-days` to
 * SQL; whole-day operators (`today`, `last-seven-days`, `on`…) cover whole days.
 */
export interface DateRange {
  from?: number;
  to?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function startOfDay(instant: number): number {
  return Math.floor(instant / DAY) * DAY;
}

/** Calendar months later (or earlier), keeping the day of month where it exists: 31 March − 1 month = 28/29 February. */
export function addMonths(instant: number, months: number): number {
  const date = new Date(instant);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime() + (instant - startOfDay(instant));
}

function shift(instant: number, unit: string, amount: number): number {
  switch (unit) {
    case 'minutes':
      return instant + amount * MINUTE;
    case 'hours':
      return instant + amount * HOUR;
    case 'days':
      return instant + amount * DAY;
    case 'weeks':
      return instant + amount * 7 * DAY;
    case 'months':
      return addMonths(instant, amount);
    default:
      return addMonths(instant, 12 * amount);
  }
}

function calendarRange(operator: string, now: number): DateRange {
  const [when, unit] = operator.split('-');
  const step = when === 'this' ? 0 : when === 'last' ? -1 : 1;
  const today = startOfDay(now);
  const date = new Date(now);
  if (unit === 'week') {
    const sunday = today - date.getUTCDay() * DAY + step * 7 * DAY;
    return { from: sunday, to: sunday + 7 * DAY };
  }
  if (unit === 'month') {
    return { from: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step, 1), to: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step + 1, 1) };
  }
  return { from: Date.UTC(date.getUTCFullYear() + step, 0, 1), to: Date.UTC(date.getUTCFullYear() + step + 1, 0, 1) };
}

/** The range of a relative operator; `amount` is the X of `last-x-…`, `value` the date of `on…`. */
export function dateRange(operator: string, now: number, amount = 0, value = 0): DateRange {
  const today = startOfDay(now);
  const relative = /^(last|next|olderthan)-x-(\w+)$/.exec(operator);
  if (relative) {
    const [, direction, unit] = relative;
    const wholeDays = unit !== 'minutes' && unit !== 'hours';
    if (direction === 'olderthan') return { to: shift(now, unit, -amount) };
    if (direction === 'last') return { from: shift(wholeDays ? today : now, unit, -amount), to: now + 1 };
    return { from: now, to: wholeDays ? shift(today, unit, amount) + DAY : shift(now, unit, amount) + 1 };
  }
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
    case 'on':
      return { from: startOfDay(value), to: startOfDay(value) + DAY };
    case 'on-or-after':
      return { from: startOfDay(value) };
    case 'on-or-before':
      return { to: startOfDay(value) + DAY };
    default:
      return calendarRange(operator, now);
  }
}
