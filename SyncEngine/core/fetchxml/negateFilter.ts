import { QueryError } from '../../contracts/errors';
import type { ComparisonOperator, FilterNode, IdentityOperator, OperandNode } from '../odata';

/**
 * FetchXML has no `not` element: only some conditions have a negated spelling (`not-like`, `not-between`,
 * `not any`, `ne-userid`…). These are the `not`s the renderer writes as they are.
 */
export function negatesDirectly(operand: FilterNode): boolean {
  return operand.kind === 'like' || operand.kind === 'exists' || isBetween(operand);
}

/** `ge` and `le` of one column against two values: what `between` compiles to, so `not-between` can spell its `not`. */
export function isBetween(node: FilterNode): node is { kind: 'and'; left: CompareToValue; right: CompareToValue } {
  if (node.kind !== 'and') return false;
  const { left, right } = node;
  return isCompareToValue(left, 'ge') && isCompareToValue(right, 'le') && left.left.name === right.left.name;
}

type CompareToValue = { kind: 'compare'; operator: ComparisonOperator; left: { kind: 'column'; name: string }; right: OperandNode & { kind: 'literal' } };

function isCompareToValue(node: FilterNode, operator: ComparisonOperator): node is CompareToValue {
  return node.kind === 'compare' && node.operator === operator && node.left.kind === 'column' && node.right.kind === 'literal' && node.right.type !== 'null';
}

const OPPOSITE: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { eq: 'ne', ne: 'eq', gt: 'le', ge: 'lt', lt: 'ge', le: 'gt' };
const MIRROR: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const IDENTITY_OPPOSITE: Partial<Record<IdentityOperator, IdentityOperator>> = {
  'eq-userid': 'ne-userid',
  'ne-userid': 'eq-userid',
  'eq-businessid': 'ne-businessid',
  'ne-businessid': 'eq-businessid',
};

/**
 * The complement of `node` as a tree FetchXML can spell: `not` pushed down (De Morgan) until it only wraps what
 * `negatesDirectly` accepts. Exact under the evaluator's semantics, where `ne` holds on a null column but an
 * ordering comparison never does: so `not (x gt 5)` is `x le 5 or x eq null`. (Values of a type the column cannot
 * compare with match neither side of an ordering; no real filter relies on that.)
 * @throws QueryError for a `not` FetchXML cannot express: of team membership or a relative date.
 */
export function negateFilter(node: FilterNode): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind === 'and' ? 'or' : 'and', left: complement(node.left), right: complement(node.right) };
    case 'not':
      return node.operand;
    case 'like':
    case 'exists':
      return { kind: 'not', operand: node };
    case 'function': {
      const pattern = node.name === 'contains' ? `%${node.value}%` : node.name === 'startswith' ? `${node.value}%` : `%${node.value}`;
      return { kind: 'not', operand: { kind: 'like', column: node.column, pattern } };
    }
    case 'compare':
      return negateComparison(node.operator, node.left, node.right);
    case 'identity': {
      const opposite = IDENTITY_OPPOSITE[node.operator];
      if (opposite === undefined) throw new QueryError(`"not ${node.operator}" on "${node.column}" has no FetchXML spelling.`);
      return { ...node, operator: opposite };
    }
    case 'date':
      throw new QueryError(`"not ${node.operator}" on "${node.column}" has no FetchXML spelling.`);
  }
}

/** `not` of a part: unwrapped, kept where FetchXML spells it, or pushed further down. */
function complement(node: FilterNode): FilterNode {
  if (node.kind === 'not') return node.operand;
  return negatesDirectly(node) ? { kind: 'not', operand: node } : negateFilter(node);
}

function negateComparison(operator: ComparisonOperator, left: OperandNode, right: OperandNode): FilterNode {
  // Column first: `5 lt x` is `x gt 5`.
  if (left.kind === 'literal' && right.kind === 'column') return negateComparison(MIRROR[operator], right, left);
  if (left.kind !== 'column') throw new QueryError('A comparison of two values has no FetchXML spelling.');
  const isNull = (operand: OperandNode): boolean => operand.kind === 'literal' && operand.type === 'null';
  const nullTest = (column: string, test: 'eq' | 'ne'): FilterNode => ({
    kind: 'compare',
    operator: test,
    left: { kind: 'column', name: column },
    right: { kind: 'literal', type: 'null', value: null },
  });
  if (isNull(right)) {
    // An ordering against null never holds, so its complement always does: null or not null.
    if (operator !== 'eq' && operator !== 'ne') return { kind: 'or', left: nullTest(left.name, 'eq'), right: nullTest(left.name, 'ne') };
    return nullTest(left.name, operator === 'eq' ? 'ne' : 'eq');
  }
  const opposite: FilterNode = { kind: 'compare', operator: OPPOSITE[operator], left, right };
  if (operator === 'eq' || operator === 'ne') return opposite;
  const nulls = right.kind === 'column' ? { kind: 'or' as const, left: nullTest(left.name, 'eq'), right: nullTest(right.name, 'eq') } : nullTest(left.name, 'eq');
  return { kind: 'or', left: opposite, right: nulls };
}
