import { RecordNotFoundError } from '../../SyncEngine/contracts/errors';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { accountId, contactId, makeEngine, runFor } from '../support/engineFixture';

describe('the first sync', () => {
  it('downloads every table in pages, keeping only related contacts, and reports rows per table', async () => {
    const h = await makeEngine({ accounts: 10 });
    const status = h.engine.getStatus();
    expect(status.initialSyncComplete).toBe(true);
    expect(status.tables.map((t) => [t.table, t.rows, t.state])).toEqual([
      ['account', 10, 'available'],
      ['contact', 5, 'available'],
    ]);
    expect(h.remote.pageRequests).toBeGreaterThanOrEqual(3 + 2);
    await expect(h.engine.offline.retrieveRecord('contact', contactId(999))).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(status.iconState).toBe('connected');
  });

  it('shows an initial sync notice with the rows downloaded and the disk space used while it runs', async () => {
    const h = await makeEngine({ start: false, accounts: 10 });
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    await h.engine.start();
    await runFor(h, 0);
    const notices = seen.map((s) => s.notice).filter((n) => n?.kind === 'initialSync');
    expect(notices.length).toBeGreaterThan(1);
    expect(notices.at(-1)).toMatchObject({ kind: 'initialSync', bytesOnDisk: 1_000_000 });
    expect(seen.some((s) => s.iconState === 'syncing')).toBe(true);
    expect(h.engine.getStatus().iconState).toBe('connected');
    expect(h.engine.getStatus().isSyncing).toBe(false);
  });

  it('resumes an interrupted first download on the next start from the last applied page', async () => {
    const { NetworkError } = await import('../../SyncEngine/contracts/errors');
    const remote = (await import('../support/engineFixture')).seededRemote(10);
    // Accounts come in pages of 4: the third page request fails, after two pages were applied.
    remote.pageFailures.set(3, new NetworkError('connection dropped'));
    const first = await makeEngine({ remote });
    expect(first.engine.getStatus().initialSyncComplete).toBe(false);
    expect(first.engine.getStatus().tables[0].rows).toBe(8);
    first.engine.dispose();

    const second = await makeEngine({ store: first.store, remote });
    expect(second.engine.getStatus().initialSyncComplete).toBe(true);
    expect(second.engine.getStatus().tables[0].rows).toBe(10);
    // Resumed at page 3 rather than starting over: 3 account pages + 2 contact pages in all, plus the failed one.
    expect(remote.pageRequests).toBe(3 + 1 + 2);
  });

  it('does not sync while the app is in the background, and starts when it comes to the foreground', async () => {
    const h = await makeEngine({ start: false });
    h.host.active = false;
    await h.engine.start();
    await runFor(h, 60_000);
    expect(h.remote.pageRequests).toBe(0);
    h.host.set({ active: true });
    await runFor(h, 0);
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
  });

  it('sends telemetry for the pass and each table without any column value', async () => {
    const h = await makeEngine({ accounts: 10 });
    const names = h.telemetry.map((e) => e.name);
    expect(names).toContain('Offline.SyncDatabase');
    expect(h.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords').map((e) => e.customDimensions.EntityName)).toEqual(['account', 'contact']);
    const pass = h.telemetry.find((e) => e.name === 'Offline.SyncDatabase');
    expect(pass?.customDimensions).toMatchObject({ ScenarioResult: 'SUCCESS', DataSyncMode: 'FIRST_SYNC', RecordCount: 15 });
    expect(JSON.stringify(h.telemetry)).not.toContain('Account 1');
  });

  it('keeps ids of created rows stable: the id given by the caller is the one stored', async () => {
    const h = await makeEngine();
    const { id } = await h.engine.offline.createRecord('account', { accountid: accountId(500).toUpperCase(), name: 'New' });
    expect(id).toBe(accountId(500));
  });
});
