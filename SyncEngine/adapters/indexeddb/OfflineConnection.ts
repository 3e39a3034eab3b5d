import type { StoreOpenEvents, StoreSchema } from '../../contracts/RecordStore';
import { ConfigError } from '../../contracts/errors';
import { openOfflineDb } from './dbSchema';
import type { OfflineDatabase, OfflineWriteTx, StoreName } from './dbSchema';
import { SerialQueue } from './SerialQueue';
import { StoreCaches } from './StoreCaches';
import { inWriteTransaction } from './transactions';

/**
 * The open database with the caches derived from it, used one operation at a time. The caches are updated
 * while a transaction is in flight; if the operation fails they may be ahead of what committed, so they go
 * and are rebuilt from the database on next use.
 */
export class OfflineConnection {
  caches = new StoreCaches(new Map());
  private db: OfflineDatabase | undefined;
  private readonly queue = new SerialQueue();

  async open(name: string, factory: IDBFactory | undefined, schema: StoreSchema, events: StoreOpenEvents = {}): Promise<void> {
    if (!factory) throw new ConfigError('IndexedDB is not available here.');
    this.caches = new StoreCaches(new Map(schema.tables.map((t) => [t.name, t])));
    this.db = await openOfflineDb(name, factory, () => events.blocked?.());
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.caches.drop();
  }

  database(): OfflineDatabase {
    if (!this.db) throw new ConfigError('The offline store is not open.');
    return this.db;
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      try {
        return await operation();
      } catch (error) {
        this.caches.drop();
        throw error;
      }
    });
  }

  write<T>(stores: StoreName[], body: (tx: OfflineWriteTx) => Promise<T> | T): Promise<T> {
    return inWriteTransaction(this.database(), stores, body);
  }
}
