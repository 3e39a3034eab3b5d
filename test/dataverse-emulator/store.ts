import { PROFILE_TABLES } from './profileTables';
import { EMULATOR_TABLES, type EmulatorTable } from './tables';
import type { SeedData } from './seed';

type Data = Record<string, unknown>;

export interface StoredRow {
  id: string;
  /** Global row version, like Dataverse's rowversion: the etag is `W/"<version>"`. */
  version: number;
  /** Column values; never holds `@odata.etag`. */
  data: Data;
}

/** One entry of a table's change log, read by change tracking. */
export interface ChangeEntry {
  version: number;
  id: string;
  deleted: boolean;
}

export interface StoredFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface TableState {
  table: EmulatorTable;
  rows: Map<string, StoredRow>;
  /** Append-only, ordered by version, so a delta is a binary search plus a scan. */
  log: ChangeEntry[];
  /** Keyed `<rowId>/<column>`. */
  files: Map<string, StoredFile>;
  /** Primary keys in order, rebuilt lazily: paging by key survives inserts and deletes between pages. */
  sortedIds?: string[];
}

export function etagOf(version: number): string {
  return `W/"${String(version)}"`;
}

/** The in-memory Dataverse: rows, versions, a change log per table, files, and changeset transactions. */
export class EmulatorStore {
  readonly tables = new Map<string, TableState>();
  version = 0;
  /** Delta tokens of another generation are expired; bumped by reset and by the expireDeltaTokens fault. */
  tokenGeneration = 1;
  /** Entity sets the signed-in user may read but not write (`POST /_emulator/privileges`); a reset gives them back. */
  readonly deniedWrites = new Set<string>();
  /** Entity sets the signed-in user may not read at all (a profile item naming a table outside their roles). */
  readonly deniedReads = new Set<string>();
  /**
   * Entity sets whose "Track changes" is off (`POST /_emulator/changetracking`), and for each set turned back on,
   * the version from which it tracks again: older delta tokens of that table expire. A reset turns all back on.
   */
  readonly untracked = new Set<string>();
  readonly trackedSince = new Map<string, number>();
  private journal: (() => void)[] | null = null;
  /** Called after every committed change (persistence). */
  onChange: () => void = () => undefined;

  /**
   * @param seed the Field Service rows; @param configuration the offline profile tables' rows. The Field Service
   *   tables come first so their rows keep the versions they always had.
   */
  constructor(seed?: SeedData, configuration?: SeedData) {
    for (const table of [...EMULATOR_TABLES, ...PROFILE_TABLES]) {
      const state: TableState = { table, rows: new Map(), log: [], files: new Map() };
      for (const data of seed?.get(table.entitySet) ?? configuration?.get(table.entitySet) ?? []) {
        const id = String(data[table.primaryId]).toLowerCase();
        this.version += 1;
        state.rows.set(id, { id, version: this.version, data });
      }
      this.tables.set(table.entitySet, state);
    }
  }

  state(entitySet: string): TableState | undefined {
    return this.tables.get(entitySet);
  }

  get(entitySet: string, id: string): StoredRow | undefined {
    return this.tables.get(entitySet)?.rows.get(id.toLowerCase());
  }

  /** Inserts or replaces a row's data, bumping its version and logging the change. */
  put(state: TableState, id: string, data: Data): StoredRow {
    const key = id.toLowerCase();
    const previous = state.rows.get(key);
    this.remember(state, key, previous);
    this.version += 1;
    const row: StoredRow = { id: key, version: this.version, data };
    state.rows.set(key, row);
    state.log.push({ version: this.version, id: key, deleted: false });
    if (!previous) state.sortedIds = undefined;
    this.changed();
    return row;
  }

  delete(state: TableState, id: string): void {
    const key = id.toLowerCase();
    const previous = state.rows.get(key);
    if (!previous) return;
    this.remember(state, key, previous);
    const files = [...state.files.entries()].filter(([fileKey]) => fileKey.startsWith(`${key}/`));
    this.journal?.push(() => {
      for (const [fileKey, file] of files) state.files.set(fileKey, file);
    });
    for (const [fileKey] of files) state.files.delete(fileKey);
    this.version += 1;
    state.rows.delete(key);
    state.log.push({ version: this.version, id: key, deleted: true });
    state.sortedIds = undefined;
    this.changed();
  }

  setFile(state: TableState, id: string, column: string, file: StoredFile | undefined): void {
    const key = `${id.toLowerCase()}/${column}`;
    const previous = state.files.get(key);
    this.journal?.push(() => {
      if (previous) state.files.set(key, previous);
      else state.files.delete(key);
    });
    if (file) state.files.set(key, file);
    else state.files.delete(key);
    this.changed();
  }

  getFile(state: TableState, id: string, column: string): StoredFile | undefined {
    return state.files.get(`${id.toLowerCase()}/${column}`);
  }

  sortedIds(state: TableState): string[] {
    state.sortedIds ??= [...state.rows.keys()].sort();
    return state.sortedIds;
  }

  /** The latest change of each row changed in (since, upto], in version order. */
  changesBetween(state: TableState, since: number, upto: number): ChangeEntry[] {
    const { log } = state;
    let low = 0;
    let high = log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (log[middle].version <= since) low = middle + 1;
      else high = middle;
    }
    const latest = new Map<string, ChangeEntry>();
    for (let index = low; index < log.length && log[index].version <= upto; index += 1) {
      latest.delete(log[index].id);
      latest.set(log[index].id, log[index]);
    }
    return [...latest.values()];
  }

  /** Runs `work` atomically: if it throws or `keep` rejects its result, every change it made is undone. */
  transaction<T>(work: () => T, keep: (result: T) => boolean): T {
    if (this.journal) throw new Error('Changesets cannot nest.');
    const journal: (() => void)[] = [];
    this.journal = journal;
    let result: T;
    try {
      result = work();
    } catch (error) {
      this.journal = null;
      this.undo(journal);
      throw error;
    }
    this.journal = null;
    if (!keep(result)) this.undo(journal);
    return result;
  }

  /** Rows per Field Service table: the offline profile tables are configuration, not the org's data. */
  counts(): Record<string, number> {
    const data = new Set(EMULATOR_TABLES.map((table) => table.entitySet));
    return Object.fromEntries([...this.tables].filter(([set]) => data.has(set)).map(([set, state]) => [set, state.rows.size]));
  }

  private undo(journal: (() => void)[]): void {
    for (let index = journal.length - 1; index >= 0; index -= 1) journal[index]();
    if (journal.length > 0) this.changed();
  }

  private remember(state: TableState, key: string, previous: StoredRow | undefined): void {
    const logLength = state.log.length;
    this.journal?.push(() => {
      if (previous) state.rows.set(key, previous);
      else state.rows.delete(key);
      state.log.length = logLength;
      state.sortedIds = undefined;
    });
  }

  private changed(): void {
    this.onChange();
  }
}
