import type { EmulatorTable } from '../tables';
import type { AggregateFunction, AttributeNode, DateGrouping, EntityNode, FetchQuery, FilterNode, LinkNode, OrderNode } from './FetchQuery';
import { FETCH_ERRORS, fetchError } from './errors';
import { parseFilter } from './parseFilter';
import { readXml, type XmlElement } from './readXml';
import { type ParseScope, checkElement, columnOf, flag, positiveInteger, required, tableByName } from './schema';

export const MAX_LINK_ENTITIES = 15;
export const MAX_PAGE_SIZE = 5000;

const AGGREGATES: readonly string[] = ['count', 'countcolumn', 'sum', 'avg', 'min', 'max'];
const DATE_GROUPINGS: readonly string[] = ['day', 'week', 'month', 'quarter', 'year'];
const JOIN_TYPES: readonly string[] = ['inner', 'outer', 'exists', 'in'];

/** Reads and validates a FetchXML query against the emulator's tables; `table` is the entity set's table. */
export function parseFetch(source: string, table: EmulatorTable): FetchQuery {
  const root = readXml(source);
  checkElement(root);
  const entities = root.children;
  if (entities.length !== 1) throw fetchError(FETCH_ERRORS.invalidNode, 'A FetchXML query needs exactly one <entity> element.');
  const entityElement = entities[0];
  const name = required(entityElement, 'name');
  if (name !== table.logicalName) {
    throw fetchError(
      FETCH_ERRORS.entitiesDontMatch,
      `The entity name '${name}' in the FetchXML does not match the entity set '${table.entitySet}' (table '${table.logicalName}').`,
    );
  }
  const scope = scopeOf(entityElement, table);
  const query: FetchQuery = {
    entity: parseEntity(entityElement, table, '', scope),
    top: positiveInteger(root, 'top'),
    count: positiveInteger(root, 'count'),
    page: positiveInteger(root, 'page'),
    pagingCookie: root.attributes.get('paging-cookie'),
    distinct: flag(root, 'distinct'),
    aggregate: flag(root, 'aggregate'),
    returnTotalRecordCount: flag(root, 'returntotalrecordcount'),
  };
  checkPaging(query);
  checkAggregate(query);
  return query;
}

function checkPaging(query: FetchQuery): void {
  const { top, count } = query;
  if (top !== undefined && top > MAX_PAGE_SIZE) throw fetchError(FETCH_ERRORS.invalidArgument, `The top attribute cannot be greater than ${MAX_PAGE_SIZE}; it is ${top}.`);
  if (count !== undefined && count > MAX_PAGE_SIZE) throw fetchError(FETCH_ERRORS.invalidArgument, `The count attribute cannot be greater than ${MAX_PAGE_SIZE}; it is ${count}.`);
  if (top !== undefined && (count !== undefined || query.page !== undefined || query.returnTotalRecordCount)) {
    throw fetchError(FETCH_ERRORS.invalidArgument, 'The top attribute cannot be combined with page, count or returntotalrecordcount.');
  }
}

/** Gives every link-entity its alias up front, in document order, and enforces the 15 link-entity limit. */
function scopeOf(entity: XmlElement, table: EmulatorTable): ParseScope {
  const scope: ParseScope = { tables: new Map([['', table]]), aliasOf: new Map() };
  const links: XmlElement[] = [];
  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      if (child.name === 'link-entity') links.push(child);
      walk(child);
    }
  };
  walk(entity);
  if (links.length > MAX_LINK_ENTITIES) {
    throw fetchError(FETCH_ERRORS.tooManyLinkEntities, `Number of link entities in query exceeded maximum limit: ${links.length} link-entity elements, at most ${MAX_LINK_ENTITIES}.`);
  }
  links.forEach((link, index) => {
    const name = required(link, 'name');
    const alias = link.attributes.get('alias') ?? `${name}${index + 1}`;
    if (scope.tables.has(alias)) throw fetchError(FETCH_ERRORS.invalidArgument, `The link-entity alias '${alias}' is used twice.`);
    scope.tables.set(alias, tableByName(name));
    scope.aliasOf.set(link, alias);
  });
  return scope;
}

function parseEntity(element: XmlElement, table: EmulatorTable, alias: string, scope: ParseScope): EntityNode {
  const node: EntityNode = { table, alias, attributes: [], allAttributes: false, orders: [], links: [] };
  const filters: FilterNode[] = [];
  for (const child of element.children) {
    if (child.name === 'attribute') node.attributes.push(parseAttribute(child, table));
    else if (child.name === 'all-attributes') node.allAttributes = true;
    else if (child.name === 'order') node.orders.push(parseOrder(child, alias, scope));
    else if (child.name === 'filter') filters.push(parseFilter(child, alias, scope, (link, parent) => parseLink(link, parent, scope, true)));
    else node.links.push(parseLink(child, alias, scope, false));
  }
  if (filters.length > 0) node.filter = filters.length === 1 ? filters[0] : { kind: 'filter', type: 'and', items: filters };
  return node;
}

function parseLink(element: XmlElement, parentAlias: string, scope: ParseScope, inFilter: boolean): LinkNode {
  const alias = scope.aliasOf.get(element) ?? '';
  const table = scope.tables.get(alias);
  const parent = scope.tables.get(parentAlias);
  if (!table || !parent) throw fetchError(FETCH_ERRORS.invalidNode, 'A link-entity could not be placed in the query.');
  const linkType = element.attributes.get('link-type') ?? 'inner';
  const allowed = inFilter ? ['any', 'not any'] : JOIN_TYPES;
  if (!allowed.includes(linkType)) {
    const where = inFilter ? 'inside a filter (use any or not any)' : 'here (use inner, outer, exists or in; any and not any go inside a filter)';
    throw fetchError(FETCH_ERRORS.invalidLinkType, `The link-type '${linkType}' of link-entity '${table.logicalName}' is not valid ${where}.`);
  }
  const from = element.attributes.get('from');
  const to = element.attributes.get('to');
  return {
    ...parseEntity(element, table, alias, scope),
    linkType: linkType as LinkNode['linkType'],
    fromColumn: from === undefined ? table.primaryId : columnOf(table, from),
    toColumn: to === undefined ? parent.primaryId : columnOf(parent, to),
    parentAlias,
  };
}

function parseAttribute(element: XmlElement, table: EmulatorTable): AttributeNode {
  const name = required(element, 'name');
  const aggregate = element.attributes.get('aggregate')?.toLowerCase();
  if (aggregate !== undefined && !AGGREGATES.includes(aggregate)) {
    throw fetchError(FETCH_ERRORS.invalidAggregate, `The aggregate '${aggregate}' on attribute '${name}' is not valid.`);
  }
  const dateGrouping = element.attributes.get('dategrouping')?.toLowerCase();
  if (dateGrouping !== undefined && !DATE_GROUPINGS.includes(dateGrouping)) {
    throw fetchError(FETCH_ERRORS.invalidAggregate, `The dategrouping '${dateGrouping}' on attribute '${name}' is not valid.`);
  }
  return {
    name,
    column: columnOf(table, name),
    alias: element.attributes.get('alias'),
    aggregate: aggregate as AggregateFunction | undefined,
    groupBy: flag(element, 'groupby'),
    distinct: flag(element, 'distinct'),
    dateGrouping: dateGrouping as DateGrouping | undefined,
  };
}

function parseOrder(element: XmlElement, alias: string, scope: ParseScope): OrderNode {
  const descending = flag(element, 'descending');
  const byAlias = element.attributes.get('alias');
  if (byAlias !== undefined) return { alias: byAlias, descending };
  const owner = element.attributes.get('entityname') ?? alias;
  const table = scope.tables.get(owner);
  if (!table) throw fetchError(FETCH_ERRORS.aliasDoesNotExist, `The order's entityname '${owner}' matches no link-entity alias in the query.`);
  return { owner, column: columnOf(table, required(element, 'attribute')), descending };
}

function everyNode(entity: EntityNode): EntityNode[] {
  return [entity, ...entity.links.flatMap(everyNode)];
}

/** Aggregate queries need an alias on every attribute and an aggregate or groupby on each; plain ones neither. */
function checkAggregate(query: FetchQuery): void {
  const nodes = everyNode(query.entity);
  const attributes = nodes.flatMap((node) => node.attributes);
  const aliases = new Set(attributes.map((attribute) => attribute.alias).filter((alias) => alias !== undefined));
  for (const node of nodes) {
    for (const order of node.orders) {
      if (order.alias !== undefined && !aliases.has(order.alias)) {
        throw fetchError(FETCH_ERRORS.aliasDoesNotExist, `The order alias '${order.alias}' matches no attribute alias in the query.`);
      }
    }
  }
  if (!query.aggregate) {
    const stray = attributes.find((attribute) => attribute.aggregate !== undefined || attribute.groupBy);
    if (stray) throw fetchError(FETCH_ERRORS.invalidAggregate, `The attribute '${stray.name}' uses aggregate or groupby, but the fetch is not aggregate="true".`);
    return;
  }
  if (nodes.some((node) => node.allAttributes)) throw fetchError(FETCH_ERRORS.invalidAggregate, 'An aggregate query cannot use <all-attributes>.');
  for (const attribute of attributes) {
    if (attribute.alias === undefined) throw fetchError(FETCH_ERRORS.noAlias, `The aggregate query's attribute '${attribute.name}' needs an alias.`);
    if (attribute.aggregate === undefined && !attribute.groupBy) {
      throw fetchError(FETCH_ERRORS.invalidAggregate, `The attribute '${attribute.name}' of an aggregate query needs an aggregate or groupby="true".`);
    }
    if (attribute.dateGrouping !== undefined && !attribute.groupBy) {
      throw fetchError(FETCH_ERRORS.invalidAggregate, `The dategrouping on attribute '${attribute.name}' needs groupby="true".`);
    }
  }
  const duplicate = attributes.find((attribute, index) => attributes.findIndex((other) => other.alias === attribute.alias) !== index);
  if (duplicate) throw fetchError(FETCH_ERRORS.invalidArgument, `The alias '${duplicate.alias ?? ''}' is used by more than one attribute.`);
}
