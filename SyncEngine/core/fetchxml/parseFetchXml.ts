import { QueryError } from '../../contracts/errors';
import {
  AGGREGATE_FUNCTIONS,
  DATE_GROUPINGS,
  LINK_TYPES,
  combine,
  type AggregateFunction,
  type AttributeNode,
  type DateGrouping,
  type EntityNode,
  type FilterNode,
  type LinkNode,
  type LinkType,
  type OrderNode,
  type QueryTree,
} from '../odata';
import { compileCondition } from './compileCondition';
import { flag, required } from './fetchAttributes';
import { readXml, type XmlElement } from './readXml';

/** Dataverse allows at most 15 link-entity elements in one query (error 0x8004430D). */
export const MAX_LINK_ENTITIES = 15;
/** The most rows one FetchXML page (`count`) or `top` may ask for. */
const MAX_PAGE_SIZE = 5000;

/** The attributes each element accepts; anything else is rejected, so a typo never silently widens a query. */
const ATTRIBUTES: ReadonlyMap<string, readonly string[]> = entries({
  fetch: ['top', 'count', 'page', 'paging-cookie', 'distinct', 'returntotalrecordcount', 'aggregate', 'aggregatelimit', 'version', 'mapping', 'output-format', 'no-lock', 'latematerialize', 'useraworderby', 'options', 'datasource'],
  entity: ['name'],
  'link-entity': ['name', 'from', 'to', 'alias', 'link-type', 'visible', 'intersect'],
  attribute: ['name', 'alias', 'aggregate', 'groupby', 'distinct', 'dategrouping', 'usertimezone'],
  'all-attributes': [],
  order: ['attribute', 'alias', 'descending', 'entityname'],
  filter: ['type', 'isquickfindfields', 'overridequickfindrecordlimitenabled', 'overridequickfindrecordlimitdisabled', 'bypassquickfind', 'hint'],
  condition: ['attribute', 'operator', 'value', 'valueof', 'entityname', 'uiname', 'uitype', 'uihidden'],
  value: ['uiname', 'uitype'],
});
const CHILDREN: ReadonlyMap<string, readonly string[]> = entries({
  fetch: ['entity'],
  entity: ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  'link-entity': ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  filter: ['condition', 'filter', 'link-entity'],
  condition: ['value'],
  attribute: [],
  'all-attributes': [],
  order: [],
  value: [],
});

/**
 * Compiles a FetchXML query into the shared query tree: `fetch` options, the entity's columns, filter, order and
 * joins. Inner and outer links become joins; `any`, `not any`, `exists` and `in` become semi-join (`exists`)
 * filter nodes of the entity they sit in. Condition values stay untyped (the column decides) except GUIDs.
 * @throws QueryError ('invalid-query') for malformed XML or an unknown element, attribute or operator, naming it.
 */
export function parseFetchXml(source: string): QueryTree {
  const root = readXml(source);
  if (root.name !== 'fetch') throw new QueryError(`FetchXML must start with <fetch>, not <${root.name}>.`);
  const compiler = new FetchCompiler();
  compiler.check(root);
  const entityElements = root.children;
  if (entityElements.length !== 1) throw new QueryError('<fetch> must contain exactly one <entity>.');
  const top = integer(root, 'top', 0);
  const page = integer(root, 'page', 1);
  const count = integer(root, 'count', 1);
  const returnTotalRecordCount = flag(root, 'returntotalrecordcount');
  if (top !== undefined && (page !== undefined || count !== undefined || returnTotalRecordCount)) {
    throw new QueryError("The fetch attribute 'top' cannot be used with 'page', 'count' or 'returntotalrecordcount'.");
  }
  for (const [name, value] of [['top', top], ['count', count]] as const) {
    if (value !== undefined && value > MAX_PAGE_SIZE) throw new QueryError(`The fetch attribute '${name}' is ${String(value)}; Dataverse allows at most ${String(MAX_PAGE_SIZE)}.`);
  }
  const entity = compiler.entity(entityElements[0]);
  return {
    entity,
    top,
    page,
    count,
    distinct: flag(root, 'distinct'),
    aggregate: flag(root, 'aggregate'),
    returnTotalRecordCount,
    pagingCookie: root.attributes.get('paging-cookie'),
  };
}

class FetchCompiler {
  private links = 0;

  /** Every element and attribute is one FetchXML knows, all the way down. */
  check(element: XmlElement): void {
    const allowed = ATTRIBUTES.get(element.name);
    if (allowed === undefined) throw new QueryError(`Unknown FetchXML element <${element.name}>.`);
    for (const name of element.attributes.keys()) {
      if (!allowed.includes(name)) throw new QueryError(`Unknown attribute '${name}' on FetchXML element <${element.name}>.`);
    }
    for (const child of element.children) {
      if (!ATTRIBUTES.has(child.name)) throw new QueryError(`Unknown FetchXML element <${child.name}>.`);
      if (!(CHILDREN.get(element.name) ?? []).includes(child.name)) throw new QueryError(`FetchXML element <${child.name}> is not allowed inside <${element.name}>.`);
      this.check(child);
    }
  }

  entity(element: XmlElement): EntityNode {
    return this.entityBody(element, required(element, 'name'), false);
  }

  /** The parts `entity` and `link-entity` share. `semi` marks the inside of a semi-join, where joins only restrict. */
  private entityBody(element: XmlElement, name: string, semi: boolean): EntityNode {
    const attributes: AttributeNode[] = [];
    const orders: OrderNode[] = [];
    const links: LinkNode[] = [];
    const filters: FilterNode[] = [];
    let allAttributes = false;
    for (const child of element.children) {
      switch (child.name) {
        case 'attribute':
          attributes.push(attribute(child));
          break;
        case 'all-attributes':
          allAttributes = true;
          break;
        case 'order':
          orders.push(order(child));
          break;
        case 'filter': {
          const filter = this.filter(child);
          if (filter) filters.push(filter);
          break;
        }
        case 'link-entity': {
          const link = this.link(child, semi);
          if (child.attributes.get('link-type') === 'any' || child.attributes.get('link-type') === 'not any') {
            throw new QueryError(`The <link-entity name="${link.name}"> of link-type '${String(child.attributes.get('link-type'))}' must sit inside a <filter>, as Dataverse requires.`);
          }
          if (link.type === 'inner' || link.type === 'outer') links.push(link);
          else filters.push(semiJoin(link));
          break;
        }
      }
    }
    return { name, attributes, allAttributes, filter: combine('and', filters), orders, links };
  }

  private link(element: XmlElement, insideSemi: boolean): LinkNode {
    this.links += 1;
    const name = required(element, 'name');
    if (this.links > MAX_LINK_ENTITIES) {
      throw new QueryError(`The query has more than ${MAX_LINK_ENTITIES} link-entity elements (at <link-entity name="${name}">); Dataverse refuses it (0x8004430D).`);
    }
    const written = (element.attributes.get('link-type') ?? 'inner') as LinkType;
    if ((written as string) === 'all' || (written as string) === 'not all') {
      throw new QueryError(`The link-type '${written}' (on <link-entity name="${name}">) is not supported offline; use 'any' or 'not any' inside a <filter>.`);
    }
    if (!LINK_TYPES.includes(written)) throw new QueryError(`Unknown link-type '${written}' on <link-entity name="${name}">.`);
    // Inside a semi-join only existence matters: an inner join there is itself a semi-join, an outer one a no-op.
    const type: LinkType = insideSemi && written === 'inner' ? 'exists' : written;
    const semi = insideSemi || (type !== 'inner' && type !== 'outer');
    const body = this.entityBody(element, name, semi);
    const link: LinkNode = {
      ...body,
      type,
      from: required(element, 'from'),
      to: required(element, 'to'),
      alias: element.attributes.get('alias') ?? `${name}${String(this.links)}`,
    };
    return link;
  }

  private filter(element: XmlElement): FilterNode | undefined {
    const type = element.attributes.get('type') ?? 'and';
    if (type !== 'and' && type !== 'or') throw new QueryError(`Unknown filter type '${type}': use 'and' or 'or'.`);
    const parts: FilterNode[] = [];
    for (const child of element.children) {
      if (child.name === 'condition') parts.push(compileCondition(child));
      else if (child.name === 'filter') {
        const nested = this.filter(child);
        if (nested) parts.push(nested);
      } else {
        const link = this.link(child, true);
        if (link.type === 'outer') throw new QueryError(`A <link-entity name="${link.name}"> inside a filter must be link-type any, not any, exists or in.`);
        parts.push(semiJoin(link));
      }
    }
    return combine(type, parts);
  }
}

function semiJoin(link: LinkNode): FilterNode {
  const node: FilterNode = { kind: 'exists', link: { ...link, type: link.type === 'not any' ? 'any' : link.type } };
  return link.type === 'not any' ? { kind: 'not', operand: node } : node;
}

function attribute(element: XmlElement): AttributeNode {
  const node: AttributeNode = { name: required(element, 'name') };
  const alias = element.attributes.get('alias');
  if (alias !== undefined) node.alias = alias;
  const aggregate = element.attributes.get('aggregate');
  if (aggregate !== undefined) {
    if (!(AGGREGATE_FUNCTIONS as readonly string[]).includes(aggregate)) throw new QueryError(`Unknown aggregate '${aggregate}' on <attribute name="${node.name}">.`);
    node.aggregate = aggregate as AggregateFunction;
  }
  if (flag(element, 'groupby')) node.groupBy = true;
  if (flag(element, 'distinct')) node.distinct = true;
  const grouping = element.attributes.get('dategrouping');
  if (grouping !== undefined) {
    if (!(DATE_GROUPINGS as readonly string[]).includes(grouping)) throw new QueryError(`Unknown or unsupported dategrouping '${grouping}' on <attribute name="${node.name}">.`);
    node.dateGrouping = grouping as DateGrouping;
  }
  return node;
}

function order(element: XmlElement): OrderNode {
  const descending = flag(element, 'descending');
  const alias = element.attributes.get('alias');
  const column = element.attributes.get('attribute');
  if ((alias === undefined) === (column === undefined)) throw new QueryError("An <order> needs either 'attribute' or 'alias'.");
  if (alias !== undefined) return { alias, descending };
  const entityName = element.attributes.get('entityname');
  return { column: entityName === undefined ? (column as string) : `${entityName}.${column as string}`, descending };
}

function integer(element: XmlElement, name: string, minimum: number): number | undefined {
  const value = element.attributes.get(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < minimum) {
    throw new QueryError(`The attribute '${name}' of <${element.name}> must be a whole number of at least ${String(minimum)}, not '${value}'.`);
  }
  return Number(value);
}

/** A plain object as a map, so an element named like an `Object.prototype` member is not mistaken for a known one. */
function entries<T>(record: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(record));
}
