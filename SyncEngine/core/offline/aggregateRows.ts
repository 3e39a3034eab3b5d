import { QueryError } from '../../contracts/errors';
import type { Row } from '../../contracts/rows';
import { compareValues, foldCase, toInstant } from '../odata/compareValues';
import type { AttributeNode, DateGrouping } from '../odata';

/** An aggregate or group-by column of a query, bound to the key it reads in the joined rows. */
export interface BoundAggregate {
  attribute: AttributeNode;
  alias: string;
  source: string;
}

/**
 * FetchXML aggregation on the device: one result row per distinct combination of group-by values (all rows
 * form one group when there are none), keyed by the attributes' aliases. `count` counts rows, `countcolumn`
 * non-null values (distinct ones with `distinct`), `sum`/`avg` numbers, `min`/`max` any ordered values. Text
 * groups case-insensitively, as SQL Server does. Groups come out ordered by their group-by values; a null
 * aggregate (a `sum` over no values) is left out of its row, as Dataverse leaves out null columns.
 */
export function aggregateRows(rows: readonly Row[], columns: readonly BoundAggregate[]): Row[] {
  const groupColumns = columns.filter((column) => column.attribute.groupBy === true);
  const groups = new Map<string, { values: unknown[]; rows: Row[] }>();
  for (const row of rows) {
    const values = groupColumns.map((column) => groupValue(row[column.source], column.attribute.dateGrouping));
    const key = JSON.stringify(values.map((value) => (typeof value === 'string' ? foldCase(value) : value ?? null)));
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { values, rows: [row] });
  }
  if (groups.size === 0 && groupColumns.length === 0) groups.set('[]', { values: [], rows: [] });
  const ordered = [...groups.values()].sort((a, b) => {
    for (let index = 0; index < a.values.length; index += 1) {
      const order = compareValues(a.values[index], b.values[index]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return ordered.map((group) => {
    const result: Row = {};
    let groupIndex = 0;
    for (const column of columns) {
      const value = column.attribute.groupBy === true ? group.values[groupIndex++] : aggregate(column, group.rows);
      if (value !== null && value !== undefined) result[column.alias] = value;
    }
    return result;
  });
}

function aggregate(column: BoundAggregate, rows: readonly Row[]): unknown {
  const values = rows.map((row) => row[column.source]).filter((value) => value !== null && value !== undefined);
  switch (column.attribute.aggregate) {
    case 'count':
      return rows.length;
    case 'countcolumn':
      return column.attribute.distinct === true
        ? new Set(values.map((value) => (typeof value === 'string' ? foldCase(value) : value))).size
        : values.length;
    case 'sum':
    case 'avg': {
      const numbers = values.map((value) => numeric(value, column));
      if (numbers.length === 0) return null;
      const sum = numbers.reduce((total, value) => total + value, 0);
      return column.attribute.aggregate === 'sum' ? sum : sum / numbers.length;
    }
    case 'min':
    case 'max': {
      if (values.length === 0) return null;
      const sign = column.attribute.aggregate === 'min' ? -1 : 1;
      return values.reduce((best, value) => (compareValues(value, best) * sign > 0 ? value : best));
    }
    case undefined:
      throw new QueryError(`The attribute '${column.attribute.name}' of an aggregate query needs an aggregate or groupby.`);
  }
}

function numeric(value: unknown, column: BoundAggregate): number {
  if (typeof value === 'number') return value;
  throw new QueryError(`The ${String(column.attribute.aggregate)} of '${column.attribute.name}' needs a number column.`);
}

/** The date part a `dategrouping` groups by, in UTC: year, quarter 1–4, month 1–12, ISO week 1–53, day of month. */
function groupValue(value: unknown, grouping: DateGrouping | undefined): unknown {
  if (grouping === undefined) return value;
  const instant = toInstant(value);
  if (instant === null) return null;
  const date = new Date(instant);
  switch (grouping) {
    case 'year':
      return date.getUTCFullYear();
    case 'quarter':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'month':
      return date.getUTCMonth() + 1;
    case 'day':
      return date.getUTCDate();
    case 'week': {
      const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)));
      const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
      return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
    }
  }
}
