import type { ComparisonOperator, FilterNode, LiteralNode, OperandNode } from './FilterNode';
import { compareValues, foldCase, sign, toInstant } from './compareValues';

/**
 * Decides whether a row matches a parsed `$filter`, as Dataverse would: GUIDs and text compare
 * case-insensitively, dates compare as instants, and a missing column reads as null. Like SQL, an ordering
 * comparison (`gt`, `lt`…) involving null is false; only `eq null` / `ne null` test for it.
 */
export function evaluateFilter(node: FilterNode, row: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, row) && evaluateFilter(node.right, row);
    case 'or':
      return evaluateFilter(node.left, row) || evaluateFilter(node.right, row);
    case 'not':
      return !evaluateFilter(node.operand, row);
    case 'function':
      return evaluateFunction(node.name, row[node.column], node.value);
    case 'compare':
      return evaluateComparison(node.operator, operandValue(node.left, row), operandValue(node.right, row));
  }
}

type Resolved = { literal: LiteralNode } | { value: unknown };

function operandValue(operand: OperandNode, row: Record<string, unknown>): Resolved {
  return operand.kind === 'column' ? { value: row[operand.name] } : { literal: operand };
}

function evaluateFunction(name: 'contains' | 'startswith' | 'endswith', value: unknown, search: string): boolean {
  if (typeof value !== 'string') return false;
  const text = foldCase(value);
  const needle = foldCase(search);
  if (name === 'contains') return text.includes(needle);
  return name === 'startswith' ? text.startsWith(needle) : text.endsWith(needle);
}

function isNullish(resolved: Resolved): boolean {
  const value = 'literal' in resolved ? resolved.literal.value : resolved.value;
  return value === null || value === undefined;
}

function evaluateComparison(operator: ComparisonOperator, left: Resolved, right: Resolved): boolean {
  if (isNullish(left) || isNullish(right)) {
    const bothNull = isNullish(left) && isNullish(right);
    if (operator === 'eq') return bothNull;
    if (operator === 'ne') return !bothNull;
    return false;
  }
  const order = compareResolved(left, right);
  if (order === null) return operator === 'ne';
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/** Compares with the literal's type deciding the semantics; null means the values cannot be compared. */
function compareResolved(left: Resolved, right: Resolved): number | null {
  if ('literal' in right) return compareToLiteral(valueOf(left), right.literal);
  if ('literal' in left) {
    const reversed = compareToLiteral(right.value, left.literal);
    return reversed === null ? null : -reversed;
  }
  return compareValues(left.value, right.value);
}

function valueOf(resolved: Resolved): unknown {
  return 'literal' in resolved ? resolved.literal.value : resolved.value;
}

function compareToLiteral(value: unknown, literal: LiteralNode): number | null {
  switch (literal.type) {
    case 'datetime': {
      const instant = toInstant(value);
      return instant === null ? null : sign(instant - literal.instant);
    }
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isNaN(number) ? null : sign(number - literal.value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? sign(Number(value) - Number(literal.value)) : null;
    case 'guid':
    case 'string':
      return compareValues(typeof value === 'string' ? value : JSON.stringify(value), literal.value);
    case 'null':
      return null;
  }
}
