import type { ConditionNode, FilterNode, LinkNode } from './FetchQuery';
import { FETCH_ERRORS, fetchError } from './errors';
import { OPERATOR_ARITY, checkCondition } from './operators';
import type { XmlElement } from './readXml';
import { type ParseScope, columnOf, required } from './schema';

/** Parses a link-entity inside a filter (`any` / `not any`); supplied by the entity parser to avoid a cycle. */
export type SemiJoinParser = (element: XmlElement, parentAlias: string) => LinkNode;

/** `<filter>`: `and` (the default) or `or` over conditions, nested filters and `any` / `not any` links. */
export function parseFilter(element: XmlElement, owner: string, scope: ParseScope, semiJoin: SemiJoinParser): FilterNode {
  const type = element.attributes.get('type') ?? 'and';
  if (type !== 'and' && type !== 'or') {
    throw fetchError(FETCH_ERRORS.invalidFilterType, `The filter type '${type}' is not valid: use 'and' or 'or'.`);
  }
  const items = element.children.map((child): FilterNode => {
    if (child.name === 'filter') return parseFilter(child, owner, scope, semiJoin);
    if (child.name === 'link-entity') return { kind: 'semijoin', link: semiJoin(child, owner) };
    return parseCondition(child, owner, scope);
  });
  return { kind: 'filter', type, items };
}

function parseCondition(element: XmlElement, defaultOwner: string, scope: ParseScope): ConditionNode {
  const entityName = element.attributes.get('entityname');
  const owner = entityName ?? defaultOwner;
  const table = scope.tables.get(owner);
  if (!table) {
    throw fetchError(FETCH_ERRORS.aliasDoesNotExist, `The condition's entityname '${entityName ?? ''}' matches no link-entity alias in the query.`);
  }
  const attribute = required(element, 'attribute');
  const column = columnOf(table, attribute);
  const valueOf = element.attributes.get('valueof');
  const value = element.attributes.get('value');
  const values = element.children.map((child) => child.text);
  if (value !== undefined && value !== '' && values.length > 0) {
    throw fetchError(FETCH_ERRORS.invalidValue, `The condition on '${attribute}' has both a value attribute and <value> elements.`);
  }
  const operator = required(element, 'operator');
  // Query builders leave `value=""` on operators that take none; Dataverse ignores it there.
  const single = value === undefined || (value === '' && OPERATOR_ARITY.get(operator) === 'none') ? [] : [value];
  const condition: ConditionNode = {
    kind: 'condition',
    owner,
    column,
    attribute,
    operator,
    values: values.length > 0 ? values : single,
    otherColumn: valueOf === undefined ? undefined : columnOf(table, valueOf),
  };
  checkCondition(condition);
  return condition;
}
