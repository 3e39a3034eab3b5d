import { QueryError } from '../../contracts/errors';
import {
  combine,
  relativeDateArgument,
  type AttributeNode,
  type EntityNode,
  type FilterNode,
  type LinkNode,
  type LiteralNode,
  type OperandNode,
  type OrderNode,
  type QueryTree,
} from '../odata';
import { isBetween, negateFilter, negatesDirectly } from './negateFilter';
import { xmlAttributes, xmlText } from './xmlText';

/**
 * The renderer of the one query model: a query tree as the FetchXML Dataverse runs, so a filter written in
 * either language (an OData `$filter` compiles to the same tree) can be sent to the server. `parseFetchXml`
 * reads back the tree it was given: an and/or chain is one `<filter>` when it is the balanced tree the parser
 * builds from one, else nested pairs; an `or` of `eq`s on one column is `in` (an `and` of `ne`s `not-in`) when
 * the parser would build that same tree from it. Semi-joins go inside the filter as link-type `any` / `not any`,
 * the only link-entities Dataverse allows there (`exists` and `in` mean the same rows). A `not` FetchXML has no
 * spelling for is pushed down first (`negateFilter`). Every link-entity names its alias, so aliases survive.
 * @throws QueryError for what FetchXML cannot say: an ordering against null, a comparison of two values, a `not`
 *   of team membership or of a relative date, a control character in a value.
 */
export function renderFetchXml(tree: QueryTree): string {
  const options = xmlAttributes([
    ['top', tree.top === undefined ? undefined : String(tree.top)],
    ['count', tree.count === undefined ? undefined : String(tree.count)],
    ['page', tree.page === undefined ? undefined : String(tree.page)],
    ['paging-cookie', tree.pagingCookie],
    ['distinct', tree.distinct ? 'true' : undefined],
    ['aggregate', tree.aggregate ? 'true' : undefined],
    ['returntotalrecordcount', tree.returnTotalRecordCount ? 'true' : undefined],
  ]);
  return `<fetch${options}><entity${xmlAttributes([['name', tree.entity.name]])}>${entityBody(tree.entity)}</entity></fetch>`;
}

/** A filter tree as one `<filter>` element; a single condition still sits in one. */
export function renderFilterXml(node: FilterNode): string {
  if (node.kind === 'and' || node.kind === 'or') return group(node);
  return `<filter>${item(node)}</filter>`;
}

function entityBody(entity: EntityNode): string {
  return [
    ...entity.attributes.map(attribute),
    entity.allAttributes ? '<all-attributes/>' : '',
    ...entity.orders.map(order),
    entity.filter ? renderFilterXml(entity.filter) : '',
    ...entity.links.map((link) => linkEntity(link, link.type)),
  ].join('');
}

function attribute(node: AttributeNode): string {
  return `<attribute${xmlAttributes([
    ['name', node.name],
    ['alias', node.alias],
    ['aggregate', node.aggregate],
    ['groupby', node.groupBy ? 'true' : undefined],
    ['distinct', node.distinct ? 'true' : undefined],
    ['dategrouping', node.dateGrouping],
  ])}/>`;
}

function order(node: OrderNode): string {
  const descending = node.descending ? 'true' : undefined;
  if ('alias' in node) return `<order${xmlAttributes([['alias', node.alias], ['descending', descending]])}/>`;
  const { entityName, attribute: name } = splitColumn(node.column);
  return `<order${xmlAttributes([['attribute', name], ['entityname', entityName], ['descending', descending]])}/>`;
}

function linkEntity(link: LinkNode, type: string): string {
  const attributes = xmlAttributes([['name', link.name], ['from', link.from], ['to', link.to], ['alias', link.alias], ['link-type', type]]);
  return `<link-entity${attributes}>${entityBody(link)}</link-entity>`;
}

/** The parts of an and/or chain, when the parser would rebuild exactly this tree from them; else its two sides. */
function chainParts(node: Extract<FilterNode, { kind: 'and' | 'or' }>): FilterNode[] {
  const parts: FilterNode[] = [];
  const collect = (current: FilterNode): void => {
    if (current.kind === node.kind) {
      collect(current.left);
      collect(current.right);
    } else parts.push(current);
  };
  collect(node);
  const rebuilt = combine(node.kind, parts);
  return rebuilt !== undefined && sameShape(rebuilt, node) ? parts : [node.left, node.right];
}

/** Same and/or structure over the very same leaves. */
function sameShape(a: FilterNode, b: FilterNode): boolean {
  if (a === b) return true;
  if ((a.kind === 'and' || a.kind === 'or') && a.kind === b.kind) return sameShape(a.left, b.left) && sameShape(a.right, b.right);
  return false;
}

function group(node: Extract<FilterNode, { kind: 'and' | 'or' }>): string {
  const parts = chainParts(node);
  const list = valueList(node.kind, parts);
  if (list) return `<filter>${list}</filter>`;
  return `<filter type="${node.kind}">${parts.map(item).join('')}</filter>`;
}

/** `in` for an `or` of `eq`s on one column (`not-in` for an `and` of `ne`s); `<value>` text is trimmed, so only plain values. */
function valueList(kind: 'and' | 'or', parts: readonly FilterNode[]): string | undefined {
  const operator = kind === 'or' ? 'eq' : 'ne';
  const values: string[] = [];
  let column: string | undefined;
  for (const part of parts) {
    if (part.kind !== 'compare' || part.operator !== operator || part.left.kind !== 'column' || part.right.kind !== 'literal') return undefined;
    if (part.right.type !== 'untyped' && part.right.type !== 'guid') return undefined;
    if (column !== undefined && part.left.name !== column) return undefined;
    column = part.left.name;
    const text = part.right.value;
    if (text === '' || text !== text.trim()) return undefined;
    values.push(`<value>${xmlText(text)}</value>`);
  }
  if (column === undefined || values.length < 2) return undefined;
  return `<condition${columnAttributes(column)} operator="${kind === 'or' ? 'in' : 'not-in'}">${values.join('')}</condition>`;
}

/** One child of a `<filter>`: a condition, a nested filter or a semi-join link-entity. */
function item(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return valueList(node.kind, chainParts(node)) ?? group(node);
    case 'not':
      return negatesDirectly(node.operand) ? negated(node.operand) : item(negateFilter(node.operand));
    case 'compare':
      return comparison(node.operator, node.left, node.right);
    case 'function': {
      const spelled = { contains: ['like', `%${node.value}%`], startswith: ['begins-with', node.value], endswith: ['ends-with', node.value] }[node.name];
      return condition(node.column, spelled[0], spelled[1]);
    }
    case 'like':
      return condition(node.column, 'like', node.pattern);
    case 'identity':
      return condition(node.column, node.operator);
    case 'date': {
      const argument = relativeDateArgument(node.operator);
      const value = node.argument === undefined ? undefined : argument === 'date' ? new Date(node.argument).toISOString() : String(node.argument);
      return condition(node.column, node.operator, value);
    }
    case 'exists':
      return linkEntity(node.link, 'any');
  }
}

function negated(operand: FilterNode): string {
  if (operand.kind === 'like') return condition(operand.column, 'not-like', operand.pattern);
  if (operand.kind === 'exists') return linkEntity(operand.link, 'not any');
  if (!isBetween(operand)) throw new QueryError('Internal: a not FetchXML cannot spell directly.');
  const values = [operand.left.right, operand.right.right].map((value) => `<value>${xmlText(literalText(value))}</value>`);
  return `<condition${columnAttributes(operand.left.left.name)} operator="not-between">${values.join('')}</condition>`;
}

function comparison(operator: string, left: OperandNode, right: OperandNode): string {
  if (left.kind === 'literal' && right.kind === 'column') {
    const mirrored: Record<string, string> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
    return comparison(mirrored[operator], right, left);
  }
  if (left.kind !== 'column') throw new QueryError('A comparison of two values has no FetchXML spelling.');
  if (right.kind === 'column') return `<condition${columnAttributes(left.name)}${xmlAttributes([['operator', operator], ['valueof', right.name]])}/>`;
  if (right.type === 'null') {
    if (operator !== 'eq' && operator !== 'ne') throw new QueryError(`"${left.name} ${operator} null" has no FetchXML spelling.`);
    return condition(left.name, operator === 'eq' ? 'null' : 'not-null');
  }
  return condition(left.name, operator, literalText(right));
}

function condition(column: string, operator: string, value?: string): string {
  return `<condition${columnAttributes(column)}${xmlAttributes([['operator', operator], ['value', value]])}/>`;
}

/** `alias.column` (a joined table's column) is FetchXML's `entityname` and `attribute`. */
function columnAttributes(column: string): string {
  const { entityName, attribute: name } = splitColumn(column);
  return xmlAttributes([['attribute', name], ['entityname', entityName]]);
}

function splitColumn(column: string): { entityName?: string; attribute: string } {
  const dot = column.indexOf('.');
  return dot < 0 ? { attribute: column } : { entityName: column.slice(0, dot), attribute: column.slice(dot + 1) };
}

/** A value as FetchXML writes it: the column's type reads it (`1`/`0` for yes/no, ISO text for dates). */
function literalText(literal: LiteralNode): string {
  switch (literal.type) {
    case 'number':
      return String(literal.value);
    case 'boolean':
      return literal.value ? '1' : '0';
    case 'null':
      throw new QueryError('A null value has no FetchXML spelling here.');
    default:
      return literal.value;
  }
}
