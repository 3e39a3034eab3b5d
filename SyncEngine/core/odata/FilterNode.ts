/** The syntax tree of an OData `$filter` expression, as produced by `parseFilter`. */

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
  | { kind: 'literal'; type: 'datetime'; value: string; instant: number };

export interface ColumnNode {
  kind: 'column';
  name: string;
}

export type OperandNode = ColumnNode | LiteralNode;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; operator: ComparisonOperator; left: OperandNode; right: OperandNode }
  | { kind: 'function'; name: StringFunction; column: string; value: string };

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
        found.add(current.column);
    }
  };
  visit(node);
  return [...found];
}
