import type { FilterNode, LiteralNode } from './FilterNode';

export interface EqualityHint {
  column: string;
  value: string | number | boolean | null;
}

/**
 * Finds a `column eq literal` conjunct that must hold for the whole filter to hold, so a secondary index can
 * narrow the candidate rows before `evaluateFilter` checks each one. Only `and` chains are searched: a
 * comparison under `or` or `not` does not constrain every match. GUIDs come back lower-cased and dates as
 * written, so the index must hold the same normalisation.
 */
export function equalityHint(node: FilterNode): EqualityHint | null {
  if (node.kind === 'and') return equalityHint(node.left) ?? equalityHint(node.right);
  if (node.kind !== 'compare' || node.operator !== 'eq') return null;
  const { left, right } = node;
  // An untyped (FetchXML) value only gets its type from the column, so an index cannot be asked for it.
  if (left.kind === 'column' && right.kind === 'literal' && right.type !== 'untyped') return { column: left.name, value: hintValue(right) };
  if (right.kind === 'column' && left.kind === 'literal' && left.type !== 'untyped') return { column: right.name, value: hintValue(left) };
  return null;
}

function hintValue(literal: LiteralNode): EqualityHint['value'] {
  return literal.type === 'guid' ? literal.value.toLowerCase() : literal.value;
}
