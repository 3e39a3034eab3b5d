import { IDBFactory } from 'fake-indexeddb';
import { storeNameFor } from '../../SyncEngine/adapters/indexeddb/storeName';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { admin } from '../dataverse-emulator/testing';
import { serverRows } from '../integration/engineOverHttp';
import { ACCOUNTS_ONLY, startHttpEngine } from '../support/httpEngine';
import { rawContents } from '../support/rawIndexedDb';
import { RealHost } from '../support/RealHost';

const ORG = 'contoso.crm.dynamics.com';
const OTHER_USER = '99999999-9999-4999-8999-999999999999';
/** A value no code path invents: if it shows up in telemetry, a column value leaked. */
const MARKER = 'MARKER-7f3c1e-secret-column-value';

describe('isolation: one offline database per organisation and user', () => {
  let emulator: RunningEmulator;
  const engines: SyncEngine[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rows: 100 });
  });
  afterAll(async () => {
    for (const engine of engines) {
      engine.dispose();
      await engine.idle();
    }
    await emulator.close();
  });

  async function engineFor(factory: IDBFactory, userId: string, telemetry?: TelemetryEvent[]): Promise<SyncEngine> {
    const host = new RealHost();
    host.active = false;
    const { engine } = await startHttpEngine({ emulator, factory, host, dbName: storeNameFor(ORG, userId), profile: ACCOUNTS_ONLY, userId, telemetry });
    engines.push(engine);
    return engine;
  }

  it('a second user on the same device sees nothing of the first: rows, changes, errors', async () => {
    const factory = new IDBFactory();
    const first = await engineFor(factory, EMULATOR_USER.userId);
    await first.syncNow();
    const [account] = await serverRows(emulator, 'accounts', '?$top=1');
    first.dispose();
    const offlineFirst = await engineFor(factory, EMULATOR_USER.userId);
    await offlineFirst.offline.updateRecord('account', String(account.accountid), { name: 'Only mine' });
    expect(offlineFirst.getStatus().pendingCount).toBe(1);

    const second = await engineFor(factory, OTHER_USER);
    expect(second.getStatus().pendingCount).toBe(0);
    expect(second.getStatus().initialSyncComplete).toBe(false);
    expect((await second.offline.retrieveMultipleRecords('account')).entities).toEqual([]);
    await expect(second.offline.retrieveRecord('account', String(account.accountid))).rejects.toThrow('Record Not Found');
    expect(storeNameFor(ORG, OTHER_USER)).not.toBe(storeNameFor(ORG, EMULATOR_USER.userId));
    const theirs = await rawContents(factory, storeNameFor(ORG, OTHER_USER));
    expect(Object.values(theirs).flat().filter((r) => JSON.stringify(r).includes('Only mine'))).toEqual([]);
  });

  it('reset with force wipes rows, outbox, errors, metadata and values from the raw database', async () => {
    const factory = new IDBFactory();
    const engine = await engineFor(factory, EMULATOR_USER.userId);
    await engine.syncNow();
    const [a] = await serverRows(emulator, 'accounts', '?$top=1');
    await engine.offline.updateRecord('account', String(a.accountid), { name: 'Queued then reset' });
    const before = await rawContents(factory, storeNameFor(ORG, EMULATOR_USER.userId));
    expect(before.outbox).toHaveLength(1);
    expect(before.chunks.length + before.overrides.length).toBeGreaterThan(0);

    await engine.reset({ force: true });

    const after = await rawContents(factory, storeNameFor(ORG, EMULATOR_USER.userId));
    // Reset keeps by design, and nothing more: the user's own sync preferences (written back), the schema record
    // (which release wrote the layout) and the database's identity (so the reset is not taken for an eviction).
    const values = after.values;
    const { values: _kept, ...stores } = after;
    expect(Object.fromEntries(Object.entries(stores).map(([name, records]) => [name, records.length]))).toEqual(
      Object.fromEntries(Object.keys(stores).map((name) => [name, 0])),
    );
    expect(JSON.stringify(values)).not.toContain('Queued then reset');
    expect(values.length).toBeLessThanOrEqual(3);
    for (const value of values) expect(Object.keys(value as object).sort().join()).toMatch(/^(at,upgradedFrom,version,writtenBy|.*wifiOnly.*|.*createdAt.*id.*|.*id.*createdAt.*)$/);
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(engine.getStatus().errors).toEqual([]);
  });

  it('telemetry never carries a column value, even when the server echoes it in an error', async () => {
    const factory = new IDBFactory();
    const telemetry: TelemetryEvent[] = [];
    const [a, b] = await serverRows(emulator, 'accounts', '?$top=2');
    await admin(emulator, 'POST', 'edit', { entitySet: 'accounts', id: a.accountid, changes: { name: MARKER, description: MARKER } });
    const engine = await engineFor(factory, EMULATOR_USER.userId, telemetry);
    await engine.syncNow();
    expect((await engine.offline.retrieveRecord('account', String(a.accountid))).name).toBe(MARKER);
    await engine.offline.updateRecord('account', String(b.accountid), { name: MARKER });
    await admin(emulator, 'POST', 'faults', { errorNext: 1, errorStatus: 500 });
    await engine.syncNow().catch(() => undefined);
    await admin(emulator, 'DELETE', 'faults');
    await engine.refreshAll();
    expect(telemetry.length).toBeGreaterThan(3);
    expect(telemetry.some((e) => !e.success)).toBe(true);
    expect(JSON.stringify(telemetry)).not.toContain(MARKER);
  });
});
