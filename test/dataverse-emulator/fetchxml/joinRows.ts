import type { EmulatorStore, StoredRow } from '../store';
import type { EntityNode, FetchQuery, FilterNode, LinkNode } from './FetchQuery';
import { FETCH_ERRORS, fetchError } from './errors';
import { type FetchEnvironment, type JoinedRows, evaluateCondition } from './evaluateCondition';

type Data = Record<string, unknown>;

/**
 * Joins can multiply rows combinatorially (15 one-to-many outer joins); past this many joined rows the emulator
 * refuses the query rather than exhaust its memory, as Dataverse would time out on it.
 */
export const MAX_JOINED_ROWS = 500_000;

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
    for (const id of this.store.sortedIds(state)) {
      const root = state.rows.get(id);
      if (!root) continue;
      for (const rows of this.expand(entity, new Map([['', root.data]]))) {
        if (!entity.filter || this.test(entity.filter, rows)) out.push({ root, rows });
      }
    }
    return out;
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
        const found = this.matches(filter.link, rows).length > 0;
        return filter.link.linkType === 'any' ? found : !found;
      }
      case 'filter':
        return filter.type === 'and' ? filter.items.every((item) => this.test(item, rows)) : filter.items.some((item) => this.test(item, rows));
    }
  }

  private index(link: LinkNode): Map<string, StoredRow[]> {
    const name = `${link.table.entitySet}/${link.fromColumn}`;
    let index = this.indexes.get(name);
    if (index) return index;
    index = new Map();
    const state = this.store.state(link.table.entitySet);
    for (const id of state ? this.store.sortedIds(state) : []) {
      const row = state?.rows.get(id);
      const key = joinKey(row?.data[link.fromColumn]);
      if (!row || key === undefined) continue;
      const bucket = index.get(key);
      if (bucket) bucket.push(row);
      else index.set(key, [row]);
    }
    this.indexes.set(name, index);
    return index;
  }
}
