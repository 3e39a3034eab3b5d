import type { ProfileTable } from '../../contracts/profile';
import { evaluateFilter, filterColumns, type EvaluationContext, type FilterNode } from '../odata';

/**
 * The columns a table keeps secondary indexes for (lookups, `statecode`, `modifiedon`): the store's schema is
 * built from this, and the query planner asks the store only about these.
 */
export function indexedColumnsOf(table: Pick<ProfileTable, 'columns'>): string[] {
  return table.columns.filter((column) => column === 'statecode' || column === 'modifiedon' || /^_.+_value$/.test(column));
}

/** A test of one column's value, which the store answers from its index without reading the other rows. */
export interface ColumnTest {
  column: string;
  matches(value: unknown): boolean;
}

/** Join values compare as Dataverse compares keys: GUIDs and text case-insensitively; null joins nothing. */
export function joinKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
}

/** The column's value is one of `keys` (join keys), as a store test. */
export function keyTest(column: string, keys: ReadonlySet<string>): ColumnTest {
  return {
    column,
    matches: (value) => {
      const key = joinKey(value);
      return key !== undefined && keys.has(key);
    },
  };
}

/** The parts of a filter that must all hold: its `and` chain. */
export function conjuncts(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/**
 * A test on one indexed column that every row matching `filter` passes: the conjuncts of the filter that read
 * only that column (a `modifiedon` range, a lookup `eq`), for the store to narrow candidates by. Lookups and
 * dates are preferred to `statecode`, whose few values rarely narrow much. Semi-joins are left to the filter.
 */
export function columnTest(filter: FilterNode | undefined, indexed: readonly string[], context: EvaluationContext): ColumnTest | undefined {
  if (!filter) return undefined;
  const byColumn = new Map<string, FilterNode[]>();
  for (const part of conjuncts(filter)) {
    const columns = filterColumns(part);
    if (columns.length !== 1 || !indexed.includes(columns[0]) || mentionsExists(part)) continue;
    byColumn.set(columns[0], [...(byColumn.get(columns[0]) ?? []), part]);
  }
  const chosen = [...byColumn.keys()].sort((a, b) => rank(a) - rank(b))[0] as string | undefined;
  if (chosen === undefined) return undefined;
  const parts = byColumn.get(chosen) ?? [];
  return { column: chosen, matches: (value) => parts.every((part) => evaluateFilter(part, { [chosen]: value }, context)) };
}

function rank(column: string): number {
  return column === 'statecode' ? 1 : 0;
}

function mentionsExists(node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return mentionsExists(node.left) || mentionsExists(node.right);
    case 'not':
      return mentionsExists(node.operand);
    default:
      return node.kind === 'exists';
  }
}
