import { QueryError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import { parseFetchXml, readXml } from '../fetchxml';
import { xmlText } from '../fetchxml/xmlText';
import { combine, type FilterNode, type LinkNode } from '../odata';

/**
 * The rows a custom FetchXML profile filter selects, as a filter tree over the table's logical column names
 * (`parentcustomerid`, not `_parentcustomerid_value`); `undefined` when it selects every row. The source is what
 * a profile item's rule view holds: a whole `<fetch>` of the table, or only its `<filter>`.
 *
 * Only which rows matters, so the query is reduced to its filter: an inner link-entity restricts rows exactly as
 * a semi-join does (it only multiplies them, which a row set ignores), so it becomes one — link-type `any` —
 * while outer links, attributes, orders and `page`/`count` (ignored by the offline profile) are dropped. What
 * is left the server runs inside the slice query and the device checks row by row (`fetchXmlPredicate`).
 * @throws QueryError when the XML is not FetchXML, the entity is not the table, the query aggregates or has a
 *   `top` (neither selects rows by their own values), or a condition names another entity (`entityname`): the
 *   slice query renames every link-entity, so such a reference would lose its target.
 */
export function profileFetchFilter(table: ProfileTable, source: string): FilterNode | undefined {
  const tree = parseFetchXml(asFetch(table, source));
  if (tree.entity.name !== table.logicalName) {
    throw new QueryError(`The FetchXML filter is written for the table "${tree.entity.name}", not for "${table.logicalName}".`);
  }
  if (tree.aggregate) throw new QueryError('An aggregate FetchXML query cannot be a row filter.');
  if (tree.top !== undefined) throw new QueryError("A row filter cannot limit the rows with 'top'.");
  const joins = tree.entity.links.filter((link) => link.type === 'inner').map(asSemiJoin);
  const filter = combine('and', [...(tree.entity.filter ? [reduce(tree.entity.filter)] : []), ...joins]);
  const foreign = filter ? foreignColumn(filter) : undefined;
  if (foreign !== undefined) {
    throw new QueryError(`The condition on "${foreign}" names another entity (entityname); put the condition inside that link-entity instead.`);
  }
  return filter;
}

/** A lone `<filter>` is wrapped in a `<fetch>` of the table, so both shapes go through the one parser. */
function asFetch(table: ProfileTable, source: string): string {
  const root = readXml(source);
  if (root.name !== 'filter') return source;
  const element = source.replace(/^\s*<\?xml[^>]*\?>/, '');
  return `<fetch><entity name="${xmlText(table.logicalName)}">${element}</entity></fetch>`;
}

function asSemiJoin(link: LinkNode): FilterNode {
  return { kind: 'exists', link: semiLink(link) };
}

/** A link reduced to what decides existence: its filter and, as nested semi-joins, its inner links. */
function semiLink(link: LinkNode): LinkNode {
  const inner = link.links.filter((child) => child.type === 'inner').map(asSemiJoin);
  const filter = combine('and', [...(link.filter ? [reduce(link.filter)] : []), ...inner]);
  return { name: link.name, from: link.from, to: link.to, alias: link.alias, type: 'any', attributes: [], allAttributes: false, orders: [], links: [], filter };
}

function reduce(node: FilterNode): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, left: reduce(node.left), right: reduce(node.right) };
    case 'not':
      return { ...node, operand: reduce(node.operand) };
    case 'exists':
      return { kind: 'exists', link: semiLink(node.link) };
    default:
      return node;
  }
}

/** The first column, anywhere in the tree, that belongs to another entity (`alias.column`). */
function foreignColumn(node: FilterNode): string | undefined {
  switch (node.kind) {
    case 'and':
    case 'or':
      return foreignColumn(node.left) ?? foreignColumn(node.right);
    case 'not':
      return foreignColumn(node.operand);
    case 'exists':
      return node.link.filter ? foreignColumn(node.link.filter) : undefined;
    case 'compare':
      for (const side of [node.left, node.right]) if (side.kind === 'column' && side.name.includes('.')) return side.name;
      return undefined;
    default:
      return node.column.includes('.') ? node.column : undefined;
  }
}
