import { QueryError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore, RowQuery } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import { compareValues, equalityHint, evaluateFilter, filterColumns, type EvaluationContext, type FilterNode, type LinkNode, type QueryTree } from '../odata';
import { Binder, flatten, type BoundJoin } from './queryBinder';
import { columnTest, conjuncts, indexedColumnsOf, joinKey, keyTest, type ColumnTest } from './queryPlan';
import { aggregateResults, projectRows } from './shapeRows';

export interface QueryRunnerDeps {
  store: RecordStore;
  /** The tables on the device; a join to any other table is refused. */
  tables: ReadonlyMap<string, ProfileTable>;
  /** The clock and identity relative-date and user operators read. */
  context: Omit<EvaluationContext, 'exists'>;
}

/**
 * Runs a query tree over the offline database, as Dataverse would answer it: inner and outer joins across device
 * tables (joined columns keyed `alias.column`, lookups named by their logical name there and `_x_value` on the
 * queried table), semi-joins, the filter, order, `distinct`, aggregates and `page`/`count`/`top` paging.
 * Without an order, rows come in primary-key order (joined rows by the joined table's key). Null columns are
 * left out. Column names are bound to the device's columns: `parentcustomerid` reads `_parentcustomerid_value`.
 * @throws QueryError for an entity that is not `table`, a join to a table that is not on the device, or a
 *   column the device does not keep. Reads only.
 */
export async function runQuery(tree: QueryTree, table: ProfileTable, deps: QueryRunnerDeps, maxPageSize?: number): Promise<Row[]> {
  if (tree.entity.name !== table.logicalName) {
    throw new QueryError(`The FetchXML entity "${tree.entity.name}" does not match the table "${table.logicalName}" it was run on.`);
  }
  const binder = new Binder(deps.tables);
  const joins = tree.entity.links.map((link) => binder.join(link, table, ''));
  const rootColumn = (name: string): string => binder.rootColumn(name, table, joins);
  const filter = tree.entity.filter ? binder.filter(tree.entity.filter, rootColumn) : undefined;

  const semiKeys = new Map<LinkNode, Set<string>>();
  const context: EvaluationContext = {
    ...deps.context,
    exists: (link, row) => {
      const key = joinKey(row[link.to]);
      return key !== undefined && (semiKeys.get(link)?.has(key) ?? false);
    },
  };
  const matches = (node: FilterNode | undefined) => (node ? (row: Row) => evaluateFilter(node, row, context) : undefined);
  const narrow = (node: FilterNode | undefined, on: ProfileTable): ColumnTest | undefined => columnTest(node, indexedColumnsOf(on), context);
  for (const semi of binder.semiJoins) {
    const rows = await deps.store.queryRows(semi.table.logicalName, { indexed: narrow(semi.link.filter, semi.table), where: matches(semi.link.filter) });
    semiKeys.set(semi.link, new Set(rows.map((row) => joinKey(row[semi.link.from])).filter((key): key is string => key !== undefined)));
  }
  const indexes = new Map<BoundJoin, Map<string, Row[]>>();
  for (const join of flatten(joins)) {
    indexes.set(join, await loadJoin(join, deps.store, { indexed: narrow(join.filter, join.table), where: matches(join.filter) }));
  }

  const rootRows = await readRoot({ table, filter, joins, indexes, semiKeys, context, store: deps.store });
  let rows = byPrimaryKey(rootRows, table).flatMap((row) => expand(row, joins, indexes));
  if (filter && !onRoot(filter)) rows = rows.filter((row) => evaluateFilter(filter, row, context));

  const results = tree.aggregate ? aggregateResults(tree, table, joins, rows, binder) : projectRows(tree, table, joins, rows, binder);
  return page(tree, results, maxPageSize);
}

async function loadJoin(join: BoundJoin, store: RecordStore, query: RowQuery): Promise<Map<string, Row[]>> {
  const rows = byPrimaryKey(await store.queryRows(join.table.logicalName, query), join.table);
  const index = new Map<string, Row[]>();
  for (const row of rows) {
    const key = joinKey(row[join.from]);
    if (key === undefined) continue;
    const bucket = index.get(key);
    if (bucket) bucket.push(row);
    else index.set(key, [row]);
  }
  return index;
}

/** Whether a filter reads only the queried table's own columns (none of a join's `alias.column`). */
function onRoot(filter: FilterNode): boolean {
  return filterColumns(filter).every((column) => !column.includes('.'));
}

/** Above this many keys, reading a table's rows by a join's keys is no cheaper than by its own filter. */
const MAX_DRIVING_KEYS = 5000;

interface RootRead {
  table: ProfileTable;
  filter?: FilterNode;
  joins: readonly BoundJoin[];
  indexes: ReadonlyMap<BoundJoin, Map<string, Row[]>>;
  semiKeys: ReadonlyMap<LinkNode, Set<string>>;
  context: EvaluationContext;
  store: RecordStore;
}

/**
 * The queried table's candidate rows, read as narrowly as the store allows. An inner join or a semi-join of the
 * filter already knows which key values can match (its rows are loaded first), so when the joining column is
 * indexed the store reads only the rows holding those keys: 140 contacts of 100 accounts, not the 27,000 the
 * contact filter alone lets through. Otherwise an `eq` hint or a test on an indexed column narrows. Rows an inner
 * join cannot match are dropped before they are copied. Every row returned still passes the filter when the
 * filter reads only this table.
 */
async function readRoot(read: RootRead): Promise<Row[]> {
  const { table, filter, context } = read;
  const inner = read.joins.filter((join) => !join.outer && !join.to.includes('.'));
  const drivers: { test: ColumnTest; size: number }[] = [];
  const indexed = indexedColumnsOf(table);
  for (const join of inner) {
    const keys = new Set(read.indexes.get(join)?.keys() ?? []);
    if (keys.size === 0) return [];
    if (indexed.includes(join.to)) drivers.push({ test: keyTest(join.to, keys), size: keys.size });
  }
  for (const part of filter ? conjuncts(filter) : []) {
    if (part.kind !== 'exists' || !indexed.includes(part.link.to)) continue;
    const keys = read.semiKeys.get(part.link) ?? new Set<string>();
    if (keys.size === 0) return [];
    drivers.push({ test: keyTest(part.link.to, keys), size: keys.size });
  }
  const driver = drivers.filter((candidate) => candidate.size <= MAX_DRIVING_KEYS).sort((a, b) => a.size - b.size).at(0)?.test;
  const ownFilter = filter && onRoot(filter) ? filter : undefined;
  const hint = ownFilter && !driver ? equalityHint(ownFilter) : null;
  const joined = (row: Row): boolean => inner.every((join) => read.indexes.get(join)?.has(joinKey(row[join.to]) ?? '') ?? false);
  return read.store.queryRows(table.logicalName, {
    equals: hint ?? undefined,
    indexed: driver ?? (hint ? undefined : columnTest(ownFilter, indexed, context)),
    where: (row) => joined(row) && (ownFilter === undefined || evaluateFilter(ownFilter, row, context)),
  });
}

function byPrimaryKey(rows: readonly Row[], table: ProfileTable): Row[] {
  return [...rows].sort((a, b) => compareValues(a[table.primaryId], b[table.primaryId]));
}

/** The joined rows one row makes: one per combination of matching joined rows; an outer join keeps it alone. */
function expand(row: Row, joins: readonly BoundJoin[], indexes: ReadonlyMap<BoundJoin, Map<string, Row[]>>): Row[] {
  let current: Row[] = [row];
  for (const join of joins) {
    const next: Row[] = [];
    for (const partial of current) {
      const key = joinKey(partial[join.to]);
      const found = key === undefined ? undefined : indexes.get(join)?.get(key);
      if (!found || found.length === 0) {
        if (join.outer) next.push(partial);
        continue;
      }
      for (const match of found) {
        const merged: Row = { ...partial };
        for (const [column, value] of Object.entries(match)) merged[join.prefix + column] = value;
        next.push(...expand(merged, join.joins, indexes));
      }
    }
    current = next;
  }
  return current;
}

function page(tree: QueryTree, rows: Row[], maxPageSize: number | undefined): Row[] {
  let result = rows;
  if (tree.page !== undefined || tree.count !== undefined) {
    const size = tree.count ?? 5000;
    const number = tree.page ?? 1;
    result = result.slice((number - 1) * size, number * size);
  }
  if (tree.top !== undefined) result = result.slice(0, tree.top);
  if (maxPageSize !== undefined) result = result.slice(0, maxPageSize);
  return result;
}
