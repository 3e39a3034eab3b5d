import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { XrmOfflineStore } from '../../SyncEngine/adapters/xrm/XrmOfflineStore';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { ACCOUNTS_ONLY } from '../support/httpEngine';
import { MobilePlayer } from '../support/MobilePlayer';
import { RealHost } from '../support/RealHost';
import { serverRows } from './engineOverHttp';

type Json = Record<string, unknown>;

/**
 * In the mobile player the app's own sync uploads what is written through `Xrm.WebApi.offline`. The engine there
 * routes writes into the player's offline database and keeps a ledger of them, but must not upload them a second
 * time: it settles them once the server shows them.
 */
describe('the engine in the mobile player: the player syncs its offline database, the engine keeps the ledger', () => {
  let emulator: RunningEmulator;
  let player: MobilePlayer;
  let engine: SyncEngine;
  let factory: IDBFactory;
  /** Requests the engine sent, as `METHOD path?query`. */
  let engineRequests: string[];

  async function startEngine(): Promise<SyncEngine> {
    const spy: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      engineRequests.push(`${init?.method ?? 'GET'} ${url.pathname.replace('/api/data/v9.2/', '')}${url.search}`);
      return fetch(input, init);
    };
    const started = new SyncEngine({
      remote: new WebApiRemote({ baseUrl: emulator.baseUrl, timeoutMs: 5_000, fetch: spy }),
      store: new XrmOfflineStore({ offline: player.offline, ledger: new IndexedDbStore({ name: 'oss:mobile:user', indexedDB: factory }) }),
      host: Object.assign(new RealHost(), { active: false }),
      profile: ACCOUNTS_ONLY,
      maker: DEFAULT_MAKER_SETTINGS,
      identity: { orgId: 'test', userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId },
      // Passes run when the test says (syncNow).
      options: { uploadDebounceMs: 60 * 60_000, healthCheckTimeoutMs: 2_000 },
    });
    await started.start();
    return started;
  }

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, rows: 100 });
    player = new MobilePlayer(emulator, [{ logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid' }]);
    await player.download();
    factory = new IDBFactory();
    engineRequests = [];
    engine = await startEngine();
  });

  afterEach(async () => {
    engine.dispose();
    await engine.idle();
    await emulator.close();
  });

  const writes = (): string[] => engineRequests.filter((r) => !r.startsWith('GET'));

  it('downloads nothing itself and reports the rows the player holds', async () => {
    await engine.syncNow();
    const status = engine.getStatus();
    const accounts = (await serverRows(emulator, 'accounts')).length;
    expect(status.initialSyncComplete).toBe(true);
    expect(status.tables.find((t) => t.table === 'account')?.rows).toBe(accounts);
    // One health check, no table download.
    expect(engineRequests.filter((r) => r.startsWith('GET accounts'))).toEqual([]);
    expect((await engine.offline.retrieveMultipleRecords('account')).entities).toHaveLength(accounts);
  });

  it('routes writes to the player, counts them pending until the player uploads them, and never uploads them again', async () => {
    const [a, b] = await serverRows(emulator, 'accounts', '?$top=2');
    const created = await engine.offline.createRecord('account', { name: 'Made on the phone' });
    await engine.offline.updateRecord('account', String(a.accountid), { name: 'Renamed on the phone' });
    await engine.offline.updateRecord('account', String(a.accountid), { name: 'Renamed twice', revenue: 12 });
    await engine.offline.deleteRecord('account', String(b.accountid));
    expect(player.offline.queue.map((w) => w.op)).toEqual(['create', 'update', 'update', 'delete']);
    expect(engine.getStatus().pendingCount).toBe(3);

    // The player has not synced yet: the server shows none of it, so all of it stays pending.
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(3);
    expect(engine.getStatus().iconState).toBe('pendingUpload');

    await player.sync();
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(engine.getStatus().errors).toEqual([]);
    expect(writes()).toEqual([]);
    expect(player.requests).toEqual([
      'POST accounts',
      `PATCH accounts(${String(a.accountid)})`,
      `PATCH accounts(${String(a.accountid)})`,
      `DELETE accounts(${String(b.accountid)})`,
    ]);
    const server = await serverRows(emulator, 'accounts', `?$filter=accountid eq ${created.id}`);
    expect(server.map((r) => r.name)).toEqual(['Made on the phone']);
    expect(((await (await fetch(`${emulator.baseUrl}accounts(${String(a.accountid)})`)).json()) as Json).name).toBe('Renamed twice');
  });

  it('settles only what the server shows, in order, and keeps the rest of the row waiting', async () => {
    const [a] = await serverRows(emulator, 'accounts', '?$top=1');
    const id = String(a.accountid);
    await engine.offline.updateRecord('account', id, { name: 'First' });
    await player.sync();
    await engine.offline.updateRecord('account', id, { revenue: 99 });
    await engine.syncNow();
    // The first change is on the server; the second is still in the player's queue.
    expect(engine.listPending().map((e) => e.data)).toEqual([{ revenue: 99 }]);
    await player.sync();
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('keeps the ledger across a restart and settles it afterwards', async () => {
    const created = await engine.offline.createRecord('account', { name: 'Before the restart' });
    engine.dispose();
    await engine.idle();
    engine = await startEngine();
    expect(engine.getStatus().pendingCount).toBe(1);
    expect((await engine.offline.retrieveRecord('account', created.id)).name).toBe('Before the restart');
    await player.sync();
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('still uploads images itself: the player never saw them', async () => {
    const [a] = await serverRows(emulator, 'accounts', '?$top=1');
    await engine.offline.setAttachment('account', String(a.accountid), 'image', { column: 'entityimage', base64: 'iVBORw0KGgo=' });
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(writes()).toEqual([`PATCH accounts(${String(a.accountid)})/entityimage`]);
    expect(player.offline.queue).toEqual([]);
  });
});
