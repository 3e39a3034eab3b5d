import type { StoreOpenEvents, StoreSchema } from '../../contracts/RecordStore';
import { ConfigError, OfflineDataRemovedError } from '../../contracts/errors';
import { openOfflineDb } from './dbSchema';
import type { OfflineDatabase, OfflineWriteTx, StoreName } from './dbSchema';
import { SerialQueue } from './SerialQueue';
import { StoreCaches } from './StoreCaches';
import { inWriteTransaction } from './transactions';

interface OpenTarget {
  name: string;
  factory: IDBFactory;
  schema: StoreSchema;
  events: StoreOpenEvents;
}

/**
 * The open database with the caches derived from it, used one operation at a time. The caches are updated
 * while a transaction is in flight; if the operation fails they may be ahead of what committed, so they go
 * and are rebuilt from the database on next use.
 *
 * Another context deleting the database (`deleteDatabase`, devtools, a newer release upgrading it) first asks every
 * open connection to close (`versionchange`) and stays blocked until they have: this one closes at once, and the
 * browser clearing site data closes it by force (`close`). Either way it is reopened on next use — an empty
 * database when it was deleted — and the listeners hear of it, so the engine checks what is left.
 */
export class OfflineConnection {
  caches = new StoreCaches(new Map());
  private db: OfflineDatabase | undefined;
  private target: OpenTarget | undefined;
  private lost = false;
  private readonly queue = new SerialQueue();
  private readonly lostListeners = new Set<() => void>();

  async open(name: string, factory: IDBFactory | undefined, schema: StoreSchema, events: StoreOpenEvents = {}): Promise<void> {
    if (!factory) throw new ConfigError('IndexedDB is not available here.');
    this.target = { name, factory, schema, events };
    await this.connect(this.target);
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.lost = false;
    this.caches.drop();
  }

  /** See the class comment; answers an unsubscribe function. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  database(): OfflineDatabase {
    if (this.lost) throw new OfflineDataRemovedError('The offline database was closed from outside; it reopens on next use.');
    if (!this.db) throw new ConfigError('The offline store is not open.');
    return this.db;
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      try {
        if (this.lost && this.target) await this.connect(this.target);
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

  private async connect(target: OpenTarget): Promise<void> {
    this.caches = new StoreCaches(new Map(target.schema.tables.map((t) => [t.name, t])));
    const db = await openOfflineDb(target.name, target.factory, () => target.events.blocked?.());
    const lose = (): void => {
      this.lose(db);
    };
    db.addEventListener('versionchange', lose);
    db.addEventListener('close', lose);
    this.db = db;
    this.lost = false;
  }

  private lose(db: OfflineDatabase): void {
    // A connection this one already let go of (closed, or replaced by a reopen) is not news.
    if (this.db !== db) return;
    db.close();
    this.db = undefined;
    this.lost = true;
    this.caches.drop();
    for (const listener of [...this.lostListeners]) {
      try {
        listener();
      } catch {
        // One listener's failure must not keep the others from hearing it.
      }
    }
  }
}
