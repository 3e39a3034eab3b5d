import type { ConditionNode } from './FetchQuery';
import { FETCH_ERRORS, fetchError } from './errors';
import { compilePattern } from './likePattern';

/** How many values an operator takes: none, exactly one, two (`between`), or a list (`in`). */
export type Arity = 'none' | 'one' | 'two' | 'list';

const CALENDAR = ['this', 'last', 'next'].flatMap((when) => ['week', 'month', 'year'].map((unit) => `${when}-${unit}`));
const RELATIVE = [
  ...['hours', 'days', 'weeks', 'months', 'years'].flatMap((unit) => [`last-x-${unit}`, `next-x-${unit}`]),
  ...['minutes', 'hours', 'days', 'weeks', 'months', 'years'].map((unit) => `olderthan-x-${unit}`),
];

export const OPERATOR_ARITY: ReadonlyMap<string, Arity> = new Map<string, Arity>([
  ...['eq', 'ne', 'neq', 'gt', 'ge', 'lt', 'le'].map((name) => [name, 'one'] as const),
  ...['like', 'not-like', 'begins-with', 'not-begin-with', 'ends-with', 'not-end-with'].map((name) => [name, 'one'] as const),
  ['between', 'two'],
  ['not-between', 'two'],
  ['in', 'list'],
  ['not-in', 'list'],
  ...['null', 'not-null'].map((name) => [name, 'none'] as const),
  ...['eq-userid', 'ne-userid', 'eq-userteams', 'eq-useroruserteams', 'eq-businessid', 'ne-businessid'].map((name) => [name, 'none'] as const),
  ...['today', 'yesterday', 'tomorrow', 'last-seven-days', 'next-seven-days', ...CALENDAR].map((name) => [name, 'none'] as const),
  ...RELATIVE.map((name) => [name, 'one'] as const),
  ...['on', 'on-or-after', 'on-or-before'].map((name) => [name, 'one'] as const),
]);

export const LIKE_OPERATORS: ReadonlySet<string> = new Set(['like', 'not-like', 'begins-with', 'not-begin-with', 'ends-with', 'not-end-with']);
export const RELATIVE_OPERATORS: ReadonlySet<string> = new Set(RELATIVE);
export const DAY_OPERATORS: ReadonlySet<string> = new Set(['on', 'on-or-after', 'on-or-before']);

/** Refuses an operator the emulator does not know, or a condition with the wrong number or kind of values. */
export function checkCondition(condition: ConditionNode): void {
  const { operator, values, attribute } = condition;
  const arity = OPERATOR_ARITY.get(operator);
  if (arity === undefined) {
    throw fetchError(FETCH_ERRORS.invalidConditionOperator, `The condition operator '${operator}' (attribute '${attribute}') is not valid.`);
  }
  if (condition.otherColumn !== undefined) {
    if (!['eq', 'ne', 'neq', 'gt', 'ge', 'lt', 'le'].includes(operator)) {
      throw fetchError(FETCH_ERRORS.invalidArgument, `valueof cannot be used with the operator '${operator}' (attribute '${attribute}').`);
    }
    return;
  }
  const expected = { none: values.length === 0, one: values.length === 1, two: values.length === 2, list: values.length > 0 }[arity];
  if (!expected) {
    const wanted = { none: 'no value', one: 'one value', two: 'two values', list: 'at least one value' }[arity];
    throw fetchError(FETCH_ERRORS.invalidValue, `The condition operator '${operator}' on attribute '${attribute}' takes ${wanted}, not ${values.length}.`);
  }
  if (RELATIVE_OPERATORS.has(operator) && !/^\d+$/.test(values[0].trim())) {
    throw fetchError(FETCH_ERRORS.invalidValue, `The condition operator '${operator}' on attribute '${attribute}' needs a whole number, not '${values[0]}'.`);
  }
  if (DAY_OPERATORS.has(operator) && parseInstant(values[0]) === null) {
    throw fetchError(FETCH_ERRORS.invalidValue, `The condition operator '${operator}' on attribute '${attribute}' needs a date, not '${values[0]}'.`);
  }
  if (LIKE_OPERATORS.has(operator)) compilePattern(values[0]);
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch milliseconds of a date written in a query or stored in a row, or null when it is not one. Dates without
 * a zone are read as UTC: the emulated user's time zone is UTC.
 */
export function parseInstant(text: string): number | null {
  const trimmed = text.trim();
  const match = DATE_TEXT.exec(trimmed);
  if (!match) return null;
  const iso = trimmed.replace(' ', 'T');
  const instant = Date.parse(match.at(1) === undefined ? (iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`) : iso);
  return Number.isNaN(instant) ? null : instant;
}
