/**
 * Columns as the user knows them: the display name in their language and the value as Dataverse would show it.
 * The row's own formatted value wins when it carries one (`@OData.Community.Display.V1.FormattedValue`: the
 * server's, dropped from a column once it changes on the device, or the related row's name the engine gives a
 * lookup written on the device); otherwise the cached display metadata says how: a choice's label, a lookup's name
 * when the other version names the same row, money in the other version's currency, dates and numbers in the
 * user's locale. With no metadata the logical name and the raw value show, as before.
 */
import type { Row, TableDisplay } from '../../SyncEngine/contracts';
import { dateTimeFormat, numberFormat } from '../shared/intlCache';

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
  return Number.isNaN(time) ? undefined : dateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(time);
}

/** The row's currency: a money column's formatted value is in it. */
const CURRENCY = '_transactioncurrencyid_value';
/** Decimals currencies are written with, most common first (dollars and euros, then yen, dinars). */
const CURRENCY_DECIMALS = [2, 0, 3, 1, 4];

const amountText = (amount: number, locale: string, decimals: number): string =>
  numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(amount);

/**
 * A money value changed on the device, with the currency as Dataverse writes it. The device cannot know a
 * currency's symbol offline, but the other version of the same row often can: when it is in the same currency
 * (`_transactioncurrencyid_value`) and carries the server's formatted value of this column ("25.000,00 $"), its
 * amount is swapped for this one, keeping the symbol, its place and the decimals. Otherwise the amount alone.
 */
function money(value: number, column: string, row: Row, other: Row | undefined, locale: string): string {
  const shown = other?.[`${column}${FORMATTED_VALUE}`];
  const amount = other?.[column];
  const sameCurrency = other !== undefined && (other[CURRENCY] ?? null) === (row[CURRENCY] ?? null);
  if (sameCurrency && typeof shown === 'string' && typeof amount === 'number' && amount >= 0) {
    for (const decimals of CURRENCY_DECIMALS) {
      const written = amountText(amount, locale, decimals);
      const at = shown.indexOf(written);
      const end = at + written.length;
      // The whole amount, not part of a longer one ("25.000" inside "25.000,000 KWD"): no digit is left around it.
      if (at < 0 || /\d/.test(shown.slice(0, at)) || /\d/.test(shown.slice(end))) continue;
      return `${value < 0 ? '-' : ''}${shown.slice(0, at)}${amountText(Math.abs(value), locale, decimals)}${shown.slice(end)}`;
    }
  }
  return amountText(value, locale, 2);
}

function fromMetadata(value: unknown, column: string, row: Row, other: Row | undefined, table: TableDisplay | undefined, locale: string): string | undefined {
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
      return typeof value === 'number' ? money(value, column, row, other, locale) : undefined;
    case 'number':
      return typeof value === 'number' ? numberFormat(locale, {}).format(value) : undefined;
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
  const known = fromMetadata(value, column, row, other, table, locale);
  if (known !== undefined) return known;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Anything else the Web API can return (lookups expanded as objects, arrays) is JSON.
  return JSON.stringify(value);
}
