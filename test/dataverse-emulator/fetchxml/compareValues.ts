import { FETCH_ERRORS, fetchError } from './errors';
import { parseInstant } from './operators';

/** A stored date-time: the emulator keeps them as ISO text, so a column's values say what type it has. */
const STORED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const BRACED_GUID = /^\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;

function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function compareText(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

export function storedInstant(value: unknown): number | null {
  return typeof value === 'string' && STORED_DATE.test(value) ? parseInstant(value) : null;
}

/**
 * Orders two stored values as SQL Server does for `order`: nulls first, numbers and dates by value, text
 * case-insensitively.
 */
export function orderValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull ? 0 : aNull ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign(Number(a) - Number(b));
  const aInstant = storedInstant(a);
  const bInstant = storedInstant(b);
  if (aInstant !== null && bInstant !== null) return sign(aInstant - bInstant);
  return compareText(textOf(a), textOf(b));
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Compares a stored (non-null) value with a condition's text, read as the column's type: a number, a boolean
 * (`1`/`0`/`true`/`false`), a date, or text (GUIDs may be written in braces). Text the column's type cannot
 * read is refused, as Dataverse refuses `revenue eq 'abc'`.
 */
export function compareWithText(value: unknown, text: string, attribute: string): number {
  if (typeof value === 'number') {
    const number = text.trim() === '' ? NaN : Number(text);
    if (Number.isNaN(number)) throw badValue(attribute, text, 'a number');
    return sign(value - number);
  }
  if (typeof value === 'boolean') {
    const lower = text.trim().toLowerCase();
    if (!['0', '1', 'true', 'false'].includes(lower)) throw badValue(attribute, text, 'a boolean (0, 1, true or false)');
    return sign(Number(value) - Number(lower === '1' || lower === 'true'));
  }
  const instant = storedInstant(value);
  if (instant !== null) {
    const other = parseInstant(text);
    if (other === null) throw badValue(attribute, text, 'a date');
    return sign(instant - other);
  }
  const guid = BRACED_GUID.exec(text.trim());
  return compareText(textOf(value), guid ? guid[1] : text);
}

function badValue(attribute: string, text: string, expected: string): Error {
  return fetchError(FETCH_ERRORS.invalidValue, `The value '${text}' of the condition on attribute '${attribute}' is not ${expected}.`);
}
