import { QueryError } from '../../contracts/errors';
import type { ComparisonOperator, FilterNode, IdentityOperator, LiteralNode, OperandNode } from './FilterNode';
import type { LinkNode } from './QueryTree';
import { compareValues, sign, toInstant } from './compareValues';
import { relativeDateRange, type RelativeDateOperator } from './relativeDates';
import { matchesLike } from './wildcard';

/** Who is asking and when: what `eq-userid`, `today` and semi-joins need. OData filters need none of it. */
export interface EvaluationContext {
  /** Epoch milliseconds of the host clock. */
  now?: number;
  identity?: { userId: string; businessUnitId?: string; teamIds?: readonly string[] };
  /** Whether `row` has a matching row in the semi-join's table; supplied by the query runner. */
  exists?(link: LinkNode, row: Record<string, unknown>): boolean;
}

/**
 * Decides whether a row matches a parsed `$filter`, as Dataverse would: GUIDs and text compare
 * case-insensitively, dates compare as instants, and a missing column reads as null. Like SQL, an ordering
 * comparison (`gt`, `lt`…) involving null is false; only `eq null` / `ne null` test for it.
 */
export function evaluateFilter(node: FilterNode, row: Record<string, unknown>, context: EvaluationContext = {}): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, row, context) && evaluateFilter(node.right, row, context);
    case 'or':
      return evaluateFilter(node.left, row, context) || evaluateFilter(node.right, row, context);
    case 'not':
      return !evaluateFilter(node.operand, row, context);
    case 'function':
      return evaluateFunction(node.name, row[node.column], node.value);
    case 'like':
      return typeof row[node.column] === 'string' && matchesLike(row[node.column] as string, node.pattern);
    case 'compare':
      return evaluateComparison(node.operator, operandValue(node.left, row), operandValue(node.right, row));
    case 'identity':
      return evaluateIdentity(node.operator, row[node.column], context);
    case 'date':
      return evaluateDate(node.operator, row[node.column], node.argument, context);
    case 'exists':
      if (!context.exists) throw new QueryError(`A join to ${node.link.name} cannot be evaluated here.`);
      return context.exists(node.link, row);
  }
}

type Resolved = { literal: LiteralNode } | { value: unknown };

function operandValue(operand: OperandNode, row: Record<string, unknown>): Resolved {
  return operand.kind === 'column' ? { value: row[operand.name] } : { literal: operand };
}

/** Dataverse gives `contains`, `startswith` and `endswith` the wildcards of `like` (`%`, `_`, `[…]`). */
function evaluateFunction(name: 'contains' | 'startswith' | 'endswith', value: unknown, search: string): boolean {
  if (typeof value !== 'string') return false;
  if (name === 'contains') return matchesLike(value, `%${search}%`);
  return matchesLike(value, name === 'startswith' ? `${search}%` : `%${search}`);
}

function sameId(value: unknown, id: string | undefined): boolean {
  return typeof value === 'string' && id !== undefined && value.toLowerCase() === id.toLowerCase();
}

function evaluateIdentity(operator: IdentityOperator, value: unknown, context: EvaluationContext): boolean {
  const identity = context.identity;
  if (!identity) throw new QueryError(`The operator ${operator} needs the signed-in user, which is not known here.`);
  const teams = (): readonly string[] => {
    if (identity.teamIds === undefined) throw new QueryError(`The operator ${operator} needs the user's teams, which this device does not know.`);
    return identity.teamIds;
  };
  switch (operator) {
    case 'eq-userid':
      return sameId(value, identity.userId);
    case 'ne-userid':
      return !sameId(value, identity.userId);
    case 'eq-userteams':
      return teams().some((team) => sameId(value, team));
    case 'eq-useroruserteams':
      return sameId(value, identity.userId) || teams().some((team) => sameId(value, team));
    case 'eq-businessid':
    case 'ne-businessid': {
      if (identity.businessUnitId === undefined) {
        throw new QueryError(`The operator ${operator} needs the user's business unit, which this device does not know.`);
      }
      const same = sameId(value, identity.businessUnitId);
      return operator === 'eq-businessid' ? same : !same;
    }
  }
}

function evaluateDate(operator: RelativeDateOperator, value: unknown, argument: number | undefined, context: EvaluationContext): boolean {
  if (context.now === undefined) throw new QueryError(`The operator ${operator} needs the current time, which is not known here.`);
  const instant = toInstant(value);
  if (instant === null) return false;
  const range = relativeDateRange(operator, context.now, argument);
  return (range.from === undefined || instant >= range.from) && (range.to === undefined || instant < range.to);
}


function isNullish(resolved: Resolved): boolean {
  const value = 'literal' in resolved ? resolved.literal.value : resolved.value;
  return value === null || value === undefined;
}

function evaluateComparison(operator: ComparisonOperator, left: Resolved, right: Resolved): boolean {
  // Two columns compare as SQL compares them (FetchXML `valueof`): a null on either side matches nothing.
  if (!('literal' in left) && !('literal' in right) && (isNullish(left) || isNullish(right))) return false;
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
    case 'untyped':
      return compareUntyped(value, literal.value);
  }
}

/** A FetchXML value takes the type of what it is compared with, as Dataverse converts it to the column's type. */
function compareUntyped(value: unknown, text: string): number | null {
  if (typeof value === 'number') {
    const number = text.trim() === '' ? NaN : Number(text);
    return Number.isNaN(number) ? null : sign(value - number);
  }
  if (typeof value === 'boolean') {
    const lower = text.trim().toLowerCase();
    const flag = lower === '1' || lower === 'true' ? true : lower === '0' || lower === 'false' ? false : null;
    return flag === null ? null : sign(Number(value) - Number(flag));
  }
  return compareValues(typeof value === 'string' ? value : JSON.stringify(value), text);
}
