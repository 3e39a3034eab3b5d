import { ConflictError, RecordNotFoundError } from '../../SyncEngine/contracts/errors';
import { EMULATOR_USER } from '../dataverse-emulator';
import { serverRows, startStack, type Stack } from './engineOverHttp';
import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import type { DownloadProgress } from '../../SyncEngine/contracts/SyncStatus';

const OTHER_USER = '99999999-9999-4999-8999-999999999999';

describe('the engine against the Dataverse emulator over HTTP, storing in IndexedDB', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it('downloads every table in pages, keeping only my bookings and related rows', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const status = stack.engine.getStatus();
    expect(status.initialSyncComplete).toBe(true);
    const rows = Object.fromEntries(status.tables.map((t) => [t.table, t.rows]));
    expect(rows.account).toBe((await serverRows(stack.emulator, 'accounts')).length);
    const mine = await serverRows(stack.emulator, 'bookableresourcebookings', `?$filter=_ownerid_value eq ${EMULATOR_USER.userId}`);
    expect(rows.bookableresourcebooking).toBe(mine.length);
    expect(mine.length).toBeLessThan((await serverRows(stack.emulator, 'bookableresourcebookings')).length);
    expect(rows.contact).toBeGreaterThan(0);
    const pages = stack.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords');
    expect(pages).toHaveLength(5);
    expect(status.iconState).toBe('connected');
  });

  it('applies server updates and deletes from the delta, and a row leaving the filter reads as Record Not Found', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [account1, account2] = await serverRows(stack.emulator, 'accounts', '?$top=2');
    const [booking] = await serverRows(stack.emulator, 'bookableresourcebookings', `?$filter=_ownerid_value eq ${EMULATOR_USER.userId}&$top=1`);
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: account1.accountid, changes: { name: 'Renamed on the server' } });
    await stack.admin('POST', 'delete', { entitySet: 'accounts', id: account2.accountid });
    await stack.admin('POST', 'edit', { entitySet: 'bookableresourcebookings', id: booking.bookableresourcebookingid, changes: { _ownerid_value: OTHER_USER } });
    await stack.engine.syncNow();
    const offline = stack.engine.offline;
    expect((await offline.retrieveRecord('account', String(account1.accountid))).name).toBe('Renamed on the server');
    await expect(offline.retrieveRecord('account', String(account2.accountid))).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(offline.retrieveRecord('bookableresourcebooking', String(booking.bookableresourcebookingid))).rejects.toThrow('Record Not Found');
  });

  it('uploads offline creates, updates and deletes, and a restart loses nothing queued', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [a, b] = await serverRows(stack.emulator, 'accounts', '?$top=2');
    stack.host.set({ online: false });
    const created = await stack.engine.offline.createRecord('account', { name: 'Made offline' });
    await stack.engine.offline.updateRecord('account', String(a.accountid), { name: 'Changed offline' });
    await stack.engine.offline.deleteRecord('account', String(b.accountid));
    expect(stack.engine.getStatus().pendingCount).toBe(3);

    const engine = await stack.restart();
    expect(engine.getStatus().pendingCount).toBe(3);
    stack.host.set({ online: true });
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect((await stack.admin('GET', `row/accounts/${created.id}`)).status).toBe(200);
    expect(((await (await stack.admin('GET', `row/accounts/${String(a.accountid)}`)).json()) as { name: string }).name).toBe('Changed offline');
    expect((await stack.admin('GET', `row/accounts/${String(b.accountid)}`)).status).toBe(404);
  });

  it('with conflict detection on, a server edit wins and the conflict shows both versions', async () => {
    stack = await startStack({ maker: { conflictDetection: true } });
    await stack.engine.syncNow();
    const [a] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.engine.offline.updateRecord('account', String(a.accountid), { name: 'Device edit' });
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: a.accountid, changes: { name: 'Dispatcher edit' } });
    await stack.engine.syncNow();
    const status = stack.engine.getStatus();
    expect(status.iconState).toBe('error');
    expect(status.errors[0]).toMatchObject({ code: new ConflictError('').code, errorType: 0 });
    expect(status.errors[0].deviceVersion?.name).toBe('Device edit');
    expect(status.errors[0].serverVersion?.name).toBe('Dispatcher edit');
    expect((await stack.engine.offline.retrieveRecord('account', String(a.accountid))).name).toBe('Dispatcher edit');
  });

  it('with conflict detection off, the device wins', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [a] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.engine.offline.updateRecord('account', String(a.accountid), { name: 'Device edit' });
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: a.accountid, changes: { name: 'Dispatcher edit' } });
    await stack.engine.syncNow();
    expect(((await (await stack.admin('GET', `row/accounts/${String(a.accountid)}`)).json()) as { name: string }).name).toBe('Device edit');
    expect(stack.engine.getStatus().errors).toHaveLength(0);
  });

  it('on 429 shows "server busy", keeps the change, and succeeds after Retry-After', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [a] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.engine.offline.updateRecord('account', String(a.accountid), { name: 'Throttled' });
    await stack.admin('POST', 'faults', { throttleNext: 2, retryAfterSeconds: 1 });
    await expect(stack.engine.syncNow()).rejects.toMatchObject({ code: 'server-busy' });
    expect(stack.engine.getStatus().iconState).toBe('warning');
    expect(stack.engine.getStatus().pendingCount).toBe(1);
    await stack.admin('DELETE', 'faults');
    await new Promise((r) => setTimeout(r, 1_100));
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().iconState).toBe('connected');
    expect(((await (await stack.admin('GET', `row/accounts/${String(a.accountid)}`)).json()) as { name: string }).name).toBe('Throttled');
  });

  it('rides out 429s from the concurrency limit during parallel downloads: fewer at once, the first sync completes in one pass', async () => {
    stack = await startStack({ engine: { downloadConcurrency: 4, pageSize: 50 } });
    await stack.admin('POST', 'faults', { latencyMs: 30, limits: { maxConcurrent: 1 } });
    await stack.engine.syncNow();
    const status = stack.engine.getStatus();
    expect(status.initialSyncComplete).toBe(true);
    expect(status.errors).toEqual([]);
    const stats = (await (await stack.admin('GET', 'stats')).json()) as { throttled: number };
    expect(stats.throttled).toBeGreaterThan(0);
    // The test's own read must not meet the limit: a row count the pass asked for without waiting may still be in flight.
    await stack.admin('DELETE', 'faults');
    expect(status.tables.find((t) => t.table === 'account')?.rows).toBe((await serverRows(stack.emulator, 'accounts')).length);
  });

  it.each([
    ['whole tables (RetrieveTotalRecordCount)', 300, 150, undefined],
    // The user's slice is about 3% of the org. Four of its five tables count themselves with their first page; the
    // fifth, waiting for a turn, with a one-row page of its slice at once.
    ['FetchXML slices (returntotalrecordcount)', 3_000, 300, DEFAULT_PROFILE],
  ])('a first sync of %s shows the rows expected and a steady time left', async (_name, rows, latencyMs, profile) => {
    stack = await startStack({ rows, engine: { pageSize: 5 }, ...(profile ? { profile } : {}) });
    await stack.admin('POST', 'faults', { latencyMs });
    const samples: { at: number; tablesDone: number; progress: DownloadProgress }[] = [];
    const expectedByTable = new Map<string, number>();
    stack.engine.subscribe((status) => {
      if (status.phase.kind === 'downloading' && status.phase.progress) samples.push({ at: Date.now(), tablesDone: status.phase.tablesDone, progress: status.phase.progress });
      for (const t of status.tables) if (t.progress?.rowsExpected !== undefined) expectedByTable.set(t.table, t.progress.rowsExpected);
    });
    await stack.engine.syncNow();
    const status = stack.engine.getStatus();
    const total = status.tables.reduce((sum, t) => sum + t.rows, 0);
    expect(total).toBeGreaterThan(0);
    // Every table downloaded had its count, and the counts were right.
    for (const t of status.tables) if (t.rows > 0) expect([t.table, expectedByTable.get(t.table)]).toEqual([t.table, t.rows]);
    const withTotal = samples.filter((s) => s.progress.rowsExpected !== undefined);
    expect(withTotal.length).toBeGreaterThan(0);
    expect(withTotal[withTotal.length - 1].progress.rowsExpected).toBe(total);
    // Known while the first tables still run, the one waiting for its turn included.
    expect(withTotal[0].tablesDone).toBe(0);
    // Rows so far never go down.
    for (let i = 1; i < samples.length; i++) expect(samples[i].progress.rowsDone).toBeGreaterThanOrEqual(samples[i - 1].progress.rowsDone);
    const timed = samples.filter((s) => s.progress.remainingMs !== undefined);
    expect(timed.length).toBeGreaterThan(2);
    for (let i = 1; i < timed.length; i++) {
      const [before, after] = [timed[i - 1], timed[i]];
      const bound = Math.max(0, (before.progress.remainingMs ?? 0) - (after.at - before.at) + (before.progress.remainingErrorMs ?? 0));
      expect(after.progress.remainingMs ?? 0).toBeLessThanOrEqual(bound + 50);
    }
    expect(status.phase.kind).toBe('idle');
  });

  it('retries after a 5xx, a dropped connection and a malformed body, converging with nothing lost', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [a] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.engine.offline.updateRecord('account', String(a.accountid), { name: 'Persistent' });
    for (const fault of [{ errorNext: 1, errorStatus: 503 }, { dropNext: 1 }, { malformedNext: 1 }]) {
      await stack.admin('POST', 'faults', fault);
      await stack.engine.syncNow().catch(() => undefined);
      await stack.admin('DELETE', 'faults');
    }
    // Backoff may hold the change for a moment; a user's Sync now retries what is due.
    for (let i = 0; i < 20 && stack.engine.getStatus().pendingCount > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await stack.engine.syncNow().catch(() => undefined);
    }
    expect(stack.engine.getStatus().pendingCount).toBe(0);
    expect(((await (await stack.admin('GET', `row/accounts/${String(a.accountid)}`)).json()) as { name: string }).name).toBe('Persistent');
  });

  it('downloads again in full when the delta token expired', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    const [a] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.admin('POST', 'faults', { expireDeltaTokens: true });
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: a.accountid, changes: { name: 'After expiry' } });
    await stack.engine.syncNow();
    expect((await stack.engine.offline.retrieveRecord('account', String(a.accountid))).name).toBe('After expiry');
    expect(stack.engine.getStatus().tables[0].rows).toBe((await serverRows(stack.emulator, 'accounts')).length);
    expect(stack.engine.getStatus().lastFailureCode).toBeUndefined();
  });

  it('resumes a download the network dropped in the middle, with every row once', async () => {
    stack = await startStack();
    let dropped = false;
    stack.engine.subscribe((s) => {
      if (!dropped && s.phase.kind === 'downloading' && s.tables[0].progress && s.tables[0].progress.rowsDone > 0) {
        dropped = true;
        void stack.admin('POST', 'faults', { dropNext: 1 });
      }
    });
    await stack.engine.syncNow().catch(() => undefined);
    await stack.admin('DELETE', 'faults');
    await stack.engine.syncNow();
    expect(dropped).toBe(true);
    const accounts = await stack.engine.offline.retrieveMultipleRecords('account');
    const ids = accounts.entities.map((r) => r.accountid);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe((await serverRows(stack.emulator, 'accounts')).length);
  });

  it('says "Network or Service Unavailable" when the service stops answering', async () => {
    stack = await startStack();
    await stack.engine.syncNow();
    await stack.admin('POST', 'faults', { offline: true });
    await expect(stack.engine.syncNow()).rejects.toBeDefined();
    expect(stack.engine.getStatus().connectivity).toBe('unavailable');
    expect(stack.engine.getStatus().iconState).toBe('notConnected');
    await stack.admin('DELETE', 'faults');
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().connectivity).toBe('online');
  });
});
