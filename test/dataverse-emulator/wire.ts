import { applySelect } from '../../SyncEngine/core/odata';
import type { HandlerContext } from './context';
import { ERROR_CODES, GUID_PATTERN, badRequest } from './http';
import { etagOf, type StoredRow, type TableState } from './store';

type Data = Record<string, unknown>;

/** A row as the Web API returns it: etag first, then the (selected) columns; the primary key always. */
export function wireRow(state: TableState, row: StoredRow, select?: readonly string[]): Data {
  return applySelect({ '@odata.etag': etagOf(row.version), ...row.data }, select, [state.table.primaryId]);
}

const serialized = new WeakMap<StoredRow, Map<string, string>>();

/**
 * `wireRow` as JSON text, cached per stored row version and `$select`: large downloads serve the same rows page
 * after page and run after run, and serialising them was most of the emulator's time (benchmarks measure the
 * client, not this server).
 */
export function wireRowJson(state: TableState, row: StoredRow, select?: readonly string[]): string {
  const key = select?.join(',') ?? '*';
  let forRow = serialized.get(row);
  if (!forRow) serialized.set(row, (forRow = new Map()));
  let json = forRow.get(key);
  if (json === undefined) {
    json = JSON.stringify(wireRow(state, row, select));
    forRow.set(key, json);
  }
  return json;
}

export function entityUrl(context: HandlerContext, state: TableState, id: string): string {
  return `${context.baseUrl}${state.table.entitySet}(${id})`;
}

export function contextUrl(context: HandlerContext, state: TableState, select: readonly string[] | undefined, suffix = ''): string {
  const projection = select && select.length > 0 ? `(${select.join(',')})` : '';
  return `${context.baseUrl}$metadata#${state.table.entitySet}${projection}${suffix}`;
}

export function validateColumns(state: TableState, columns: readonly string[]): void {
  for (const column of columns) {
    if (!state.table.columns.includes(column)) {
      throw badRequest(`Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${state.table.logicalName}'.`);
    }
  }
}

/** The lookup column an `@odata.bind` navigation property writes: `parentcustomerid_account` → `_parentcustomerid_value`. */
function lookupColumn(state: TableState, navigation: string): string {
  const parts = navigation.split('_');
  for (let length = parts.length; length > 0; length -= 1) {
    const candidate = `_${parts.slice(0, length).join('_')}_value`;
    if (state.table.columns.includes(candidate)) return candidate;
  }
  throw badRequest(`An undeclared property '${navigation}' which only has property annotations in the payload was found.`);
}

function boundId(value: unknown): string | null {
  if (value === null) return null;
  const match = typeof value === 'string' ? /\(([0-9a-fA-F-]{36})\)\s*$/.exec(value) : null;
  if (!match) throw badRequest(`The @odata.bind value ${JSON.stringify(value)} is not an entity reference.`, ERROR_CODES.badPayload);
  return match[1].toLowerCase();
}

/**
 * Turns a create/update body into column values: `x@odata.bind` references become `_x_value` lookups,
 * annotations and the etag are dropped, unknown columns are rejected the way Dataverse rejects them.
 * Lookup values are also accepted in `_x_value` form, which real Dataverse refuses but tests find handy.
 */
export function bodyToData(state: TableState, body: Data): Data {
  const data: Data = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.endsWith('@odata.bind')) {
      data[lookupColumn(state, key.slice(0, -'@odata.bind'.length))] = boundId(value);
      continue;
    }
    if (key.includes('@')) continue;
    validateColumns(state, [key]);
    data[key] = typeof value === 'string' && key.startsWith('_') && GUID_PATTERN.test(value) ? value.toLowerCase() : value;
  }
  return data;
}
