import type { RelativeDateOperator } from './relativeDates';
import type { LinkNode } from './QueryTree';

/**
 * The filter tree of the one query model: OData `$filter` (`parseFilter`) and FetchXML `filter`/`condition`
 * (`parseFetchXml`) both compile to it, and `evaluateFilter` runs it. Columns of joined tables are named
 * `alias.column`.
 */

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'contains' | 'startswith' | 'endswith';

/**
 * A literal keeps its OData type because Dataverse compares by type: GUIDs case-insensitively, dates as
 * instants, strings case-insensitively.
 */
export type LiteralNode =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'number'; value: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  | { kind: 'literal'; type: 'guid'; value: string }
  /** `value` is the literal as written; `instant` is its epoch milliseconds. */
  | { kind: 'literal'; type: 'datetime'; value: string; instant: number }
  /**
   * A FetchXML `value`: text with no type of its own, read as the type of the value it is compared with
   * (`"5"` is a number against a number column, a boolean `1` against a yes/no column, text otherwise).
   */
  | { kind: 'literal'; type: 'untyped'; value: string };

export interface ColumnNode {
  kind: 'column';
  name: string;
}

export type OperandNode = ColumnNode | LiteralNode;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; operator: ComparisonOperator; left: OperandNode; right: OperandNode }
  | { kind: 'function'; name: StringFunction; column: string; value: string }
  /** SQL `LIKE` with Dataverse wildcards over the whole value (FetchXML `like`); see `matchesLike`. */
  | { kind: 'like'; column: string; pattern: string }
  /** The column holds the signed-in user, one of their teams, or their business unit (FetchXML `eq-userid`…). */
  | { kind: 'identity'; operator: IdentityOperator; column: string }
  /** The column's instant lies in the range the operator names at evaluation time (`today`, `last-x-days`…). */
  | { kind: 'date'; operator: RelativeDateOperator; column: string; argument?: number }
  /**
   * A semi-join: some row of `link.name` whose `link.from` equals this row's `link.to` (and that passes the
   * link's filter) exists — FetchXML link-type `any`, `exists`, `in`; `not any` is `not` of it.
   */
  | { kind: 'exists'; link: LinkNode };

export type IdentityOperator = 'eq-userid' | 'ne-userid' | 'eq-userteams' | 'eq-useroruserteams' | 'eq-businessid' | 'ne-businessid';
export const IDENTITY_OPERATORS: readonly IdentityOperator[] = ['eq-userid', 'ne-userid', 'eq-userteams', 'eq-useroruserteams', 'eq-businessid', 'ne-businessid'];

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
export const STRING_FUNCTIONS: readonly StringFunction[] = ['contains', 'startswith', 'endswith'];

/** Every column a filter reads, so callers can validate them against a table's columns. */
export function filterColumns(node: FilterNode): string[] {
  const found = new Set<string>();
  const visit = (current: FilterNode): void => {
    switch (current.kind) {
      case 'and':
      case 'or':
        visit(current.left);
        visit(current.right);
        return;
      case 'not':
        visit(current.operand);
        return;
      case 'compare':
        for (const side of [current.left, current.right]) if (side.kind === 'column') found.add(side.name);
        return;
      case 'function':
      case 'like':
      case 'identity':
      case 'date':
        found.add(current.column);
        return;
      case 'exists':
        found.add(current.link.to);
    }
  };
  visit(node);
  return [...found];
}

/** The same tree with every column renamed by `rename` (FetchXML logical names to device columns, say). */
export function renameColumns(node: FilterNode, rename: (column: string) => string): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, left: renameColumns(node.left, rename), right: renameColumns(node.right, rename) };
    case 'not':
      return { ...node, operand: renameColumns(node.operand, rename) };
    case 'compare': {
      const side = (operand: OperandNode): OperandNode => (operand.kind === 'column' ? { kind: 'column', name: rename(operand.name) } : operand);
      return { ...node, left: side(node.left), right: side(node.right) };
    }
    case 'exists':
      return { ...node, link: { ...node.link, to: rename(node.link.to) } };
    default:
      return { ...node, column: rename(node.column) };
  }
}

/** Joins filters with `and` (or `or`) as a balanced tree, so a long `in` list does not nest thousands deep. */
export function combine(kind: 'and' | 'or', nodes: readonly FilterNode[]): FilterNode | undefined {
  if (nodes.length === 0) return undefined;
  if (nodes.length === 1) return nodes[0];
  const middle = Math.floor(nodes.length / 2);
  const left = combine(kind, nodes.slice(0, middle));
  const right = combine(kind, nodes.slice(middle));
  return left && right ? { kind, left, right } : (left ?? right);
}
