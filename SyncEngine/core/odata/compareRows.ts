import type { OrderByItem } from './parseQueryOptions';
import { compareValues } from './compareValues';

/**
 * A comparator for `Array.prototype.sort` that orders rows by `$orderby` items with Dataverse semantics
 * (nulls first ascending, text case-insensitive, dates as instants). Ties keep their input order because
 * the sort is stable; callers wanting a total order append the primary key.
 */
export function compareRows(
  orderBy: readonly OrderByItem[],
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const { column, descending } of orderBy) {
      const order = compareValues(a[column], b[column]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
}
