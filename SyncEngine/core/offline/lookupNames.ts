import type { ProfileRelationship, ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import { FORMATTED_VALUE, lookupColumn } from './localColumns';

export const LOOKUP_LOGICAL_NAME = '@Microsoft.Dynamics.CRM.lookuplogicalname';

const BIND = /^[a-z_][a-z0-9_]*@odata\.bind$/;
/** `/accounts(<guid>)`, or the same at the end of a full Web API address. */
const BIND_ENTITY_SET = /([A-Za-z_][A-Za-z0-9_]*)\(\s*[0-9a-fA-F-]{36}\s*\)\s*$/;

export interface LookupNameDeps {
  store: RecordStore;
  tables: ReadonlyMap<string, ProfileTable>;
  relationships: readonly ProfileRelationship[];
}

/**
 * The tables a written lookup may point at. `x@odata.bind: "/accounts(id)"` names its table by entity set; a bare
 * `_x_value: id` names none, so the profile's relationships of that lookup say (several for a customer lookup).
 */
function targetsOf(deps: LookupNameDeps, table: ProfileTable, key: string, value: unknown): string[] {
  if (BIND.test(key)) {
    const set = typeof value === 'string' ? BIND_ENTITY_SET.exec(value)?.[1] : undefined;
    return [...deps.tables.values()].filter((t) => t.entitySet === set).map((t) => t.logicalName);
  }
  return deps.relationships.filter((r) => r.from === table.logicalName && r.lookup === key).map((r) => r.to);
}

/** The local lookup column a written key sets (`toLocalColumns` already checked it is offline), if it is a lookup. */
function lookupColumnOf(table: ProfileTable, key: string): string | undefined {
  if (BIND.test(key)) return lookupColumn(table, key.slice(0, -'@odata.bind'.length));
  return /^_.+_value$/.test(key) ? key : undefined;
}

/**
 * The annotations Dataverse would give the lookups a write sets, from the offline copy: the related row's primary
 * name as `<column>@OData.Community.Display.V1.FormattedValue` and its table as `…@Microsoft.Dynamics.CRM.lookuplogicalname`,
 * so a lookup changed on the device reads as a name, not a GUID. A related row that is not on the device (or a
 * table outside the profile) gets nothing: the UI then shows what it can. These stay on the device row; uploads
 * send the app's own `data`, never the stored row.
 */
export async function lookupAnnotations(deps: LookupNameDeps, table: ProfileTable, data: Row, local: Row): Promise<Row> {
  const annotations: Row = {};
  for (const [key, value] of Object.entries(data)) {
    const column = lookupColumnOf(table, key);
    const id = column === undefined ? undefined : local[column];
    if (column === undefined || typeof id !== 'string') continue;
    for (const target of targetsOf(deps, table, key, value)) {
      const nameColumn = deps.tables.get(target)?.primaryName;
      const name = nameColumn ? (await deps.store.getRow(target, id.toLowerCase()))?.[nameColumn] : undefined;
      if (typeof name !== 'string') continue;
      annotations[`${column}${FORMATTED_VALUE}`] = name;
      annotations[`${column}${LOOKUP_LOGICAL_NAME}`] = target;
      break;
    }
  }
  return annotations;
}
