import { ConfigError, QueryError } from '../../contracts/errors';
import type { OfflineProfile, ProfileRelationship, ProfileTable } from '../../contracts/profile';
import { MAX_LINK_ENTITIES, renderFetchXml } from '../fetchxml';
import { combine, lookupLogicalName, parseFilter, renameColumns, type FilterNode, type LinkNode, type QueryTree } from '../odata';
import { profileFetchFilter } from './profileFetchFilter';
import { requiredColumns } from './rowFilter';

/**
 * The FetchXML that selects exactly one table's slice of a profile on the server: the rows the device keeps
 * after downloading the whole table and filtering it (`rowPredicate`, `relatedPredicate`), with the columns the
 * download asks for (`requiredColumns`; lookups by logical name) in primary-key order.
 *
 * Why it selects exactly those rows, filter by filter:
 * - all rows: no filter; the device keeps every row.
 * - owner: `rowPredicate` compares `_ownerid_value` with the user (and, for a team, also the user's teams) or
 *   `_owningbusinessunit_value` with the user's business unit, GUIDs case-insensitively, null never matching —
 *   which is `eq-userid`, `eq-useroruserteams` on `ownerid` and `eq-businessid` on `owningbusinessunit`.
 * - custom: the OData `$filter` compiles to the filter tree the device evaluates, and the renderer spells that
 *   tree in FetchXML; a FetchXML filter is sent as its filter and link-entities (`profileFetchFilter`). For
 *   those link-entities the device keeps what it cannot decide (`fetchXmlPredicate`): the server's answer is
 *   the exact one, and what the device keeps once the server filters.
 * - related rows only: the device keeps a row when it points at (through a relationship's lookup) a row of a
 *   related table on the device, or such a row points at it. The pass downloads tables with their own filter
 *   first, then the related-rows tables in profile order (`SyncPass`), so "on the device" means the related
 *   table's own slice for every table before this one in that order, and nothing for the tables after it (on
 *   the first download they are still empty). Each relationship to an earlier table becomes a link-entity of
 *   link-type `any` — `from` the related table's key to this row's lookup, or `from` the related table's lookup
 *   to this row's key — holding that table's slice filter, rendered the same way, recursively; the relationships
 *   are or-ed, and a table with none keeps no rows (its primary key is never null). Recursion only goes to
 *   earlier tables, so it ends, even where relationships form a cycle when read in both directions.
 * The nested link-entities count towards Dataverse's limit of 15 per query; a profile whose chain needs more
 * is refused, naming the table, rather than sent to fail on the server (0x8004430D).
 * @throws ConfigError naming the table: not in the profile, over the link-entity limit, or a filter FetchXML
 *   cannot spell.
 */
export function sliceQuery(profile: OfflineProfile, tableName: string): string {
  return renderFetchXml(sliceQueryTree(profile, tableName));
}

/** The slice query as a query tree, before rendering. */
export function sliceQueryTree(profile: OfflineProfile, tableName: string): QueryTree {
  const table = profile.tables.find((candidate) => candidate.logicalName === tableName);
  if (!table) throw new ConfigError(`Table "${tableName}" is not in the offline profile "${profile.name}".`);
  try {
    const builder = new SliceBuilder(profile, table);
    const columns = [...new Set(requiredColumns(table).map(lookupLogicalName))];
    const tree: QueryTree = {
      entity: {
        name: table.logicalName,
        attributes: columns.map((name) => ({ name })),
        allAttributes: false,
        filter: builder.filter,
        orders: [{ column: table.primaryId, descending: false }],
        links: [],
      },
      distinct: false,
      aggregate: false,
      returnTotalRecordCount: false,
    };
    renderFetchXml(tree); // fails here, naming the table, on anything FetchXML cannot say
    return tree;
  } catch (error) {
    if (error instanceof QueryError) throw new ConfigError(`Table "${tableName}": its slice cannot be sent to the server as FetchXML: ${error.message}`, { cause: error });
    throw error;
  }
}


/** Builds one table's slice filter, counting link-entities as it goes so a deep chain fails before it grows. */
class SliceBuilder {
  readonly filter: FilterNode | undefined;
  private links = 0;
  private readonly order: string[];
  private readonly tables: Map<string, ProfileTable>;

  constructor(
    private readonly profile: OfflineProfile,
    private readonly root: ProfileTable,
  ) {
    this.tables = new Map(profile.tables.map((table) => [table.logicalName, table]));
    this.order = downloadOrder(profile);
    this.filter = this.sliceOf(root);
  }

  private sliceOf(table: ProfileTable): FilterNode | undefined {
    const filter = table.filter;
    switch (filter.kind) {
      case 'all':
        return undefined;
      case 'owner':
        return filter.scope === 'businessUnit'
          ? { kind: 'identity', operator: 'eq-businessid', column: 'owningbusinessunit' }
          : { kind: 'identity', operator: filter.scope === 'team' ? 'eq-useroruserteams' : 'eq-userid', column: 'ownerid' };
      case 'custom': {
        const own = 'fetchXml' in filter ? profileFetchFilter(table, filter.fetchXml) : renameColumns(parseFilter(filter.filter), lookupLogicalName);
        return own ? this.realias(own) : undefined;
      }
      case 'related':
        return this.relatedOf(table);
    }
  }

  /** The or of a link-entity `any` per relationship to an earlier table; never-true when there is none. */
  private relatedOf(table: ProfileTable): FilterNode {
    const name = table.logicalName;
    const position = this.order.indexOf(name);
    const parts: FilterNode[] = [];
    for (const rel of this.profile.relationships) {
      const other = rel.from === name ? rel.to : rel.to === name ? rel.from : undefined;
      const related = other === undefined ? undefined : this.tables.get(other);
      if (!related || this.order.indexOf(related.logicalName) >= position) continue;
      parts.push(this.link(table, related, rel));
    }
    return combine('or', parts) ?? { kind: 'compare', operator: 'eq', left: { kind: 'column', name: table.primaryId }, right: { kind: 'literal', type: 'null', value: null } };
  }

  private link(table: ProfileTable, related: ProfileTable, rel: ProfileRelationship): FilterNode {
    const alias = this.nextAlias(related.logicalName);
    const pointsAtRelated = rel.from === table.logicalName;
    const link: LinkNode = {
      name: related.logicalName,
      from: pointsAtRelated ? related.primaryId : lookupLogicalName(rel.lookup),
      to: pointsAtRelated ? lookupLogicalName(rel.lookup) : table.primaryId,
      alias,
      type: 'any',
      attributes: [],
      allAttributes: false,
      orders: [],
      links: [],
      filter: this.sliceOf(related),
    };
    return { kind: 'exists', link };
  }

  /** A custom filter's own link-entities get fresh aliases: the same filter may be embedded twice in one query. */
  private realias(node: FilterNode): FilterNode {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { ...node, left: this.realias(node.left), right: this.realias(node.right) };
      case 'not':
        return { ...node, operand: this.realias(node.operand) };
      case 'exists': {
        const alias = this.nextAlias(node.link.name);
        return { kind: 'exists', link: { ...node.link, alias, filter: node.link.filter ? this.realias(node.link.filter) : undefined } };
      }
      default:
        return node;
    }
  }

  private nextAlias(table: string): string {
    this.links += 1;
    if (this.links > MAX_LINK_ENTITIES) {
      throw new ConfigError(
        `Table "${this.root.logicalName}": its rows are chosen through more than ${MAX_LINK_ENTITIES} link-entities (at "${table}"), more than Dataverse allows in one query. Ask the maker to shorten the chain of related tables in the offline profile "${this.profile.name}".`,
      );
    }
    return `slice${this.links}_${table}`;
  }
}

/** The order the sync pass downloads a whole profile in: tables with their own filter, then related-rows tables. */
export function downloadOrder(profile: OfflineProfile): string[] {
  const names = profile.tables.map((table) => table.logicalName);
  const related = new Set(profile.tables.filter((table) => table.filter.kind === 'related').map((table) => table.logicalName));
  return [...names.filter((name) => !related.has(name)), ...names.filter((name) => related.has(name))];
}
