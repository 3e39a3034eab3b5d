/**
 * Columns as the user knows them: the display name in their language and the value as Dataverse would show it.
 * The server's own formatted value wins when the row carries one (`@OData.Community.Display.V1.FormattedValue`,
 * dropped from a column once it changes on the device); otherwise the cached display metadata says how: a choice's
 * label, a lookup's name when the other version names the same row, dates and numbers in the user's locale. With
 * no metadata the logical name and the raw value show, as before.
 */
import type { Row, TableDisplay } from '../../SyncEngine/contracts';

export const FORMATTED_VALUE = '@OData.Community.Display.V1.FormattedValue';

/**
 * System columns that differ between the two versions only because the row synced or was saved again: they carry
 * nothing the user changed, so the conflict comparison leaves them out.
 */
export const SYNC_COLUMNS: ReadonlySet<string> = new Set([
  'modifiedon', 'versionnumber', '_modifiedby_value', '_modifiedonbehalfby_value', 'timezoneruleversionnumber',
  'utcconversiontimezonecode', 'importsequencenumber', 'overriddencreatedon',
]);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function columnLabel(column: string, table: TableDisplay | undefined): string {
  return table?.columns[column]?.displayName ?? column;
}

function dateTime(value: unknown, locale: string): string | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  // The browser's time zone is the device's: where the user is.
  return Number.isNaN(time) ? undefined : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(time);
}

function fromMetadata(value: unknown, column: string, other: Row | undefined, table: TableDisplay | undefined, locale: string): string | undefined {
  const meta = table?.columns[column];
  switch (meta?.kind) {
    case 'choice':
    case 'boolean':
      return meta.options?.[String(value)];
    case 'lookup': {
      // The same row on the other side is named there; a row picked on the device has no name here.
      const named = other && other[column] === value ? other[`${column}${FORMATTED_VALUE}`] : undefined;
      return typeof named === 'string' ? named : undefined;
    }
    case 'dateTime':
      return dateTime(value, locale);
    case 'money':
      return typeof value === 'number' ? new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value) : undefined;
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : undefined;
    default:
      return typeof value === 'string' && ISO_DATE_TIME.test(value) ? dateTime(value, locale) : undefined;
  }
}

/**
 * The column's value of `row` for display, `null` when empty. `other` is the other version of the same row (a
 * lookup unchanged between them takes its name from there).
 */
export function formatColumnValue(row: Row, column: string, other: Row | undefined, table: TableDisplay | undefined, locale: string): string | null {
  const value = row[column];
  if (value === null || value === undefined || value === '') return null;
  const formatted = row[`${column}${FORMATTED_VALUE}`];
  if (typeof formatted === 'string' && formatted !== '') return formatted;
  const known = fromMetadata(value, column, other, table, locale);
  if (known !== undefined) return known;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Anything else the Web API can return (lookups expanded as objects, arrays) is JSON.
  return JSON.stringify(value);
}
