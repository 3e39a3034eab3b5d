import { QueryError } from '../../contracts/errors';
import {
  IDENTITY_OPERATORS,
  checkLikePattern,
  combine,
  relativeDateArgument,
  toInstant,
  type ComparisonOperator,
  type FilterNode,
  type IdentityOperator,
  type LiteralNode,
  type RelativeDateOperator,
} from '../odata';
import { required } from './fetchAttributes';
import type { XmlElement } from './readXml';

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const COMPARISONS: ReadonlyMap<string, ComparisonOperator> = new Map([['eq', 'eq'], ['ne', 'ne'], ['neq', 'ne'], ['gt', 'gt'], ['ge', 'ge'], ['lt', 'lt'], ['le', 'le']]);
const PATTERNS: ReadonlyMap<string, { negated: boolean; pattern: (value: string) => string }> = new Map(Object.entries({
  like: { negated: false, pattern: (value: string) => value },
  'not-like': { negated: true, pattern: (value: string) => value },
  'begins-with': { negated: false, pattern: (value: string) => `${value}%` },
  'not-begin-with': { negated: true, pattern: (value: string) => `${value}%` },
  'ends-with': { negated: false, pattern: (value: string) => `%${value}` },
  'not-end-with': { negated: true, pattern: (value: string) => `%${value}` },
}));
/** Dataverse operators the device does not evaluate: hierarchy, fiscal periods, language, multi-select choices. */
const UNSUPPORTED_OPERATOR = /^(above|under|eq-or-above|eq-or-under|not-under|eq-useroruserhierarchy|eq-useroruserhierarchyandteams|eq-userlanguage|contain-values|not-contain-values|.*fiscal.*)$/;

/**
 * Compiles one FetchXML `condition` into the shared filter tree: comparisons (`valueof` as column to column),
 * wildcard patterns, null tests, value lists, ranges, user/team/business-unit and relative-date operators.
 * `entityname` makes the column `alias.column`.
 * @throws QueryError naming the attribute and operator when the operator is unknown or its values do not fit.
 */
export function compileCondition(element: XmlElement): FilterNode {
  const attributeName = required(element, 'attribute');
  const operator = required(element, 'operator').toLowerCase();
  const entityName = element.attributes.get('entityname');
  const column = entityName === undefined ? attributeName : `${entityName}.${attributeName}`;
  const valueOf = element.attributes.get('valueof');
  const single = element.attributes.get('value');
  const values = element.children.map((child) => child.text);
  const one = (): string => {
    if (single !== undefined) return single;
    if (values.length === 1) return values[0];
    throw new QueryError(`The condition on '${attributeName}' with operator ${operator} needs one value.`);
  };
  const list = (): string[] => {
    const all = single === undefined ? values : [single, ...values];
    if (all.length === 0) throw new QueryError(`The condition on '${attributeName}' with operator ${operator} needs at least one <value>.`);
    return all;
  };

  const comparison = COMPARISONS.get(operator);
  if (comparison !== undefined) {
    if (valueOf !== undefined) {
      return { kind: 'compare', operator: comparison, left: { kind: 'column', name: column }, right: { kind: 'column', name: valueOf } };
    }
    return compare(comparison, column, one());
  }
  const pattern = PATTERNS.get(operator);
  if (pattern !== undefined) {
    const text = pattern.pattern(one());
    checkLikePattern(text);
    const node: FilterNode = { kind: 'like', column, pattern: text };
    return pattern.negated ? { kind: 'not', operand: node } : node;
  }
  switch (operator) {
    case 'null':
      return { kind: 'compare', operator: 'eq', left: { kind: 'column', name: column }, right: { kind: 'literal', type: 'null', value: null } };
    case 'not-null':
      return { kind: 'compare', operator: 'ne', left: { kind: 'column', name: column }, right: { kind: 'literal', type: 'null', value: null } };
    case 'in':
      return combine('or', list().map((value) => compare('eq', column, value))) as FilterNode;
    case 'not-in':
      return combine('and', list().map((value) => compare('ne', column, value))) as FilterNode;
    case 'between':
    case 'not-between': {
      const bounds = list();
      if (bounds.length !== 2) throw new QueryError(`The operator ${operator} on '${attributeName}' needs exactly two <value> elements.`);
      const inside: FilterNode = { kind: 'and', left: compare('ge', column, bounds[0]), right: compare('le', column, bounds[1]) };
      return operator === 'between' ? inside : { kind: 'not', operand: inside };
    }
  }
  if ((IDENTITY_OPERATORS as readonly string[]).includes(operator)) {
    return { kind: 'identity', operator: operator as IdentityOperator, column };
  }
  const argument = relativeDateArgument(operator);
  if (argument !== null) {
    const node: FilterNode = { kind: 'date', operator: operator as RelativeDateOperator, column };
    if (argument === 'count') {
      const text = one().trim();
      if (!/^\d+$/.test(text)) throw new QueryError(`The operator ${operator} on '${attributeName}' needs a whole number, not '${text}'.`);
      node.argument = Number(text);
    } else if (argument === 'date') {
      const text = one().trim();
      const instant = toInstant(text);
      if (instant === null) throw new QueryError(`The operator ${operator} on '${attributeName}' needs a date (yyyy-mm-dd), not '${text}'.`);
      node.argument = instant;
    }
    return node;
  }
  if (UNSUPPORTED_OPERATOR.test(operator)) throw new QueryError(`The FetchXML operator '${operator}' is not supported offline.`);
  throw new QueryError(`Unknown FetchXML condition operator '${operator}'.`);
}

function compare(operator: ComparisonOperator, column: string, value: string): FilterNode {
  return { kind: 'compare', operator, left: { kind: 'column', name: column }, right: literal(value) };
}

function literal(value: string): LiteralNode {
  const trimmed = value.trim();
  if (GUID.test(trimmed)) return { kind: 'literal', type: 'guid', value: trimmed.replace(/[{}]/g, '').toLowerCase() };
  return { kind: 'literal', type: 'untyped', value };
}
