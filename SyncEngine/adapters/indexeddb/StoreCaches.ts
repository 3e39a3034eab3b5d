import type { StoreTableSchema } from '../../contracts/RecordStore';
import { ConfigError } from '../../contracts/errors';
import { ChunkCache } from './ChunkCache';
import type { OfflineDatabase } from './dbSchema';
import { tableRange } from './dbSchema';
import { OutboxIndex } from './OutboxIndex';
import type { TableContext } from './rowRecords';
import { TableState } from './TableState';
import { DamageLog } from './DamageLog';
import { readableRecords } from './readableRecords';

/**
 * What the store keeps in memory between operations: per-table directories (loaded on first use of a table),
 * decoded chunks and the rows with outbox entries. All of it is derived from the database, so `drop()` is
 * always safe (the schema is what `open` was given); the store drops it when an operation fails and might have left it ahead of what committed.
 */
export class StoreCaches {
  private readonly tables = new Map<string, TableState>();
  private readonly chunks = new ChunkCache();
  private outbox: OutboxIndex | undefined;
  /** Not derived from the database: survives `drop()`, until the engine takes it. */
  readonly damage = new DamageLog();

  constructor(private readonly schemas: ReadonlyMap<string, StoreTableSchema>) {}

  schema(table: string): StoreTableSchema {
    const schema = this.schemas.get(table);
    if (!schema) throw new ConfigError(`Table ${table} is not in the store schema.`);
    return schema;
  }

  /** The loaded directory of `table`, if it was used since the last drop: statistics without a read. */
  loaded(table: string): TableState | undefined {
    return this.tables.get(table);
  }

  async table(db: OfflineDatabase, table: string): Promise<TableContext> {
    let state = this.tables.get(table);
    if (!state) {
      const tx = db.transaction(['dirs', 'overrides']);
      const [dirs, overrides] = await Promise.all([
        tx.objectStore('dirs').getAll(tableRange(table)),
        tx.objectStore('overrides').getAll(tableRange(table)),
      ]);
      const readable = readableRecords(dirs, overrides);
      for (const key of readable.unreadable) this.damage.note(table, key, 'a directory or changed-row record of an unknown shape');
      state = new TableState(this.schemas.get(table)?.indexedColumns ?? [], readable.dirs, readable.overrides);
      this.tables.set(table, state);
    }
    return { table, state, cache: this.chunks, damage: this.damage };
  }

  async outboxIndex(db: OfflineDatabase): Promise<OutboxIndex> {
    this.outbox ??= new OutboxIndex(await db.getAll('outbox'));
    return this.outbox;
  }

  drop(): void {
    this.tables.clear();
    this.chunks.clear();
    this.outbox = undefined;
  }
}
