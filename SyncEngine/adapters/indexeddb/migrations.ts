import type { Row } from '../../contracts/rows';

/**
 * One step of the offline database's layout, run inside IndexedDB's upgrade (`versionchange`) transaction: the
 * whole upgrade commits, or — killed, crashed, out of storage — none of it does and the database stays at the
 * version it had, with every queued change. A step issues requests only (no other awaits), or the transaction would
 * commit under it; it never throws on a record it cannot read (that record is left for the reader to quarantine),
 * because a throwing step would leave the user stuck on a database no release can open.
 */
export interface Migration {
  /** The schema version the database has once this step ran. */
  to: number;
  /** What changed, for the schema record and whoever reads this file. */
  change: string;
  run(db: IDBDatabase, tx: IDBTransaction): void;
}

/**
 * Every layout the suite has had, in order. A release that changes the layout or the shape of a record adds a step
 * here (never edits a shipped one), bumps `SCHEMA_VERSION` with it, and commits its own database fixture
 * (test/upgrade/fixtures/<version>/, written by test/upgrade/writeStoreFixture.test.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    change: '0.1.0: rows in chunk records with a directory, per-row overrides, outbox, metadata, stats, errors, values.',
    run(db) {
      // `[table, …]` keys keep each table's records in one key range.
      db.createObjectStore('chunks', { keyPath: ['table', 'chunkId'] });
      db.createObjectStore('dirs', { keyPath: ['table', 'chunkId'] });
      db.createObjectStore('overrides', { keyPath: ['table', 'id'] });
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('meta', { keyPath: 'table' });
      db.createObjectStore('stats', { keyPath: 'table' });
      db.createObjectStore('errors', { keyPath: 'id' });
      db.createObjectStore('values');
    },
  },
  {
    to: 2,
    change: '0.2.0: chunk rows as each row\'s JSON text (`text`) instead of row objects (`rows`).',
    run(_db, tx) {
      const cursor = tx.objectStore('chunks').openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        const text = rowsAsText(at.value);
        if (text) {
          const { rows: _objects, ...rest } = at.value as { rows?: unknown };
          at.update({ ...rest, text });
        }
        at.continue();
      };
    },
  },
];

/** The schema this code writes: the last step's. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].to;

/** A 0.1.0 chunk's rows as text; `undefined` when the record is not one (already text, or unreadable: left as is). */
function rowsAsText(record: unknown): string[] | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { rows, text } = record as { rows?: unknown; text?: unknown };
  if (text !== undefined || !Array.isArray(rows)) return undefined;
  if (!rows.every((row) => typeof row === 'object' && row !== null)) return undefined;
  return (rows as Row[]).map((row) => JSON.stringify(row));
}

/** Runs the steps a database at `oldVersion` has not had yet, in order. */
export function migrate(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  for (const step of MIGRATIONS) if (step.to > oldVersion) step.run(db, tx);
}
