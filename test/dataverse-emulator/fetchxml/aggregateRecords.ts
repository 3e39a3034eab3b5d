import type { AttributeNode, DateGrouping, FetchQuery } from './FetchQuery';
import { orderValues, storedInstant } from './compareValues';
import type { JoinedRecord } from './joinRows';
import { joinedEntities } from './projectRows';

type Data = Record<string, unknown>;

interface Column {
  owner: string;
  attribute: AttributeNode;
}

const DAY = 86_400_000;

/**
 * The part of a date a `dategrouping` keeps, in UTC (the emulated user's zone). Like SQL Server's DATEPART,
 * `month` alone groups every January together; `week` is the week of the year, weeks starting on Sunday and
 * week 1 holding 1 January.
 */
function datePart(value: unknown, grouping: DateGrouping): number | null {
  const instant = storedInstant(value);
  if (instant === null) return null;
  const date = new Date(instant);
  const year = date.getUTCFullYear();
  switch (grouping) {
    case 'day':
      return date.getUTCDate();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'quarter':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'year':
      return year;
    case 'week': {
      const january1 = Date.UTC(year, 0, 1);
      const dayOfYear = Math.floor((instant - january1) / DAY);
      return Math.floor((dayOfYear + new Date(january1).getUTCDay()) / 7) + 1;
    }
  }
}

function groupValue(column: Column, record: JoinedRecord): unknown {
  const value = record.rows.get(column.owner)?.[column.attribute.column] ?? null;
  const grouping = column.attribute.dateGrouping;
  return grouping === undefined ? value : datePart(value, grouping);
}

/** Text groups case-insensitively, as SQL Server's default collation does. */
function groupKey(values: readonly unknown[]): string {
  return JSON.stringify(values.map((value) => (typeof value === 'string' ? value.toLowerCase() : value)));
}

function aggregate(column: Column, records: readonly JoinedRecord[]): unknown {
  const { attribute } = column;
  if (attribute.aggregate === 'count') return records.length;
  let values = records.map((record) => record.rows.get(column.owner)?.[attribute.column] ?? null).filter((value) => value !== null);
  if (attribute.distinct) {
    const seen = new Set<string>();
    values = values.filter((value) => {
      const key = groupKey([value]);
      return !seen.has(key) && Boolean(seen.add(key));
    });
  }
  if (attribute.aggregate === 'countcolumn') return values.length;
  if (values.length === 0) return null;
  if (attribute.aggregate === 'min' || attribute.aggregate === 'max') {
    const sorted = [...values].sort(orderValues);
    return attribute.aggregate === 'min' ? sorted[0] : sorted[sorted.length - 1];
  }
  const numbers = values.map(Number);
  const sum = numbers.reduce((total, number) => total + number, 0);
  return attribute.aggregate === 'sum' ? sum : sum / numbers.length;
}

/**
 * `aggregate="true"`: one row per distinct combination of the groupby columns (one row in all without any),
 * each aggregate keyed by its alias, nulls left out. Ordered by the `order alias` elements, then by the groupby
 * values so the answer is stable (SQL leaves it unspecified).
 */
export function aggregateRecords(query: FetchQuery, records: readonly JoinedRecord[]): Data[] {
  const columns: Column[] = joinedEntities(query.entity).flatMap((entity) => entity.attributes.map((attribute) => ({ owner: entity.alias, attribute })));
  const groupBy = columns.filter((column) => column.attribute.groupBy);
  const groups = new Map<string, { values: unknown[]; records: JoinedRecord[] }>();
  if (groupBy.length === 0) groups.set('', { values: [], records: [...records] });
  for (const record of groupBy.length === 0 ? [] : records) {
    const values = groupBy.map((column) => groupValue(column, record));
    const key = groupKey(values);
    const group = groups.get(key);
    if (group) group.records.push(record);
    else groups.set(key, { values, records: [record] });
  }
  const rows = [...groups.values()].map((group) => {
    const row: Data = {};
    for (const column of columns) {
      const index = groupBy.indexOf(column);
      const value = index >= 0 ? group.values[index] : aggregate(column, group.records);
      if (value !== null && value !== undefined) row[column.attribute.alias ?? column.attribute.name] = value;
    }
    return row;
  });
  const orders = joinedEntities(query.entity).flatMap((entity) => entity.orders);
  const keys = [
    ...orders.map((order) => ({ alias: order.alias ?? aliasOfColumn(groupBy, order.column), descending: order.descending })),
    ...groupBy.map((column) => ({ alias: column.attribute.alias, descending: false })),
  ];
  return rows.sort((a, b) => {
    for (const key of keys) {
      if (key.alias === undefined) continue;
      const order = orderValues(a[key.alias], b[key.alias]);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/** An `order attribute="…"` in an aggregate query sorts by the groupby column of that name, if there is one. */
function aliasOfColumn(groupBy: readonly Column[], column: string | undefined): string | undefined {
  return groupBy.find((candidate) => candidate.attribute.column === column)?.attribute.alias;
}
