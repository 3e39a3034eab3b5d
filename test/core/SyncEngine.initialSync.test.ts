import { RecordNotFoundError } from '../../SyncEngine/contracts/errors';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { ACCOUNTS, CONTACTS, PROFILE, accountId, contactId, makeEngine, runFor } from '../support/engineFixture';

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

  it('shows an initial sync notice with the rows downloaded and the size of the offline data while it runs', async () => {
    const h = await makeEngine({ start: false, accounts: 10 });
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    await h.engine.start();
    await runFor(h, 0);
    const withNotice = seen.filter((s) => s.notice?.kind === 'initialSync');
    expect(withNotice.length).toBeGreaterThan(1);
    // The same figure the status page shows as the storage total: the tables' sizes, not the browser's estimate.
    for (const s of withNotice) expect(s.notice).toMatchObject({ bytesOnDisk: s.offlineDataBytes });
    expect(withNotice.at(-1)?.offlineDataBytes).toBeGreaterThan(0);
    expect(withNotice.at(-1)?.offlineDataBytes).not.toBe(h.host.usage);
    expect(seen.some((s) => s.iconState === 'syncing')).toBe(true);
    expect(h.engine.getStatus().iconState).toBe('connected');
    expect(h.engine.getStatus().isSyncing).toBe(false);
  });

  it('totals the offline data as the sum of the tables it lists, whatever the browser estimates', async () => {
    const h = await makeEngine({ accounts: 10 });
    const status = h.engine.getStatus();
    const [accounts, contacts] = status.tables;
    expect(accounts.bytes).toBeGreaterThan(0);
    expect(contacts.bytes).toBeGreaterThan(0);
    expect(status.offlineDataBytes).toBe(accounts.bytes + contacts.bytes);
  });

  it('counts "table k of n" by the tables this pass finished, in download order, related tables last', async () => {
    // Contacts are listed first but chosen through accounts, so they come down second.
    const h = await makeEngine({ start: false, profile: { ...PROFILE, tables: [CONTACTS, ACCOUNTS] } });
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    await h.engine.start();
    await runFor(h, 0);
    const downloading = seen.filter((s) => s.phase.kind === 'downloading');
    const steps = downloading.map((s) => (s.phase.kind === 'downloading' ? [s.phase.table, s.phase.tablesDone, s.phase.tablesTotal] : []));
    expect([...new Set(steps.map((step) => step.join()))]).toEqual(['account,0,2', 'contact,1,2']);
    for (const s of downloading) {
      if (s.phase.kind !== 'downloading') continue;
      const { table, tablesDone } = s.phase;
      // The tables shown done are the ones counted done, and the one being fetched says so.
      expect(s.tables.filter((t) => t.state === 'available').length).toBe(tablesDone);
      expect(s.tables.find((t) => t.table === table)?.state).toBe('syncing');
    }
  });

  it('shows the table being fetched as syncing from the moment its download starts, before its first page lands', async () => {
    const h = await makeEngine({ start: false });
    const atFirstRequest = new Map<string, { state: string; phase: SyncStatus['phase'] }>();
    const fetchPage = h.remote.fetchPage.bind(h.remote);
    h.remote.fetchPage = (request) => {
      const status = h.engine.getStatus();
      const table = request.table.logicalName;
      const shown = status.tables.find((t) => t.table === table);
      if (!atFirstRequest.has(table)) atFirstRequest.set(table, { state: shown?.state ?? 'missing', phase: status.phase });
      return fetchPage(request);
    };
    await h.engine.start();
    await runFor(h, 0);
    expect(atFirstRequest.get('account')).toEqual({
      state: 'syncing',
      phase: expect.objectContaining({ kind: 'downloading', mode: 'FIRST_SYNC', table: 'account', tablesDone: 0, tablesTotal: 2 }),
    });
    expect(atFirstRequest.get('contact')).toEqual({
      state: 'syncing',
      phase: expect.objectContaining({ kind: 'downloading', mode: 'FIRST_SYNC', table: 'contact', tablesDone: 1, tablesTotal: 2 }),
    });
    expect(h.engine.getStatus().tables.find((t) => t.table === 'account')?.progress).toBeUndefined();
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
