import { RejectedError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import type { Row } from '../../contracts/rows';

const BIND = /^([a-z_][a-z0-9_]*)@odata\.bind$/;
const BIND_TARGET = /\(([0-9a-fA-F-]{36})\)\s*$/;

/**
 * The basic validation `Xrm.WebApi.offline` does on the device (lower-case existing columns, simple types), and
 * the local form of lookups: `parentcustomerid_account@odata.bind: "/accounts(id)"` is kept on the device as
 * `_parentcustomerid_value: id` so local queries on the lookup work. Business rules run at sync, on the server.
 */
export function toLocalColumns(table: ProfileTable, data: Row): Row {
  const local: Row = {};
  for (const [key, value] of Object.entries(data)) {
    const bind = BIND.exec(key);
    if (bind) {
      local[lookupColumn(table, bind[1])] = bindTarget(table, key, value);
      continue;
    }
    if (!table.columns.includes(key)) {
      throw new RejectedError(`Column "${key}" is not available offline for table "${table.logicalName}".`);
    }
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new RejectedError(`Column "${key}" of table "${table.logicalName}" needs a string, number, boolean or null.`);
    }
    local[key] = value;
  }
  return local;
}

/** `parentcustomerid_account` → `_parentcustomerid_value` when that column is offline; else `_<nav>_value`. */
export function lookupColumn(table: ProfileTable, navigation: string): string {
  const parts = navigation.split('_');
  for (let cut = parts.length; cut > 0; cut--) {
    const candidate = `_${parts.slice(0, cut).join('_')}_value`;
    if (table.columns.includes(candidate)) return candidate;
  }
  throw new RejectedError(`Lookup "${navigation}" is not available offline for table "${table.logicalName}".`);
}

function bindTarget(table: ProfileTable, key: string, value: unknown): string | null {
  if (value === null) return null;
  const match = typeof value === 'string' ? BIND_TARGET.exec(value) : null;
  if (!match) throw new RejectedError(`"${key}" of table "${table.logicalName}" must look like "/accounts(<guid>)".`);
  return match[1].toLowerCase();
}

export const FORMATTED_VALUE = '@OData.Community.Display.V1.FormattedValue';

/**
 * The row without the server's annotations of `columns` (`x@OData.Community.Display.V1.FormattedValue`…): once a
 * column changes on the device its formatted value is stale, and the UI formats the new value from metadata.
 */
export function withoutAnnotationsOf(row: Row, columns: Iterable<string>): Row {
  const changed = new Set(columns);
  const kept: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const at = key.indexOf('@');
    if (at > 0 && changed.has(key.slice(0, at))) continue;
    kept[key] = value;
  }
  return kept;
}
