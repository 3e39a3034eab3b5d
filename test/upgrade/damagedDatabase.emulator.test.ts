import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { api, getJson } from '../dataverse-emulator/testing';
import { restoreDatabase, type DatabaseDump, type StoreDump } from '../support/databaseDump';
import { startHttpEngine, waitUntil } from '../support/httpEngine';
import { RealHost } from '../support/RealHost';
import { UPGRADE_DB, UPGRADE_PROFILE } from './upgradeProfile';

const FIXTURE = join(__dirname, 'fixtures', '0.1.0');

type Rec = Record<string, unknown>;

function store(dump: DatabaseDump, name: string): StoreDump {
  const found = dump.stores.find((s) => s.name === name);
  if (!found) throw new Error(`no ${name} store`);
  return found;
}

/**
 * The 0.1.0 fixture with the damage a device can really hold: a queued change whose record lost its kind and values,
 * a queued create whose device row is gone, a row whose saved text is cut short (a chunk of row text, as dev builds
 * before the schema version wrote at version 1), and an error-list record of no known shape.
 */
function damagedFixture(): { dump: DatabaseDump; garbled: Rec; orphaned: Rec; truncatedId: string } {
  const dump = JSON.parse(readFileSync(join(FIXTURE, 'database.json'), 'utf8')) as DatabaseDump;
  const outbox = store(dump, 'outbox').records.map((r) => r.value as Rec);
  const garbled = outbox.find((e) => e.table === 'contact' && e.op === 'update');
  const orphaned = outbox.find((e) => e.table === 'contact' && e.op === 'create');
  if (!garbled || !orphaned) throw new Error('fixture lacks the changes this test damages');
  const garbledCopy = { ...garbled };
  garbled.op = 'explode';
  delete garbled.data;
  const overrides = store(dump, 'overrides');
  overrides.records = overrides.records.filter((r) => (r.value as Rec).id !== orphaned.rowId);
  const chunk = store(dump, 'chunks').records.find((r) => (r.value as Rec).table === 'account');
  const dir = store(dump, 'dirs').records.find((r) => (r.value as Rec).table === 'account');
  if (!chunk || !dir) throw new Error('fixture lacks an account chunk');
  const value = chunk.value as { rows?: Rec[]; text?: string[] };
  value.text = (value.rows ?? []).map((row) => JSON.stringify(row));
  delete value.rows;
  value.text[5] = value.text[5].slice(0, 40);
  store(dump, 'errors').records.push({ key: 'broken', value: { id: 'broken' } });
  return { dump, garbled: garbledCopy, orphaned, truncatedId: (dir.value as { ids: string[] }).ids[5] };
}

describe('a damaged device database', () => {
  let emulator: RunningEmulator;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oss-damaged-'));
    copyFileSync(join(FIXTURE, 'server.json'), join(dir, 'server.json'));
    emulator = await startEmulator({ dataFile: join(dir, 'server.json') });
  });

  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every readable change, sets the unreadable aside with a sync error that says so, and goes on syncing', async () => {
    const factory = new IDBFactory();
    const { dump, garbled, orphaned, truncatedId } = damagedFixture();
    await restoreDatabase(factory, dump);
    const { engine, store: device } = await startHttpEngine({ emulator, factory, host: new RealHost(), dbName: UPGRADE_DB, profile: UPGRADE_PROFILE, maker: { conflictDetection: true } });
    try {
      const held = engine.listPending().find((e) => e.seq === garbled.seq);
      expect(held).toMatchObject({ state: 'quarantined', lastErrorCode: 'store-corrupt' });
      const corrupt = engine.getStatus().errors.find((e) => e.outboxSeq === garbled.seq);
      expect(corrupt).toMatchObject({ code: 'store-corrupt' });
      expect(corrupt?.message).toMatch(/could not be read/);
      expect(engine.getStatus().errors.map((e) => e.id)).not.toContain('broken');
      await expect(engine.retryError(corrupt?.id ?? '')).rejects.toMatchObject({ code: 'store-corrupt' });

      // The row with cut-short text reads as not there, and is reported when read, not thrown.
      const accounts = await engine.offline.retrieveMultipleRecords('account', '?$select=accountid,name');
      expect(accounts.entities.map((a) => a.accountid)).not.toContain(truncatedId);
      expect(accounts.entities.length).toBeGreaterThan(50);

      await engine.syncNow();
      // Everything readable uploaded: the refused create (held before) and the garbled change wait.
      expect(await waitUntil(() => !engine.getStatus().isSyncing && engine.listPending().length === 2, 20_000)).toBe(true);
      expect(engine.listPending().map((e) => e.seq).sort()).toContain(garbled.seq);
      // The create whose device row was gone still went up with what was typed.
      expect(await getJson(emulator, `contacts(${String(orphaned.rowId)})`)).toMatchObject(orphaned.data as Rec);
      // The garbled change did not: the contact keeps its server value, and its record is still in the queue.
      const contact = await getJson(emulator, `contacts(${String(garbled.rowId)})`);
      expect(contact.emailaddress1).not.toBe((garbled.data as Rec).emailaddress1);
      expect((await device.listOutbox()).find((e) => e.seq === garbled.seq)).toMatchObject({ op: 'explode' });

      // The pass downloaded the table again: the row is back, and the table's entry went with the damage.
      const server = await getJson(emulator, `accounts(${truncatedId})?$select=name`);
      expect((await device.getRow('account', truncatedId))?.name).toBe(server.name);
      expect(engine.getStatus().errors.filter((e) => e.id.startsWith('store-corrupt:table:'))).toEqual([]);
      expect(engine.getStatus().errors.map((e) => e.code)).toContain('store-corrupt');
      expect((await api(emulator, 'accounts?$top=1')).status).toBe(200);
    } finally {
      engine.dispose();
    }
  });

  it('reports the damaged table in the error list while its rows are set aside', async () => {
    const factory = new IDBFactory();
    const { dump, truncatedId } = damagedFixture();
    await restoreDatabase(factory, dump);
    const host = new RealHost();
    host.online = false;
    const { engine } = await startHttpEngine({ emulator, factory, host, dbName: UPGRADE_DB, profile: UPGRADE_PROFILE });
    try {
      await expect(engine.offline.retrieveRecord('account', truncatedId)).rejects.toMatchObject({ code: 'record-not-found' });
      await engine.syncNow().catch(() => undefined);
      const entry = engine.getStatus().errors.find((e) => e.id === 'store-corrupt:table:account');
      expect(entry?.message).toMatch(/1 offline record\(s\) of this table could not be read \(a row whose saved text is cut short or garbled\)/);
    } finally {
      engine.dispose();
    }
  });
});
