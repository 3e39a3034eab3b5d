import type { EmulatorStore } from '../store';
import type { FetchQuery, OrderNode } from './FetchQuery';
import { aggregateRecords } from './aggregateRecords';
import { orderValues } from './compareValues';
import { FETCH_ERRORS, fetchError } from './errors';
import type { FetchEnvironment } from './evaluateCondition';
import { type JoinedRecord, RowJoiner } from './joinRows';
import { attributeByAlias, joinedEntities, projectRecord } from './projectRows';

type Data = Record<string, unknown>;

/** Dataverse refuses aggregates over more rows than this (AggregateQueryRecordLimitExceeded). */
export const AGGREGATE_RECORD_LIMIT = 50_000;

/** Every row of a query's answer in order, before paging; `ids` (plain queries) the queried row of each. */
export interface FetchResult {
  rows: Data[];
  ids?: string[];
}

interface SortKey {
  owner: string;
  column: string;
  descending: boolean;
}

/**
 * The sort a plain query gets: the queried entity's orders, then each link-entity's, then primary keys (the
 * queried table's first), so equal rows keep a stable order from page to page, as Dataverse's paging needs.
 */
function sortKeys(query: FetchQuery): SortKey[] {
  const entities = joinedEntities(query.entity);
  const keys: SortKey[] = [];
  const add = (order: OrderNode): void => {
    if (order.owner !== undefined && order.column !== undefined) {
      keys.push({ owner: order.owner, column: order.column, descending: order.descending });
      return;
    }
    const found = attributeByAlias(query.entity, order.alias ?? '');
    if (!found) throw fetchError(FETCH_ERRORS.aliasDoesNotExist, `The order alias '${order.alias ?? ''}' matches no attribute alias in the query.`);
    keys.push({ owner: found.owner, column: found.attribute.column, descending: order.descending });
  };
  for (const entity of entities) entity.orders.forEach(add);
  for (const entity of entities) keys.push({ owner: entity.alias, column: entity.table.primaryId, descending: false });
  return keys;
}

function sortRecords(records: JoinedRecord[], keys: readonly SortKey[]): void {
  records.sort((a, b) => {
    for (const key of keys) {
      const order = orderValues(a.rows.get(key.owner)?.[key.column], b.rows.get(key.owner)?.[key.column]);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/** Runs a parsed query over the store: joins, filters, order, then projection (or grouping), `distinct` last. */
export function runFetch(query: FetchQuery, store: EmulatorStore, env: FetchEnvironment): FetchResult {
  const records = new RowJoiner(store, env).records(query);
  if (query.aggregate) {
    if (records.length > AGGREGATE_RECORD_LIMIT) {
      throw fetchError(FETCH_ERRORS.aggregateRecordLimit, `AggregateQueryRecordLimit exceeded: the aggregate covers ${records.length} rows, more than ${AGGREGATE_RECORD_LIMIT}.`);
    }
    return { rows: aggregateRecords(query, records) };
  }
  sortRecords(records, sortKeys(query));
  const rows: Data[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const row = projectRecord(query, record);
    if (query.distinct) {
      const identity = JSON.stringify(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? value.toLowerCase() : value]));
      if (seen.has(identity)) continue;
      seen.add(identity);
    }
    rows.push(row);
    ids.push(record.root.id);
  }
  return { rows, ids };
}
