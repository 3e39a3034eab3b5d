import { RecordNotFoundError, ServerBusyError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import type { PageRequest, RemotePage } from '../../SyncEngine/contracts/RemoteSource';
import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { ACCOUNTS, accountId, CONTACTS, makeEngine, OTHER_USER, PROFILE, runFor, seededRemote, seededRemoteInto, USER } from '../support/engineFixture';
import { MemoryRemote } from '../support/MemoryRemote';

const HOUR = 60 * 60_000;

describe('keeping the device up to date', () => {
  it('downloads only what changed when a table is due: updates and server deletes', async () => {
    const h = await makeEngine();
    const before = h.remote.pageRequests;
    h.remote.edit('account', accountId(1), { name: 'Renamed on server' });
    h.remote.remove('account', accountId(2));
    await runFor(h, HOUR);
    // one delta page for accounts; contacts (due with them, dependency analysis) are related rows filtered on the
    // device, and their parent table changed, so they download again in full (two pages) to follow it
    expect(h.remote.pageRequests - before).toBe(1 + 2);
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Renamed on server');
    await expect(h.engine.offline.retrieveRecord('account', accountId(2))).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(h.engine.getStatus().tables[0].rows).toBe(9);
    expect(h.engine.getStatus().tables[0].lastSyncedAt).toBe(h.host.now());
  });

  it('does not download a table before its interval is up', async () => {
    const h = await makeEngine();
    const before = h.remote.pageRequests;
    await runFor(h, HOUR - 60_000);
    expect(h.remote.pageRequests).toBe(before);
  });

  it('removes a row that left the profile filter; reading it then gives Record Not Found', async () => {
    const profile: OfflineProfile = { ...PROFILE, tables: [{ ...ACCOUNTS, filter: { kind: 'owner', scope: 'user' } }], relationships: [] };
    const h = await makeEngine({ profile });
    expect(h.engine.getStatus().tables[0].rows).toBe(5);
    h.remote.edit('account', accountId(0), { _ownerid_value: OTHER_USER });
    h.remote.edit('account', accountId(1), { _ownerid_value: USER });
    await runFor(h, HOUR);
    await expect(h.engine.offline.retrieveRecord('account', accountId(0))).rejects.toThrow('Record Not Found');
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Account 1');
    expect(h.engine.getStatus().tables[0].rows).toBe(5);
  });

  it('downloads a table again in full when its delta token expired, and only that table', async () => {
    const h = await makeEngine();
    h.remote.expireDeltaTokens('account');
    h.remote.edit('account', accountId(3), { name: 'After expiry' });
    const before = h.remote.pageRequests;
    await runFor(h, HOUR);
    // accounts: one refused delta + three full pages; contacts (due with them, related rows filtered on the device):
    // their parent table changed, so two full pages
    expect(h.remote.pageRequests - before).toBe(1 + 3 + 2);
    expect((await h.engine.offline.retrieveRecord('account', accountId(3))).name).toBe('After expiry');
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
  });

  it('refreshes one table on request with an "Updating data…" notice, removing rows gone from the server', async () => {
    const h = await makeEngine();
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    h.remote.tables.get('account')?.delete(accountId(9)); // gone without a change-log entry: only a full download notices
    await h.engine.refreshTable('account');
    expect(seen.some((s) => s.notice?.kind === 'updating' && s.notice.table === 'account')).toBe(true);
    expect(h.engine.getStatus().tables[0].rows).toBe(9);
    expect(h.telemetry.some((e) => e.customDimensions.DataSyncMode === 'FORCED_SYNC')).toBe(true);
  });

  it('keeps a device edit over a server change of the same row until the upload decides', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Device' });
    h.remote.edit('account', accountId(1), { name: 'Server' });
    h.host.set({ online: true });
    await runFor(h, HOUR);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Device');
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Device');
  });

  it('recognises a large incremental sync after long inactivity, then offers Refresh', async () => {
    const h = await makeEngine();
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    h.host.set({ active: false });
    await runFor(h, 3 * 24 * HOUR);
    h.remote.edit('account', accountId(1), { name: 'While away' });
    h.host.set({ active: true });
    await runFor(h, 0);
    expect(seen.some((s) => s.notice?.kind === 'largeIncremental')).toBe(true);
    expect(h.engine.getStatus().notice).toEqual({ kind: 'refreshAvailable' });
    h.engine.dismissNotice();
    expect(h.engine.getStatus().notice).toBeNull();
  });
});

describe('a service that ignores odata.track-changes (Track changes off, said the quiet way)', () => {
  /** Answers tracked downloads like plain queries: the last page carries no delta link. */
  class UntrackedRemote extends MemoryRemote {
    readonly tracked: boolean[] = [];
    override async fetchPage(request: PageRequest): Promise<RemotePage> {
      this.tracked.push(request.track !== false);
      const page = await super.fetchPage(request);
      return request.table.logicalName === 'account' ? { ...page, deltaLink: undefined } : page;
    }
  }

  it('keeps syncing the table by plain query in full, with one change-tracking-off entry naming it', async () => {
    const remote = seededRemoteInto(new UntrackedRemote(), 10);
    const h = await makeEngine({ remote });
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
    const problems = () => h.engine.getStatus().errors.filter((e) => e.code === 'change-tracking-off');
    expect(problems()).toEqual([expect.objectContaining({ table: 'account', action: 'download', state: 'active' })]);
    h.remote.edit('account', accountId(1), { name: 'Renamed on server' });
    h.remote.remove('account', accountId(2));
    remote.tracked.length = 0;
    await runFor(h, HOUR);
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Renamed on server');
    await expect(h.engine.offline.retrieveRecord('account', accountId(2))).rejects.toBeInstanceOf(RecordNotFoundError);
    // Accounts came by plain query (no tracking asked), contacts with tracking as before; still one entry.
    expect(remote.tracked).toContain(false);
    expect(problems()).toHaveLength(1);
    expect(h.engine.getStatus().lastFailureCode).toBeUndefined();
  });
});

describe('downloads at the speed of the link (#16)', () => {
  /** Answers each page a few milliseconds later, counting how many requests are in flight at once. */
  class SlowRemote extends MemoryRemote {
    inFlight = 0;
    maxInFlight = 0;
    readonly firstRequest = new Map<string, number>();
    readonly lastAnswer = new Map<string, number>();
    private tick = 0;
    override async fetchPage(request: PageRequest): Promise<RemotePage> {
      const table = request.table.logicalName;
      if (!this.firstRequest.has(table)) this.firstRequest.set(table, ++this.tick);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 3));
        return await super.fetchPage(request);
      } finally {
        this.inFlight--;
        this.lastAnswer.set(table, ++this.tick);
      }
    }
  }

  const independent: OfflineProfile = { ...PROFILE, tables: [ACCOUNTS, { ...CONTACTS, filter: { kind: 'all' } }], relationships: [] };

  it.each([
    [4, 2],
    [1, 1],
  ])('downloads tables that depend on nothing at once, up to downloadConcurrency (%i: %i in flight)', async (concurrency, expected) => {
    const remote = seededRemoteInto(new SlowRemote(), 20);
    const h = await makeEngine({ remote, profile: independent, options: { downloadConcurrency: concurrency } });
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
    expect(remote.maxInFlight).toBe(expected);
    expect(h.engine.getStatus().tables.map((t) => t.rows)).toEqual([20, 11]);
  });

  it('starts a related table filtered on the device only once the tables before it are down', async () => {
    const remote = seededRemoteInto(new SlowRemote(), 20);
    const h = await makeEngine({ remote, options: { downloadConcurrency: 4 } });
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
    expect(remote.firstRequest.get('contact')).toBeGreaterThan(remote.lastAnswer.get('account') ?? Infinity);
    expect(h.engine.getStatus().tables.map((t) => t.rows)).toEqual([20, 10]);
  });

  it.each([
    [true, 1],
    [false, 0],
  ])('asks for the next page while one is written when pageLookahead is %s', async (lookahead, ahead) => {
    const store = new MemoryStore();
    const remote = seededRemote(10);
    const requestsAtWrite: number[] = [];
    const applyPage = store.applyPage.bind(store);
    store.applyPage = (table, page, meta) => {
      if (table === 'account') requestsAtWrite.push(remote.pageRequests);
      return applyPage(table, page, meta);
    };
    const h = await makeEngine({ remote, store, profile: { ...PROFILE, tables: [ACCOUNTS], relationships: [] }, options: { pageLookahead: lookahead } });
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
    // 10 rows in pages of 4: three pages. Each but the last is written with the next one already asked for.
    expect(requestsAtWrite).toEqual([1 + ahead, 2 + ahead, 3]);
  });
});

describe('service protection during parallel downloads (#16)', () => {
  /**
   * Service protection's concurrency limit: a request that would make more than `limit` at once is answered 429
   * with a Retry-After of a second. Each request's start is logged on the engine's (fake) clock.
   */
  class ProtectedRemote extends MemoryRemote {
    inFlight = 0;
    limit = 1;
    busyAnswers = 0;
    busyAt: number | undefined;
    maxInFlightAfterBusy = 0;
    readonly starts: number[] = [];
    constructor(private readonly now: () => number) {
      super();
    }
    override async fetchPage(request: PageRequest): Promise<RemotePage> {
      this.starts.push(this.now());
      if (this.inFlight >= this.limit) {
        this.busyAnswers++;
        this.busyAt ??= this.now();
        throw new ServerBusyError('Number of concurrent requests exceeded the limit of 1.', { status: 429, serverCode: '0x80072326', retryAfterMs: 1_000 });
      }
      this.inFlight++;
      if (this.busyAt !== undefined) this.maxInFlightAfterBusy = Math.max(this.maxInFlightAfterBusy, this.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return await super.fetchPage(request);
      } finally {
        this.inFlight--;
      }
    }
  }

  const independent: OfflineProfile = { ...PROFILE, tables: [ACCOUNTS, { ...CONTACTS, filter: { kind: 'all' } }], relationships: [] };

  it('a 429 lowers the parallelism, its Retry-After is honoured, and the pass still completes', async () => {
    let clock: () => number = () => 0;
    const remote = seededRemoteInto(new ProtectedRemote(() => clock()), 20);
    const h = await makeEngine({ remote, profile: independent, options: { downloadConcurrency: 4 }, start: false });
    clock = () => h.host.now();
    await h.engine.start();
    const seen: string[] = [];
    h.engine.subscribe((status) => {
      for (const w of status.warnings) if (!seen.includes(w.code)) seen.push(w.code);
    });
    const pass = { finished: false };
    const sync = h.engine.syncNow().finally(() => {
      pass.finished = true;
    });
    for (let step = 0; step < 200 && !pass.finished; step++) await h.host.advance(100, () => new Promise((resolve) => setTimeout(resolve, 5)));
    await sync;
    const status = h.engine.getStatus();
    expect(status.initialSyncComplete).toBe(true);
    expect(status.tables.map((t) => t.rows)).toEqual([20, 11]);
    expect(status.errors).toEqual([]);
    expect(remote.busyAnswers).toBeGreaterThan(0);
    // One table at a time after the first 429, and nothing asked for within the second the server said to wait.
    expect(remote.maxInFlightAfterBusy).toBe(1);
    const busyAt = remote.busyAt ?? 0;
    expect(remote.starts.filter((at) => at > busyAt && at < busyAt + 1_000)).toEqual([]);
    // The user saw the server was busy while it was, and the warning went once sync went on.
    expect(seen).toContain('server-busy');
    expect(status.warnings.map((w) => w.code)).not.toContain('server-busy');
  });
});

describe('the schedule and user settings', () => {
  it('pulls a related-rows table down to the interval of the table it depends on, and says why', async () => {
    const h = await makeEngine();
    const contacts = h.engine.getStatus().tables[1];
    expect(contacts).toMatchObject({ effectiveIntervalMinutes: 60, intervalDrivenBy: 'account' });
  });

  it('waits for Wi-Fi when the user chose Wi-Fi only and the device is on cellular', async () => {
    const h = await makeEngine({ maker: { allowWifiOnly: true } });
    await h.engine.updateUserSettings({ wifiOnly: true });
    h.host.set({ connection: 'cellular' });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Later' });
    await runFor(h, HOUR);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Account 1');
    h.host.set({ connection: 'wifi' });
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Later');
  });

  it('syncs nothing by itself in on-demand mode, only on Sync now', async () => {
    const h = await makeEngine();
    await h.engine.updateUserSettings({ onDemand: true });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Manual' });
    const before = h.remote.pageRequests;
    await runFor(h, 3 * HOUR);
    expect(h.remote.pageRequests).toBe(before);
    expect(h.engine.getStatus().pendingCount).toBe(1);
    await h.engine.syncNow();
    expect(h.remote.row('account', accountId(1))?.name).toBe('Manual');
    expect(h.remote.pageRequests).toBeGreaterThan(before);
  });

  it('applies the user frequency only where the maker allows it', async () => {
    const h = await makeEngine({ maker: { allowUserFrequency: true } });
    await h.engine.updateUserSettings({ frequencyMinutes: 5 });
    expect(h.engine.getStatus().tables.map((t) => t.effectiveIntervalMinutes)).toEqual([5, 5]);
    const locked = await makeEngine();
    await expect(locked.engine.updateUserSettings({ frequencyMinutes: 5 })).rejects.toThrow('not allowed');
    await expect(h.engine.updateUserSettings({ frequencyMinutes: 2 })).rejects.toThrow('5 to 1440');
  });

  it('keeps user settings across restarts', async () => {
    const h = await makeEngine();
    await h.engine.updateUserSettings({ onDemand: true });
    h.engine.dispose();
    const again = await makeEngine({ store: h.store, remote: h.remote });
    expect(again.engine.getStatus().userSettings.onDemand).toBe(true);
  });

  it('reads from the server in online mode while connected, and from the device when offline', async () => {
    const h = await makeEngine({ maker: { allowOnlineMode: true } });
    await h.engine.updateUserSettings({ onlineMode: true });
    h.remote.edit('account', accountId(1), { name: 'Fresh on server' });
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Fresh on server');
    h.host.set({ online: false });
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Account 1');
  });

  it('sends FetchXML to the server URL-encoded in online mode, also when the app wrote it raw', async () => {
    const h = await makeEngine({ maker: { allowOnlineMode: true } });
    await h.engine.updateUserSettings({ onlineMode: true });
    const asked: string[] = [];
    const original = h.remote.retrieveMultiple.bind(h.remote);
    h.remote.retrieveMultiple = (table, options?: string) => {
      asked.push(options ?? '');
      return original(table);
    };
    const fetchXml = '<fetch><entity name="account"><filter><condition attribute="name" operator="like" value="A%25 &amp; B"/></filter></entity></fetch>';
    await h.engine.offline.retrieveMultipleRecords('account', `?fetchXml=${fetchXml}`);
    await h.engine.offline.retrieveMultipleRecords('account', `?fetchXml=${encodeURIComponent(fetchXml)}`);
    expect(asked).toEqual([`?fetchXml=${encodeURIComponent(fetchXml)}`, `?fetchXml=${encodeURIComponent(fetchXml)}`]);
  });
});

describe('reset', () => {
  it('refuses while changes are pending unless forced, then wipes and downloads again', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Unsent' });
    await expect(h.engine.reset()).rejects.toThrow('1 change(s) have not been uploaded');
    await h.engine.reset({ force: true });
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().tables[0].rows).toBe(0);
    h.host.set({ online: true });
    await runFor(h, 0);
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Account 1');
  });
});
