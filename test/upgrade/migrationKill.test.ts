import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { SCHEMA_VERSION } from '../../SyncEngine/adapters/indexeddb/migrations';
import type { Row } from '../../SyncEngine/contracts/rows';
import { SCHEMA } from '../contracts/fixtures';
import { dumpDatabase, restoreDatabase, type DatabaseDump, type StoreDump } from '../support/databaseDump';
import { fcSeed } from '../support/fcSeed';

const NAME = 'migration-kill';
const CHUNKS = 24;

/** The 0.1.0 fixture with more chunks of row objects (copies of its account chunk under other ids), so a kill has many places to land. */
function bigRelease010(): DatabaseDump {
  const dump = JSON.parse(readFileSync(join(__dirname, 'fixtures', '0.1.0', 'database.json'), 'utf8')) as DatabaseDump;
  const store = (name: string): StoreDump => dump.stores.find((s) => s.name === name) as StoreDump;
  const template = store('chunks').records.find((r) => (r.value as { table: string }).table === 'account')?.value as { rows: Row[] };
  for (let c = 100; c < 100 + CHUNKS; c++) {
    const rows = template.rows.map((row, i) => ({ ...row, accountid: `00000000-0000-4000-8000-${String(c * 1000 + i).padStart(12, '0')}` }));
    store('chunks').records.push({ key: ['account', c], value: { table: 'account', chunkId: c, generation: 1, rows } });
    store('dirs').records.push({
      key: ['account', c],
      value: { table: 'account', chunkId: c, generation: 1, ids: rows.map((r) => r.accountid), bytes: rows.map(() => 100), cols: {} },
    });
  }
  return dump;
}

/**
 * Kills the upgrade the way a crashed tab does: IndexedDB aborts the upgrade transaction after `steps` records of the
 * migration were rewritten (a crash gives the page no chance to finish or clean up).
 */
function killUpgradeAfter(steps: number): () => void {
  const proto = IDBCursor.prototype as { continue: (key?: IDBValidKey) => void };
  const original = proto.continue;
  let seen = 0;
  proto.continue = function (this: IDBCursor, key?: IDBValidKey) {
    const tx = this.source instanceof IDBObjectStore ? this.source.transaction : undefined;
    if (tx?.mode === 'versionchange' && seen++ >= steps) {
      tx.abort();
      return;
    }
    original.call(this, key);
  };
  return () => {
    proto.continue = original;
  };
}

describe('an upgrade killed at any point of its migration', () => {
  const dump = bigRelease010();

  it('leaves the 0.1.0 database exactly as it was, and the next start upgrades it with every row and queued change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: CHUNKS + 1 }), async (steps) => {
        const factory = new IDBFactory();
        await restoreDatabase(factory, dump, NAME);
        const before = await dumpDatabase(factory, NAME, '', '');
        const restore = killUpgradeAfter(steps);
        try {
          await expect(new IndexedDbStore({ name: NAME, indexedDB: factory }).open(SCHEMA)).rejects.toBeDefined();
        } finally {
          restore();
        }
        expect(await dumpDatabase(factory, NAME, '', '')).toEqual(before);

        const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
        await store.open(SCHEMA);
        const outbox = before.stores.find((s) => s.name === 'outbox')?.records.map((r) => r.value);
        expect(await store.listOutbox()).toEqual(outbox);
        const ids = await store.listIds('account');
        expect(ids.length).toBeGreaterThan(CHUNKS * 80);
        const id = `00000000-0000-4000-8000-${String((100 + (steps % CHUNKS)) * 1000 + 7).padStart(12, '0')}`;
        expect((await store.getRow('account', id))?.accountid).toBe(id);
        store.close();
        expect((await dumpDatabase(factory, NAME, '', '')).version).toBe(SCHEMA_VERSION);
      }),
      { numRuns: 12, ...fcSeed() },
    );
  });
});
