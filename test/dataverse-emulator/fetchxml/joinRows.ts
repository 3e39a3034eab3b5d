import type { EmulatorStore, StoredRow, TableState } from '../store';
import type { EntityNode, FetchQuery, FilterNode, LinkNode } from './FetchQuery';
import { FETCH_ERRORS, fetchError } from './errors';
import { type FetchEnvironment, type JoinedRows, evaluateCondition } from './evaluateCondition';

type Data = Record<string, unknown>;

/**
 * Joins can multiply rows combinatorially (15 one-to-many outer joins); past this many joined rows the emulator
 * refuses the query rather than exhaust its memory, as Dataverse would time out on it.
 */
export const MAX_JOINED_ROWS = 500_000;

/**
 * Join indexes outlive a request while the table is unchanged: every write bumps the store's version, and undoing
 * a changeset shortens the table's log, so the stamp changes whenever a row could have.
 */
const INDEX_CACHE = new WeakMap<TableState, { stamp: string; indexes: Map<string, Map<string, StoredRow[]>> }>();

function cachedIndexes(store: EmulatorStore, state: TableState): Map<string, Map<string, StoredRow[]>> {
  const stamp = `${String(store.version)}:${String(state.log.length)}`;
  const cached = INDEX_CACHE.get(state);
  if (cached?.stamp === stamp) return cached.indexes;
  const indexes = new Map<string, Map<string, StoredRow[]>>();
  INDEX_CACHE.set(state, { stamp, indexes });
  return indexes;
}

/**
 * Semi-join key sets outlive a request while no row under them changed (`RowJoiner.stamp`), for links whose answer
 * does not move with the clock: the slice queries of a sync ask the same nested links table after table.
 */
const KEY_CACHE = new WeakMap<EmulatorStore, Map<string, { stamp: string; keys: Set<string> }>>();
const KEY_CACHE_ENTRIES = 64;
/** Operators whose answer depends only on the rows and the user, not on the time the query runs. */
const TIMELESS = new Set(['eq', 'ne', 'neq', 'gt', 'ge', 'lt', 'le', 'between', 'not-between', 'in', 'not-in', 'null', 'not-null', 'like', 'not-like', 'begins-with', 'not-begin-with', 'ends-with', 'not-end-with', 'eq-userid', 'ne-userid', 'eq-userteams', 'eq-useroruserteams', 'eq-businessid', 'ne-businessid', 'on', 'on-or-after', 'on-or-before']);

function remember(store: EmulatorStore, signature: string, entry: { stamp: string; keys: Set<string> }): void {
  let cache = KEY_CACHE.get(store);
  if (!cache) KEY_CACHE.set(store, (cache = new Map()));
  if (cache.size >= KEY_CACHE_ENTRIES) cache.clear();
  cache.set(signature, entry);
}

/** What decides a link's key set, as text; undefined when a condition under it reads the clock. */
function stableSignature(link: EntityNode): string | undefined {
  const parts: string[] = [];
  const seen = { clock: false };
  const entity = (node: EntityNode): void => {
    const asLink = node as Partial<LinkNode>;
    parts.push(`[${node.table.entitySet} ${node.alias} ${asLink.linkType ?? ''} ${asLink.fromColumn ?? ''} ${asLink.toColumn ?? ''} ${asLink.parentAlias ?? ''}`);
    filter(node.filter);
    node.links.forEach(entity);
    parts.push(']');
  };
  const filter = (node: FilterNode | undefined): void => {
    if (!node) return;
    if (node.kind === 'condition') {
      if (!TIMELESS.has(node.operator)) seen.clock = true;
      parts.push(JSON.stringify([node.owner, node.column, node.operator, node.values, node.otherColumn ?? null]));
    } else if (node.kind === 'filter') {
      parts.push(`(${node.type}`);
      node.items.forEach(filter);
      parts.push(')');
    } else entity(node.link);
  };
  entity(link);
  return seen.clock ? undefined : parts.join('');
}

/** Aliases of a link-entity and the link-entities under it (in its links and in its filter's semijoins). */
function subtreeAliases(link: EntityNode, into: Set<string>): Set<string> {
  into.add(link.alias);
  for (const child of link.links) subtreeAliases(child, into);
  const visit = (filter: FilterNode | undefined): void => {
    if (!filter) return;
    if (filter.kind === 'filter') filter.items.forEach(visit);
    else if (filter.kind === 'semijoin') subtreeAliases(filter.link, into);
  };
  visit(link.filter);
  return into;
}

/** Every condition under the link names one of its own aliases: whether it matches depends on the join key alone. */
function selfContained(link: LinkNode): boolean {
  const aliases = subtreeAliases(link, new Set());
  const conditionsOk = (entity: EntityNode): boolean => {
    const check = (filter: FilterNode | undefined): boolean => {
      if (!filter) return true;
      if (filter.kind === 'condition') return aliases.has(filter.owner);
      if (filter.kind === 'filter') return filter.items.every(check);
      return conditionsOk(filter.link);
    };
    return check(entity.filter) && entity.links.every(conditionsOk);
  };
  return conditionsOk(link);
}

/** One result row before projection: the queried table's row and, by alias, each joined row. */
export interface JoinedRecord {
  root: StoredRow;
  rows: Map<string, Data | null>;
}

/** Lookups and keys compare case-insensitively (GUIDs), as the join columns do in SQL Server. */
function joinKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
}

/**
 * Evaluates the joins and filters of a query the way SQL does: inner and outer link-entities multiply rows
 * (outer keeps a row without a match, its columns null), `exists` / `in` keep a row that has a match without
 * adding any, `any` / `not any` are filter terms. A link-entity's own filter restricts which rows it joins; the
 * entity's filter runs on the joined row, so it can test an outer join's columns through `entityname`.
 */
export class RowJoiner {
  /** Per table and column, rows by join key in primary key order; built on first use, for one request. */
  private readonly indexes = new Map<string, Map<string, StoredRow[]>>();
  /** Semijoin answers by join key, for link-entities whose answer depends on the key alone (`selfContained`). */
  private readonly semijoins = new Map<LinkNode, Map<string, boolean> | null>();
  /** Keys that satisfy a self-contained link, computed in one pass (`matchingKeys`); null where that cannot be. */
  private readonly semijoinKeys = new Map<LinkNode, Set<string> | null>();
  private joined = 0;

  constructor(
    private readonly store: EmulatorStore,
    private readonly env: FetchEnvironment,
  ) {}

  records(query: FetchQuery): JoinedRecord[] {
    const { entity } = query;
    const state = this.store.state(entity.table.entitySet);
    if (!state) return [];
    const out: JoinedRecord[] = [];
    // Without link-entities a row is its own record: one scratch record is tested, and copied only when kept.
    const scratch = new Map<string, Data | null>();
    const narrowed = entity.filter ? this.narrow(entity.filter, entity) : undefined;
    const ids = narrowed ? this.store.sortedIds(state).filter((id) => narrowed.has(id)) : this.store.sortedIds(state);
    for (const id of ids) {
      const root = state.rows.get(id);
      if (!root) continue;
      if (entity.links.length === 0) {
        scratch.set('', root.data);
        if (!entity.filter || this.test(entity.filter, scratch)) out.push({ root, rows: new Map([['', root.data]]) });
        continue;
      }
      for (const rows of this.expand(entity, new Map([['', root.data]]))) {
        if (!entity.filter || this.test(entity.filter, rows)) out.push({ root, rows });
      }
    }
    return out;
  }

  /**
   * The ids of the queried table's rows that can pass `filter`, where its semi-joins say so without looking at each
   * row: an `any` whose keys are known (`matchingKeys`) holds only for rows whose join column has one of them, found
   * through that column's index. `and` takes the smallest such set, `or` the union when every part has one.
   * Undefined: every row is a candidate. The filter is still tested on each candidate.
   */
  private narrow(filter: FilterNode, entity: EntityNode): Set<string> | undefined {
    if (filter.kind === 'semijoin') {
      const link = filter.link;
      if (link.linkType !== 'any' || link.parentAlias !== entity.alias) return undefined;
      const keys = this.matchingKeys(link);
      if (!keys) return undefined;
      const index = this.index({ ...link, table: entity.table, fromColumn: link.toColumn });
      const ids = new Set<string>();
      for (const key of keys) for (const row of index.get(key) ?? []) ids.add(row.id);
      return ids;
    }
    if (filter.kind !== 'filter') return undefined;
    const parts = filter.items.map((item) => this.narrow(item, entity));
    if (filter.type === 'and') {
      const known = parts.filter((part): part is Set<string> => part !== undefined);
      return known.length === 0 ? undefined : known.reduce((small, next) => (next.size < small.size ? next : small));
    }
    if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
    const union = new Set<string>();
    for (const part of parts) for (const id of part ?? []) union.add(id);
    return union;
  }

  /** `base` already holds `entity`'s row; answers it joined with each of the entity's link-entities in turn. */
  private expand(entity: EntityNode, base: Map<string, Data | null>): Map<string, Data | null>[] {
    let records = [base];
    for (const link of entity.links) {
      const next: Map<string, Data | null>[] = [];
      for (const record of records) {
        const matches = this.matches(link, record);
        if (link.linkType === 'exists' || link.linkType === 'in') {
          if (matches.length > 0) next.push(record);
        } else if (matches.length > 0) next.push(...matches);
        else if (link.linkType === 'outer') next.push(new Map(record).set(link.alias, null));
        // Only the rows a join adds count: a query whose joins never multiply is never refused.
        if (link.linkType === 'inner' || link.linkType === 'outer') this.count(Math.max(0, matches.length - 1), link);
      }
      records = next;
    }
    return records;
  }

  private count(added: number, link: LinkNode): void {
    this.joined += added;
    if (this.joined > MAX_JOINED_ROWS) {
      throw fetchError(FETCH_ERRORS.invalidArgument, `The link-entity '${link.table.logicalName}' (alias '${link.alias}') joins more than ${MAX_JOINED_ROWS} rows; the emulator refuses the query.`);
    }
  }

  /** The records `link` joins to `record`: one per matching row passing the link's filter and its inner joins. */
  private matches(link: LinkNode, record: JoinedRows): Map<string, Data | null>[] {
    const parent = record.get(link.parentAlias);
    const key = joinKey(parent?.[link.toColumn]);
    if (key === undefined) return [];
    const out: Map<string, Data | null>[] = [];
    for (const candidate of this.index(link).get(key) ?? []) {
      const joined = new Map(record).set(link.alias, candidate.data);
      if (link.filter && !this.test(link.filter, joined)) continue;
      out.push(...this.expand(link, joined));
    }
    return out;
  }

  private test(filter: FilterNode, rows: JoinedRows): boolean {
    switch (filter.kind) {
      case 'condition':
        return evaluateCondition(filter, rows, this.env);
      case 'semijoin': {
        const found = this.hasMatch(filter.link, rows);
        return filter.link.linkType === 'any' ? found : !found;
      }
      case 'filter':
        return filter.type === 'and' ? filter.items.every((item) => this.test(item, rows)) : filter.items.some((item) => this.test(item, rows));
    }
  }

  /**
   * Whether `link` joins at least one row to `record` (what `any` / `not any` ask): `matches` without building
   * every joined record, stopping at the first; remembered per join key where the key alone decides.
   */
  private hasMatch(link: LinkNode, record: JoinedRows): boolean {
    const key = joinKey(record.get(link.parentAlias)?.[link.toColumn]);
    if (key === undefined) return false;
    const keys = this.matchingKeys(link);
    if (keys) return keys.has(key);
    let memo = this.semijoins.get(link);
    if (memo === undefined) {
      memo = selfContained(link) ? new Map() : null;
      this.semijoins.set(link, memo);
    }
    const known = memo?.get(key);
    if (known !== undefined) return known;
    let found = false;
    // A self-contained link reads only its own rows: one scratch record per link serves every candidate.
    const scratch = memo ? new Map<string, Data | null>() : undefined;
    for (const candidate of this.index(link).get(key) ?? []) {
      const joined = scratch ? scratch.set(link.alias, candidate.data) : new Map(record).set(link.alias, candidate.data);
      if (link.filter && !this.test(link.filter, joined)) continue;
      if (link.links.length === 0 || this.expand(link, joined).length > 0) {
        found = true;
        break;
      }
    }
    memo?.set(key, found);
    return found;
  }

  /**
   * For a self-contained link with no joins of its own, the join keys of all its rows that pass its filter,
   * worked out once per request by one pass over its table (nested semi-joins get theirs the same way): SQL's
   * semi-join by hashing, instead of asking each key in turn. Undefined for other links.
   */
  private matchingKeys(link: LinkNode): Set<string> | undefined {
    let keys = this.semijoinKeys.get(link);
    if (keys !== undefined) return keys ?? undefined;
    if (!selfContained(link) || link.links.length > 0) {
      this.semijoinKeys.set(link, null);
      return undefined;
    }
    const signature = stableSignature(link);
    const stamp = signature === undefined ? undefined : this.stamp(link);
    const saved = signature === undefined ? undefined : KEY_CACHE.get(this.store)?.get(signature);
    if (saved && saved.stamp === stamp) {
      this.semijoinKeys.set(link, saved.keys);
      return saved.keys;
    }
    keys = new Set<string>();
    const state = this.store.state(link.table.entitySet);
    const scratch = new Map<string, Data | null>();
    for (const row of state?.rows.values() ?? []) {
      const key = joinKey(row.data[link.fromColumn]);
      if (key === undefined || keys.has(key)) continue;
      scratch.set(link.alias, row.data);
      if (!link.filter || this.test(link.filter, scratch)) keys.add(key);
    }
    this.semijoinKeys.set(link, keys);
    if (signature !== undefined && stamp !== undefined) remember(this.store, signature, { stamp, keys });
    return keys;
  }

  /** Changes when a row of any table under `link` could have: the store's version and those tables' logs. */
  private stamp(link: LinkNode): string {
    const tables = new Set<string>();
    const visit = (entity: EntityNode): void => {
      tables.add(entity.table.entitySet);
      entity.links.forEach(visit);
      const filters = (filter: FilterNode | undefined): void => {
        if (filter?.kind === 'filter') filter.items.forEach(filters);
        else if (filter?.kind === 'semijoin') visit(filter.link);
      };
      filters(entity.filter);
    };
    visit(link);
    return [String(this.store.version), ...[...tables].sort().map((set) => String(this.store.state(set)?.log.length ?? 0))].join(':');
  }

  private index(link: LinkNode): Map<string, StoredRow[]> {
    const name = `${link.table.entitySet}/${link.fromColumn}`;
    let index = this.indexes.get(name);
    if (index) return index;
    const state = this.store.state(link.table.entitySet);
    const shared = state ? cachedIndexes(this.store, state) : undefined;
    index = shared?.get(link.fromColumn);
    if (index) {
      this.indexes.set(name, index);
      return index;
    }
    index = new Map();
    for (const id of state ? this.store.sortedIds(state) : []) {
      const row = state?.rows.get(id);
      const key = joinKey(row?.data[link.fromColumn]);
      if (!row || key === undefined) continue;
      const bucket = index.get(key);
      if (bucket) bucket.push(row);
      else index.set(key, [row]);
    }
    this.indexes.set(name, index);
    shared?.set(link.fromColumn, index);
    return index;
  }
}
