import { QueryError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import { ETAG, type Row } from '../../contracts/rows';
import { compareValues, lookupLogicalName, type AttributeNode, type EntityNode, type OrderNode, type QueryTree } from '../odata';
import { aggregateRows, type BoundAggregate } from './aggregateRows';
import { flatten, type Binder, type BoundJoin } from './queryBinder';


interface Output {
  source: string;
  key: string;
}

/** The rows of a plain query as Dataverse returns them: ordered, its columns and joined `alias.column`s, no nulls. */
export function projectRows(tree: QueryTree, table: ProfileTable, joins: readonly BoundJoin[], rows: readonly Row[], binder: Binder): Row[] {
  const entity = tree.entity;
  const everything = entity.allAttributes || entity.attributes.length === 0;
  const rootOutputs = entity.attributes.map((attribute) => {
    const source = binder.column(table, attribute.name, 'entity');
    return { source, key: attribute.alias ?? source };
  });
  if (!everything && !tree.distinct && !rootOutputs.some((output) => output.source === table.primaryId)) {
    rootOutputs.push({ source: table.primaryId, key: table.primaryId });
  }
  const joinOutputs = flatten(joins).flatMap((join) => joinColumns(join, binder));
  const prefixes = flatten(joins).map((join) => join.prefix);
  const sorted = sortRows(rows, orderKeys(tree.entity, joins, binder, (name) => binder.rootColumn(name, table, joins), aliasSources(entity, rootOutputs, joins, binder)));
  const projected = sorted.map((row) => {
    const result: Row = {};
    if (everything) {
      for (const [key, value] of Object.entries(row)) {
        if (!prefixes.some((prefix) => key.startsWith(prefix)) && !(tree.distinct && key === ETAG)) result[key] = value;
      }
    } else {
      if (!tree.distinct && row[ETAG] !== undefined) result[ETAG] = row[ETAG];
      copyColumns(row, result, rootOutputs);
    }
    copyColumns(row, result, joinOutputs);
    for (const join of flatten(joins)) {
      if (!join.node.allAttributes) continue;
      for (const column of ownColumns(row, join.prefix)) {
        copyColumns(row, result, [{ source: join.prefix + column, key: join.prefix + lookupLogicalName(column) }]);
      }
    }
    return withoutNulls(result);
  });
  return tree.distinct ? distinct(projected) : projected;
}

/** The columns (not annotations) a joined table contributed to a joined row under `prefix`. */
function ownColumns(row: Row, prefix: string): string[] {
  return Object.keys(row)
    .filter((key) => key.startsWith(prefix) && !key.includes('@'))
    .map((key) => key.slice(prefix.length))
    .filter((column) => !column.includes('.'));
}

function joinColumns(join: BoundJoin, binder: Binder): Output[] {
  return join.node.attributes.map((attribute) => {
    const local = binder.column(join.table, attribute.name, `link-entity "${join.node.alias}"`);
    return { source: join.prefix + local, key: attribute.alias ?? join.prefix + lookupLogicalName(local) };
  });
}

/** Copies each column and its annotations (`column@OData.Community.Display.V1.FormattedValue`…). */
function copyColumns(row: Row, result: Row, outputs: readonly Output[]): void {
  for (const output of outputs) {
    if (output.source in row) result[output.key] = row[output.source];
    const annotation = `${output.source}@`;
    for (const key of Object.keys(row)) if (key.startsWith(annotation)) result[output.key + key.slice(output.source.length)] = row[key];
  }
}

function withoutNulls(row: Row): Row {
  const result: Row = {};
  for (const [key, value] of Object.entries(row)) if (value !== null && value !== undefined) result[key] = value;
  return result;
}

function distinct(rows: readonly Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where an attribute alias reads from, for `<order alias>` in a plain (not aggregate) query. */
function aliasSources(entity: EntityNode, rootOutputs: readonly Output[], joins: readonly BoundJoin[], binder: Binder): Map<string, string> {
  const sources = new Map<string, string>();
  entity.attributes.forEach((attribute, index) => {
    if (attribute.alias !== undefined) sources.set(attribute.alias, rootOutputs[index].source);
  });
  for (const join of flatten(joins)) {
    for (const output of joinColumns(join, binder)) sources.set(output.key, output.source);
  }
  return sources;
}

interface SortKey {
  key: string;
  descending: boolean;
}

/** The entity's orders first, then each link-entity's, in document order. */
function orderKeys(
  entity: EntityNode,
  joins: readonly BoundJoin[],
  binder: Binder,
  rootColumn: (name: string) => string,
  aliases: ReadonlyMap<string, string>,
): SortKey[] {
  const keyOf = (order: OrderNode, column: (name: string) => string): SortKey => {
    if ('alias' in order) {
      const source = aliases.get(order.alias);
      if (source === undefined) throw new QueryError(`The order alias "${order.alias}" names no attribute alias of this query.`);
      return { key: source, descending: order.descending };
    }
    return { key: column(order.column), descending: order.descending };
  };
  const keys = entity.orders.map((order) => keyOf(order, rootColumn));
  for (const join of flatten(joins)) {
    const own = (name: string): string => join.prefix + binder.column(join.table, name, `link-entity "${join.node.alias}"`);
    keys.push(...join.node.orders.map((order) => keyOf(order, own)));
  }
  return keys;
}

function sortRows(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  if (keys.length === 0) return [...rows];
  return [...rows].sort((a, b) => {
    for (const { key, descending } of keys) {
      const order = compareValues(a[key], b[key]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

/** The groups of an aggregate query, keyed by attribute alias, in its alias order. */
export function aggregateResults(tree: QueryTree, table: ProfileTable, joins: readonly BoundJoin[], rows: readonly Row[], binder: Binder): Row[] {
  const columns: BoundAggregate[] = [];
  const add = (attribute: AttributeNode, source: string): void => {
    if (attribute.aggregate === undefined && attribute.groupBy !== true) {
      throw new QueryError(`The attribute "${attribute.name}" of an aggregate query needs an aggregate or groupby="true".`);
    }
    if (attribute.alias === undefined) throw new QueryError(`The aggregate attribute "${attribute.name}" needs an alias.`);
    columns.push({ attribute, alias: attribute.alias, source });
  };
  if (tree.entity.allAttributes) throw new QueryError('An aggregate query cannot use <all-attributes>.');
  for (const attribute of tree.entity.attributes) add(attribute, binder.column(table, attribute.name, 'entity'));
  for (const join of flatten(joins)) {
    for (const attribute of join.node.attributes) add(attribute, join.prefix + binder.column(join.table, attribute.name, `link-entity "${join.node.alias}"`));
  }
  if (columns.length === 0) throw new QueryError('An aggregate query needs at least one attribute with an aggregate.');
  const grouped = aggregateRows(rows, columns);
  const orders = [tree.entity, ...flatten(joins).map((join) => join.node)].flatMap((entity) => entity.orders);
  const keys = orders.map((order) => {
    if (!('alias' in order)) throw new QueryError(`An aggregate query orders by an attribute alias, not by the column "${order.column}".`);
    if (!columns.some((column) => column.alias === order.alias)) throw new QueryError(`The order alias "${order.alias}" names no attribute alias of this query.`);
    return { key: order.alias, descending: order.descending };
  });
  return sortRows(grouped, keys);
}
