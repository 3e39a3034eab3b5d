import type { ConditionNode } from './FetchQuery';
import { compareWithText, orderValues, storedInstant } from './compareValues';
import { dateRange } from './dateRanges';
import { likeMatches } from './likePattern';
import { parseInstant } from './operators';

type Data = Record<string, unknown>;

/** Who asks and when: what the user, team, business unit and date operators compare with. */
export interface FetchEnvironment {
  now: number;
  userId: string;
  businessUnitId: string;
  teamIds: readonly string[];
}

/** Joined rows by entity alias; an outer join without a match, or an `exists` link, reads as null. */
export type JoinedRows = ReadonlyMap<string, Data | null>;

function sameId(value: unknown, id: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === id.toLowerCase();
}

/**
 * Negated operators match a null column: Dataverse's `ne` does (it is why SQL 4 CDS adds `not-null` to a SQL
 * `<>`, MarkMpn/Sql4Cds#167 and #530), its OData `ne` is the same operator, and the other negations are taken
 * to be the complement of their positive, as the device takes them.
 */
const NEGATIONS: ReadonlySet<string> = new Set(['ne', 'neq', 'not-in', 'not-between', 'not-like', 'not-begin-with', 'not-end-with', 'ne-userid', 'ne-businessid']);

/**
 * Whether a condition holds. On a null column only `null` and the negated operators (`NEGATIONS`) hold;
 * everything else is false, as in SQL.
 */
export function evaluateCondition(condition: ConditionNode, rows: JoinedRows, env: FetchEnvironment): boolean {
  const row = rows.get(condition.owner);
  const value = row?.[condition.column] ?? null;
  if (condition.operator === 'null') return value === null;
  if (condition.operator === 'not-null') return value !== null;
  if (value === null) return condition.otherColumn === undefined && NEGATIONS.has(condition.operator);
  if (condition.otherColumn !== undefined) {
    const other = row?.[condition.otherColumn] ?? null;
    return other !== null && holds(condition.operator, orderValues(value, other));
  }
  const { operator, values, attribute } = condition;
  const compare = (text: string): number => compareWithText(value, text, attribute);
  switch (operator) {
    case 'in':
      return values.some((text) => compare(text) === 0);
    case 'not-in':
      return values.every((text) => compare(text) !== 0);
    case 'between':
      return compare(values[0]) >= 0 && compare(values[1]) <= 0;
    case 'not-between':
      return compare(values[0]) < 0 || compare(values[1]) > 0;
    default:
      if (COMPARISONS.has(operator)) return holds(operator, compare(values[0]));
      return evaluateSpecial(condition, value, env);
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'neq', 'gt', 'ge', 'lt', 'le']);

function holds(operator: string, order: number): boolean {
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
    case 'neq':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}

function evaluateSpecial(condition: ConditionNode, value: unknown, env: FetchEnvironment): boolean {
  const { operator, values } = condition;
  const text = values.at(0) ?? '';
  switch (operator) {
    case 'like':
    case 'not-like':
    case 'begins-with':
    case 'not-begin-with':
    case 'ends-with':
    case 'not-end-with': {
      if (typeof value !== 'string') return false;
      const pattern = operator.endsWith('like') ? text : operator.includes('begin') ? `${text}%` : `%${text}`;
      return likeMatches(value, pattern) !== operator.startsWith('not-');
    }
    case 'eq-userid':
      return sameId(value, env.userId);
    case 'ne-userid':
      return !sameId(value, env.userId);
    case 'eq-userteams':
      return env.teamIds.some((team) => sameId(value, team));
    case 'eq-useroruserteams':
      return sameId(value, env.userId) || env.teamIds.some((team) => sameId(value, team));
    case 'eq-businessid':
      return sameId(value, env.businessUnitId);
    case 'ne-businessid':
      return !sameId(value, env.businessUnitId);
    default:
      return inDateRange(operator, value, text, env.now);
  }
}

function inDateRange(operator: string, value: unknown, text: string, now: number): boolean {
  const instant = storedInstant(value);
  if (instant === null) return false;
  const amount = /^\d+$/.test(text.trim()) ? Number(text) : 0;
  const range = dateRange(operator, now, amount, parseInstant(text) ?? 0);
  return (range.from === undefined || instant >= range.from) && (range.to === undefined || instant < range.to);
}
