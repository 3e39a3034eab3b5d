import { etagOf } from '../store';
import type { AttributeNode, EntityNode, FetchQuery } from './FetchQuery';
import type { JoinedRecord } from './joinRows';
import { logicalNameOf } from './schema';

type Data = Record<string, unknown>;

/** Every entity of the query that can return columns, the queried one first, in document order. */
export function joinedEntities(entity: EntityNode): EntityNode[] {
  return [entity, ...entity.links.filter((link) => link.linkType === 'inner' || link.linkType === 'outer').flatMap(joinedEntities)];
}

/**
 * The columns of one entity in a result row, as the Web API names them: the queried table's own columns as
 * stored (`name`, lookups `_x_value`), a link-entity's as `alias.logicalname`, an aliased attribute by its alias.
 * Null columns are left out.
 */
function entityColumns(entity: EntityNode, data: Data, out: Data): void {
  const linked = entity.alias !== '';
  const keyOf = (column: string): string => (linked ? `${entity.alias}.${logicalNameOf(column)}` : column);
  const everything = entity.allAttributes || (!linked && entity.attributes.length === 0);
  if (everything) {
    for (const column of entity.table.columns) {
      const value = data[column];
      if (value !== null && value !== undefined) out[keyOf(column)] = value;
    }
  }
  for (const attribute of entity.attributes) {
    const value = data[attribute.column];
    if (value !== null && value !== undefined) out[attribute.alias ?? keyOf(attribute.column)] = value;
  }
}

/**
 * A joined record as the Web API returns it: the queried row's etag and primary key (left out with `distinct`,
 * which compares selected columns only), then each entity's columns.
 */
export function projectRecord(query: FetchQuery, record: JoinedRecord): Data {
  const out: Data = {};
  const { entity } = query;
  if (!query.distinct) {
    out['@odata.etag'] = etagOf(record.root.version);
    out[entity.table.primaryId] = record.root.data[entity.table.primaryId];
  }
  for (const node of joinedEntities(entity)) {
    const data = record.rows.get(node.alias);
    if (data) entityColumns(node, data, out);
  }
  return out;
}

/** Which entity an attribute alias belongs to, for `order alias="…"`. */
export function attributeByAlias(entity: EntityNode, alias: string): { owner: string; attribute: AttributeNode } | undefined {
  for (const node of joinedEntities(entity)) {
    const attribute = node.attributes.find((candidate) => candidate.alias === alias);
    if (attribute) return { owner: node.alias, attribute };
  }
  return undefined;
}
