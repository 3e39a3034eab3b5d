import type { FilterNode, LiteralNode } from './FilterNode';

export interface EqualityHint {
  column: string;
  value: string | number | boolean | null;
}

/**
 * Finds a `column eq literal` conjunct that must hold for the whole filter to hold, so a secondary index can
 * narrow the candidate rows before `evaluateFilter` checks each one. Only `and` chains are searched: a
 * comparison under `or` or `not` does not constrain every match. GUIDs come back lower-cased, so the index must
 * hold the same normalisation.
 */
export function equalityHint(node: FilterNode): EqualityHint | null {
  if (node.kind === 'and') return equalityHint(node.left) ?? equalityHint(node.right);
  if (node.kind !== 'compare' || node.operator !== 'eq') return null;
  const { left, right } = node;
  if (left.kind === 'column' && right.kind === 'literal' && exact(right)) return { column: left.name, value: hintValue(right) };
  if (right.kind === 'column' && left.kind === 'literal' && exact(left)) return { column: right.name, value: hintValue(left) };
  return null;
}

/**
 * Whether a stored value equals the literal exactly when Dataverse says they are equal. Text compares without
 * case and a date by its instant ('…08:00Z' is '…08:00:00.000Z'), and an untyped (FetchXML) value takes the
 * column's type, so none of those can be looked up by exact value.
 */
function exact(literal: LiteralNode): boolean {
  return literal.type !== 'string' && literal.type !== 'datetime' && literal.type !== 'untyped';
}

function hintValue(literal: LiteralNode): EqualityHint['value'] {
  return literal.type === 'guid' ? literal.value.toLowerCase() : literal.value;
}
