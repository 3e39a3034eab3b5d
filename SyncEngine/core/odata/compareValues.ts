/**
 * Value ordering shared by `$filter` evaluation and `$orderby`, following Dataverse (SQL Server) semantics:
 * text compares case-insensitively, ISO date strings compare as instants, nulls sort first.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch milliseconds of an ISO date/datetime string, or null when the value is not one. */
export function toInstant(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const instant = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(instant) ? null : instant;
}

/** Lower-cased text for case-insensitive comparison; invariant so results do not depend on the device locale. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}

export function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function compareText(a: string, b: string): number {
  const left = foldCase(a);
  const right = foldCase(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function valueAsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Orders two row values. Nulls (and missing values) come first; same-typed values compare naturally; two
 * ISO date strings compare as instants so `…T10:00:00Z` and `…T10:00:00.000Z` are equal.
 */
export function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing && bMissing ? 0 : aMissing ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign(Number(a) - Number(b));
  const aInstant = toInstant(a);
  const bInstant = toInstant(b);
  if (aInstant !== null && bInstant !== null) return sign(aInstant - bInstant);
  return compareText(valueAsText(a), valueAsText(b));
}
