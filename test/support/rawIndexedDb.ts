import type { IDBFactory } from 'fake-indexeddb';
import { wrap } from 'idb';

/**
 * Every record of every object store of a database, read through a second connection that bypasses the store
 * adapter, so a test sees what really is on the device.
 */
export async function rawContents(factory: IDBFactory, name: string): Promise<Record<string, unknown[]>> {
  const db = await wrap(factory.open(name));
  if (!db) throw new Error(`no database ${name}`);
  const contents: Record<string, unknown[]> = {};
  try {
    for (const store of Array.from(db.objectStoreNames)) contents[store] = await db.getAll(store);
  } finally {
    db.close();
  }
  return contents;
}
