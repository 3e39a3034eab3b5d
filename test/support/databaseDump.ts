import type { IDBFactory } from 'fake-indexeddb';

/**
 * An IndexedDB database as plain JSON, exactly as a release left it on a device: every object store with its key
 * path, key generator and records (key and value). Committed fixtures of this shape are how each release proves
 * the next one opens its databases (test/upgrade).
 */
export interface DatabaseDump {
  /** The release (package.json version) whose code wrote the database. */
  writtenBy: string;
  /** The commit that wrote it, for whoever needs to write it again. */
  commit: string;
  name: string;
  version: number;
  stores: StoreDump[];
}

export interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  records: { key: IDBValidKey; value: unknown }[];
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Reads every store of `name` through a connection of its own, without any upgrade. */
export async function dumpDatabase(factory: IDBFactory, name: string, writtenBy: string, commit: string): Promise<DatabaseDump> {
  const db = await request(factory.open(name));
  try {
    const stores: StoreDump[] = [];
    for (const storeName of Array.from(db.objectStoreNames)) {
      const store = db.transaction(storeName).objectStore(storeName);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      stores.push({
        name: storeName,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        records: keys.map((key, i) => ({ key, value: values[i] })),
      });
    }
    return { writtenBy, commit, name, version: db.version, stores };
  } finally {
    db.close();
  }
}

/**
 * Writes `dump` as database `name` on `factory`, at the dump's version, with its stores and records as they were:
 * what the device holds before the new release first opens it. Out-of-line keys are written with their key.
 */
export async function restoreDatabase(factory: IDBFactory, dump: DatabaseDump, name = dump.name): Promise<void> {
  const open = factory.open(name, dump.version);
  open.onupgradeneeded = () => {
    for (const store of dump.stores) open.result.createObjectStore(store.name, { keyPath: store.keyPath ?? undefined, autoIncrement: store.autoIncrement });
  };
  const db = await request(open);
  try {
    const tx = db.transaction(dump.stores.map((s) => s.name), 'readwrite');
    for (const store of dump.stores) {
      const target = tx.objectStore(store.name);
      for (const record of store.records) {
        if (store.keyPath === null) target.put(record.value, record.key);
        else target.put(record.value);
      }
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('restore failed'));
      tx.onabort = () => reject(tx.error ?? new Error('restore aborted'));
    });
  } finally {
    db.close();
  }
}
