import type { TableMeta } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import { ConfigError, MalformedResponseError } from '../../contracts/errors';

/** Metadata describes the table it is saved with; anything else is a caller bug worth failing loudly on. */
export function checkMeta(table: string, meta: TableMeta): void {
  if (meta.table !== table) throw new ConfigError(`Metadata of ${meta.table} passed for table ${table}.`);
}

/** Checks every id before anything is written; a later duplicate of an id wins, as it would applied in order. */
export function keyById(table: string, primaryId: string, rows: Row[]): Map<string, Row> {
  const byId = new Map<string, Row>();
  for (const row of rows) {
    const id = row[primaryId];
    if (typeof id !== 'string') throw new MalformedResponseError(`A ${table} row has no ${primaryId}.`);
    byId.set(id, row);
  }
  return byId;
}
