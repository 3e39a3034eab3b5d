import type { ChangesExport } from '../contracts/changesExport';
import { ConfigError, QueueChangedError, RejectedError, toSyncError, type OfflineProfileError } from '../contracts/errors';
import type { HostEnvironment, Identity } from '../contracts/HostEnvironment';
import { DEFAULT_USER_SETTINGS, type MakerSettings, type OfflineProfile, type ProfileTable, type UserSettings } from '../contracts/profile';
import { unconfirmedChanges, type RecordStore, type StoreSchema } from '../contracts/RecordStore';
import type { RemoteSource } from '../contracts/RemoteSource';
import type { OutboxEntry, Row, SyncErrorRecord } from '../contracts/rows';
import { SUITE_VERSION } from '../contracts/suiteVersion';
import type { DiscardOptions, OfflineApi, ResetOptions, StatusListener, SyncEngineApi } from '../contracts/SyncEngineApi';
import type { SyncStatus } from '../contracts/SyncStatus';
import type { DisplayMetadata } from '../contracts/displayMetadata';
import type { TabCoordinator } from '../contracts/TabCoordinator';
import type { TelemetrySink } from '../contracts/telemetry';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './EngineOptions';
import { EngineState } from './EngineState';
import { DATABASE_IDENTITY_KEY, OfflineDataGuard, type DeviceCounts, type OfflineDataLoss } from './identity/OfflineDataGuard';
import { rememberIdentity } from './identity/rememberIdentity';
import { removalError, removalMessage, removalRecord } from './identity/removalRecord';
import { buildChangesExport } from './export/buildChangesExport';
import { DisplayMetadataCache } from './metadata/DisplayMetadataCache';
import { indexedColumnsOf } from './offline/queryPlan';
import { LocalOfflineApi } from './offline/LocalOfflineApi';
import { discardQueued } from './outbox/discardQueued';
import { sortOutbox } from './outbox/readableOutbox';
import { requiredColumns } from './profile/rowFilter';
import { assertAllowedUserSettings } from './profile/userSettings';
import { assertValidProfile } from './profile/validateProfile';
import { PROFILE_PROBLEM_PREFIX, profileProblemRecords } from './profile/profileProblems';
import { TabLink } from './tabs/TabLink';
import { ErrorList } from './sync/ErrorList';
import { noticeAfterPass } from './sync/passOutcome';
import { PersistenceRequest } from './status/PersistenceRequest';
import { StallWatchdog } from './sync/StallWatchdog';
import { storeOpenFailure } from './status/storeOpenFailure';
import { DamageWatch } from './status/DamageWatch';
import { PassScheduler } from './sync/PassScheduler';
import { dueTables } from './sync/schedule';
import { SyncPass, type PassDeps } from './sync/SyncPass';
import { tablesFor, type SyncRequest } from './sync/SyncRequest';
import { adoptProfile, droppedTables, previousTables, settleDropped } from './sync/adoptProfile';
import { TelemetryRecorder } from './telemetry/TelemetryRecorder';
import { SerialQueue } from './util/SerialQueue';

export interface EngineDependencies {
  remote: RemoteSource;
  store: RecordStore;
  host: HostEnvironment;
  profile: OfflineProfile;
  maker: MakerSettings;
  identity: Identity;
  telemetry?: TelemetrySink;
  /** Tables the Dataverse offline profile had to leave out, shown in the sync error list. */
  profileProblems?: readonly OfflineProfileError[];
  /** Present when several tabs may share the database: only the leading tab syncs. */
  coordinator?: TabCoordinator;
  /** The offline database's name, which keys its marker (`HostEnvironment.readOfflineMarker`); default org + user. */
  databaseName?: string;
  options?: Partial<EngineOptions>;
}

const USER_SETTINGS_KEY = 'userSettings';
const UPGRADE_BLOCKED_MESSAGE = 'The offline data is being updated for this version of the app. Close or reload the other tabs of this app to finish.';
const LAST_SUCCESS_KEY = 'lastSuccessAt';
const LOST_CHECK_RETRIES = 5;
const LOST_CHECK_RETRY_MS = 500;

/** The offline sync engine: owns the schedule, runs passes, answers `engine.offline`, publishes the status. */
export class SyncEngine implements SyncEngineApi {
  readonly offline: OfflineApi & LocalOfflineApi;
  private readonly options: EngineOptions;
  private readonly tables: ReadonlyMap<string, ProfileTable>;
  private readonly state: EngineState;
  private readonly errorList: ErrorList;
  private readonly telemetry: TelemetryRecorder;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private unsubscribeHost: (() => void) | undefined;
  private unsubscribeStore: (() => void) | undefined;
  private readonly guard: OfflineDataGuard;
  /** The identity check under way: checks run one after another, so one removal is reported once. */
  private checking: Promise<boolean> | undefined;
  private readonly tabs: TabLink;
  private readonly watchdog: StallWatchdog;
  private readonly scheduler: PassScheduler;
  private readonly displayMetadata: DisplayMetadataCache;
  private readonly persistence: PersistenceRequest;
  private readonly damage: DamageWatch;
  private lastSuccessAt: number | undefined;
  private started = false;
  private disposed = false;
  /** Tables a republished profile dropped that still have queued changes: they upload, then their rows go. */
  private dropped: ProfileTable[] = [];

  constructor(private readonly deps: EngineDependencies) {
    assertValidProfile(deps.profile);
    this.options = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options };
    this.tables = new Map(deps.profile.tables.map((t) => [t.logicalName, t]));
    this.state = new EngineState(deps.profile, deps.maker, deps.host, DEFAULT_USER_SETTINGS);
    this.errorList = new ErrorList(deps.store, this.state);
    this.damage = new DamageWatch(deps.store, this.state, this.errorList, () => deps.host.now());
    this.telemetry = new TelemetryRecorder(deps.telemetry, deps.identity.userId, () => deps.host.now(), () => deps.host.newId());
    this.persistence = new PersistenceRequest(deps.host, this.state);
    this.guard = new OfflineDataGuard(deps.store, deps.host, deps.databaseName ?? `${deps.identity.orgId}:${deps.identity.userId}`.toLowerCase());
    this.watchdog = new StallWatchdog(this.state, deps.host, this.options.stallAfterMs);
    this.scheduler = new PassScheduler({
      host: deps.host,
      state: this.state,
      watchdog: this.watchdog,
      uploadDebounceMs: this.options.uploadDebounceMs,
      active: () => !this.disposed && this.started && this.leads(),
      running: () => this.running !== undefined,
      run: (request) => {
        this.runPass(request).catch(() => undefined);
      },
    });
    this.displayMetadata = new DisplayMetadataCache({
      ...deps,
      onChange: () => {
        this.state.displayMetadata = this.displayMetadata.value;
        this.state.publish();
      },
    });
    this.tabs = new TabLink(deps.coordinator, deps.store, this.state, {
      reload: () => this.reload(),
      takeOver: () => this.takeOver(),
      run: (request) => this.request(request),
    });
    this.offline = new LocalOfflineApi({
      store: deps.store,
      remote: deps.remote,
      host: deps.host,
      identity: deps.identity,
      tables: this.tables,
      relationships: deps.profile.relationships,
      writes: new SerialQueue(),
      readsFromServer: () => this.readsFromServer(),
      onQueued: (entry) => {
        this.onQueued(entry);
      },
    });
  }

  /** Opens the offline database, restores what it holds, and starts the schedule. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { store, host } = this.deps;
    try {
      await store.open(schemaOf(this.deps.profile), {
        blocked: () => {
          this.state.setWarning('upgrade-blocked', UPGRADE_BLOCKED_MESSAGE);
          this.state.publish();
        },
      });
      if (this.state.hasWarning('upgrade-blocked')) this.state.clearWarning('upgrade-blocked');
    } catch (error) {
      // A database this code must not touch (a newer release's) or cannot open: said in the status, nothing syncs.
      const { failure, record } = storeOpenFailure(error, host.now());
      this.state.errors = [record];
      this.state.publish({ lastFailureCode: failure.code });
      throw failure;
    }
    this.unsubscribeStore = store.onConnectionLost?.(() => {
      this.onStoreLost();
    });
    await this.checkOfflineData();
    const dropped = droppedTables(this.deps.profile, await previousTables(store));
    if (dropped.length > 0) {
      // The store must still know the dropped tables to remove their rows and upload their queued changes.
      store.close();
      await store.open(schemaOf(this.deps.profile, dropped));
    }
    this.dropped = await adoptProfile(store, this.deps.profile, dropped, await store.listOutbox());
    await rememberIdentity(store, this.deps.identity);
    await this.reload();
    this.state.deviceRead = true;
    await this.damage.check();
    this.noteDevice();
    this.state.publisher.subscribe(() => {
      this.noteDevice();
    });
    await this.persistence.check();
    // Changes left queued by the last session are worth keeping now, even if this one starts offline.
    if (this.state.ledger.size > 0) this.persistence.ask();
    await this.errorList.replaceProfileProblems(PROFILE_PROBLEM_PREFIX, profileProblemRecords(this.deps.profileProblems ?? [], host.now()));
    this.unsubscribeHost = host.subscribe(() => {
      this.onHostChange();
    });
    this.tabs.start();
    this.state.publish({ lastSuccessAt: this.lastSuccessAt });
    this.onHostChange();
  }

  /** Reads everything the engine mirrors in memory from the store (at start, and when another tab changed it). */
  private async reload(): Promise<void> {
    const { store } = this.deps;
    const outbox = sortOutbox(await store.listOutbox(), this.deps.host.now());
    this.state.ledger.load(outbox.entries);
    await this.errorList.load();
    for (const record of outbox.errors) if (!this.state.errors.some((e) => e.id === record.id)) await this.errorList.add(record);
    const saved = await store.getValue<UserSettings>(USER_SETTINGS_KEY);
    if (saved) this.state.setUserSettings({ ...DEFAULT_USER_SETTINGS, ...saved });
    this.lastSuccessAt = await store.getValue<number>(LAST_SUCCESS_KEY);
    await this.displayMetadata.load();
    await this.reloadTables();
  }

  /** This tab became the leader: what the last leader left in the database is now ours to sync. */
  private async takeOver(): Promise<void> {
    await this.deps.store.invalidate?.();
    await this.checkOfflineData();
    await this.reload();
    this.noteDevice();
    this.scheduler.uploadNow();
    this.state.publish();
    this.scheduler.reschedule();
  }

  private leads(): boolean {
    return this.tabs.leads();
  }

  private announce(): void {
    this.tabs.announce();
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.scheduler.cancel();
    this.watchdog.dispose();
    this.unsubscribeHost?.();
    this.unsubscribeStore?.();
    this.tabs.dispose();
    this.deps.store.close();
  }

  getDisplayMetadata(): DisplayMetadata | undefined {
    return this.displayMetadata.value;
  }

  getStatus(): SyncStatus {
    return this.state.publisher.status;
  }

  subscribe(listener: StatusListener): () => void {
    return this.state.publisher.subscribe(listener);
  }

  /** Resolves when no pass is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  syncNow(): Promise<void> {
    return this.request({ kind: 'syncNow' });
  }

  checkForUpdates(): Promise<void> {
    return this.request({ kind: 'syncNow' });
  }

  refreshTable(table: string): Promise<void> {
    if (!this.tables.has(table)) return Promise.reject(new ConfigError(`Table "${table}" is not in the offline profile.`));
    return this.request({ kind: 'refreshTable', table });
  }

  refreshAll(): Promise<void> {
    return this.request({ kind: 'refreshAll' });
  }

  listPending(): readonly OutboxEntry[] {
    return this.state.ledger.list();
  }

  async discardChange(seq: number, options: DiscardOptions = {}): Promise<void> {
    const entry = this.state.ledger.get(seq);
    if (!entry) return;
    const replacement = (): Promise<Row | null | undefined> => (entry.op === 'create' ? Promise.resolve(null) : this.serverCopy(entry.table, entry.rowId));
    const dropped = await discardQueued(this.deps.store, this.state.ledger, entry, replacement, options.discarding);
    for (const gone of dropped) await this.errorList.resolveFor(gone.seq);
    this.state.publish();
    this.announce();
  }

  async retryError(errorId: string): Promise<void> {
    await this.errorList.retry(errorId, this.offline);
    this.scheduler.uploadNow();
    this.announce();
    this.scheduler.reschedule();
  }

  async discardError(errorId: string, options: DiscardOptions = {}): Promise<void> {
    await this.errorList.discard(errorId, (table, id) => this.serverCopy(table, id), options.discarding);
    this.state.publish();
    this.announce();
  }

  async reset(options: ResetOptions = {}): Promise<void> {
    const pending = this.state.status.pendingCount;
    if (pending > 0 && !options.force) {
      throw new RejectedError(`${pending} change(s) have not been uploaded and would be lost. Reset with force to discard them.`);
    }
    // Refused before a running pass is stopped for nothing; the store checks again inside its clear.
    const unconfirmed = unconfirmedChanges(this.state.ledger.list().map((e) => e.seq), options.discarding);
    if (unconfirmed > 0) throw queuedSinceConfirmation(unconfirmed);
    this.abort?.abort();
    await this.idle();
    try {
      await this.deps.store.clear({ discarding: options.discarding, keepValues: [DATABASE_IDENTITY_KEY] });
    } catch (error) {
      // Nothing was cleared: the engine goes on as before, and the pass the reset stopped runs again.
      this.scheduler.reschedule();
      throw error;
    }
    this.state.ledger.load([]);
    this.state.errors = [];
    this.state.meta.clear();
    this.state.stats.clear();
    this.state.live.clear();
    this.lastSuccessAt = undefined;
    this.scheduler.forgetBackoff();
    this.state.setUserSettings(this.state.userSettings);
    await this.deps.store.setValue(USER_SETTINGS_KEY, this.state.userSettings);
    this.displayMetadata.forget();
    this.state.publish({ lastSuccessAt: undefined, notice: null, lastFailureCode: undefined });
    this.announce();
    this.scheduler.reschedule();
  }

  async exportChanges(): Promise<ChangesExport> {
    const { store, identity, host } = this.deps;
    // From the store, not the ledger: the file must hold what the database holds (another tab's changes too).
    const [outbox, errors] = [await store.listOutbox(), await store.listErrors()];
    return buildChangesExport({ outbox, errors, identity, exportedAt: host.now(), suiteVersion: SUITE_VERSION });
  }

  async updateUserSettings(changes: Partial<UserSettings>): Promise<void> {
    assertAllowedUserSettings(this.deps.maker, changes);
    const next = { ...this.state.userSettings, ...changes };
    await this.deps.store.setValue(USER_SETTINGS_KEY, next);
    this.state.setUserSettings(next);
    this.state.publish();
    this.announce();
    this.scheduler.reschedule();
  }

  dismissNotice(): void {
    this.state.publish({ notice: null });
  }

  private readsFromServer(): boolean {
    return this.deps.maker.allowOnlineMode && this.state.userSettings.onlineMode && this.state.status.connectivity === 'online';
  }

  private onQueued(entry: OutboxEntry): void {
    if (this.state.ledger.size === 0) this.watchdog.progressed();
    this.state.ledger.add(entry);
    this.persistence.ask();
    this.scheduler.uploadSoon();
    this.state.publish();
    this.announce();
    this.scheduler.reschedule();
  }

  private onHostChange(): void {
    if (this.disposed) return;
    const online = this.deps.host.isNetworkAvailable();
    if (!online) this.state.publish({ connectivity: 'offline' });
    else if (this.state.status.connectivity === 'offline') this.scheduler.backOnline();
    this.state.publish();
    this.scheduler.reschedule();
  }

  private request(request: SyncRequest): Promise<void> {
    if (!this.leads()) {
      this.tabs.forward(request);
      return Promise.resolve();
    }
    // A user's request during a pass runs right after it, so it sees that pass's results.
    if (this.running) return this.running.catch(() => undefined).then(() => this.request(request));
    return this.runPass(request);
  }

  private runPass(request: SyncRequest): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.scheduler.cancel();
    const pass = this.execute(request, abort.signal).finally(() => {
      this.running = undefined;
      this.abort = undefined;
      this.announce();
      this.scheduler.reschedule();
    });
    this.running = pass;
    return pass;
  }

  private async execute(request: SyncRequest, signal: AbortSignal): Promise<void> {
    // Cheap (one value read): a database emptied in place, with no connection closed, shows here, before the tables
    // due are read from what the engine remembers of it.
    await this.checkOfflineData();
    // Records found unreadable since the last pass: their tables download again in this one.
    await this.damage.check();
    const now = this.deps.host.now();
    const names = this.deps.profile.tables.map((t) => t.logicalName);
    const { tables, forceFull } = tablesFor(request, dueTables(names, this.state.tablesDueAt(), now), names);
    const largeIncremental =
      this.state.initialSyncComplete && this.lastSuccessAt !== undefined && now - this.lastSuccessAt > this.options.largeIncrementalAfterMs && tables.length > 0;
    if (!this.deps.host.isNetworkAvailable()) {
      this.state.publish({ connectivity: 'offline' });
      throw toSyncError(new Error('The device is offline.'));
    }
    const errorsBefore = this.state.errors.length;
    this.persistence.ask();
    try {
      await new SyncPass(this.passDeps(), { request, tables, forceFull, largeIncremental }, signal).run();
      if (this.dropped.length > 0) this.dropped = await settleDropped(this.deps.store, this.dropped, await this.deps.store.listOutbox());
      await this.damage.settle();
      this.onPassSucceeded(largeIncremental, errorsBefore);
    } catch (error) {
      this.failPass(error, request);
    }
    // After the pass, outside its outcome: names are a nicety and must never fail a sync.
    if (this.options.displayMetadata) await this.displayMetadata.refresh(signal);
  }

  private failPass(error: unknown, request: SyncRequest): never {
    const failure = toSyncError(error);
    this.scheduler.passFailed(failure, request);
    this.state.publish({ lastFailureCode: failure.code, notice: noticeAfterPass(this.state, false, false, 0) });
    throw failure;
  }

  private onPassSucceeded(largeIncremental: boolean, errorsBefore: number): void {
    const now = this.deps.host.now();
    this.scheduler.passSucceeded();
    this.lastSuccessAt = now;
    void this.deps.store.setValue(LAST_SUCCESS_KEY, now).catch(() => undefined);
    // "Stalled" is the watchdog's: a pass whose every upload failed for a passing reason still succeeds, but
    // uploaded nothing, so it is no progress (each uploaded change is, through resolveErrorsFor).
    this.state.clearWarning('server-busy', 'retrying', 'quota', 'auth');
    // The removed data is back once every table downloaded again; what was lost stays in the error list.
    if (this.state.initialSyncComplete) this.state.clearWarning('offline-data-removed');
    const notice = noticeAfterPass(this.state, true, largeIncremental, errorsBefore);
    this.state.publish({ connectivity: 'online', lastSuccessAt: now, lastFailureCode: undefined, notice });
  }

  /**
   * The store lost its database (deleted or cleared from outside): stop the pass, then see what is left. The browser
   * clearing site data may refuse the reopen for a moment (its own deletion is still under way): tried again.
   */
  private onStoreLost(attempt = 0): void {
    // The leading tab checks and tells the others to reload.
    if (this.disposed || !this.leads()) return;
    this.abort?.abort();
    void this.idle()
      .then(() => this.checkOfflineData())
      .then(
        (removed) => {
          if (removed) this.scheduler.reschedule();
        },
        () => {
          if (attempt < LOST_CHECK_RETRIES) this.deps.host.setTimer(() => this.onStoreLost(attempt + 1), LOST_CHECK_RETRY_MS * (attempt + 1));
        },
      );
  }

  /** Answers whether the offline data was found removed (and was then reported and started again). */
  private checkOfflineData(): Promise<boolean> {
    const next = (this.checking ?? Promise.resolve(false)).catch(() => false).then(async () => {
      if (!this.leads()) {
        this.guard.release();
        return false;
      }
      const loss = await this.guard.check();
      if (loss) await this.recoverRemoved(loss);
      return loss !== null;
    });
    this.checking = next;
    return next;
  }

  /**
   * The database is not the one the marker names: the engine forgets what it mirrored of it, empties what the new
   * database got meanwhile (changes queued there stay), says what was lost, and the next pass downloads everything.
   */
  private async recoverRemoved(loss: OfflineDataLoss): Promise<void> {
    const { store, host } = this.deps;
    await store.invalidate?.();
    await store.clear({ discarding: [] }).catch((error: unknown) => {
      if (!(error instanceof QueueChangedError)) throw error;
    });
    this.dropped = [];
    this.state.live.clear();
    this.scheduler.forgetBackoff();
    this.displayMetadata.forget();
    await store.setValue(USER_SETTINGS_KEY, this.state.userSettings);
    await rememberIdentity(store, this.deps.identity);
    await this.reload();
    // Raised before the entry is added, whose publish shows both: the status never has one without the other.
    this.state.setWarning('offline-data-removed', removalMessage(loss), { lostChanges: loss.changes });
    await this.errorList.replaceProfileProblems(PROFILE_PROBLEM_PREFIX, profileProblemRecords(this.deps.profileProblems ?? [], host.now()));
    await this.errorList.add(removalRecord(loss, host.now()));
    await this.guard.renew(this.deviceCounts());
    this.telemetry.record({ name: 'Offline.OfflineDataRemoved', mode: 'FIRST_SYNC' }, { error: removalError(loss), recordCount: loss.changes, lost: loss });
    this.state.publish({ lastSuccessAt: undefined, notice: null, lastFailureCode: undefined });
    this.announce();
  }

  private deviceCounts(): DeviceCounts {
    const outbox = this.state.ledger.counts();
    const files = outbox.files + outbox.images;
    return { changes: outbox.rows + files, fileChanges: files, syncErrors: this.state.errors.length };
  }

  /** Keeps the marker's counts current; only the leading tab writes it (`OfflineDataGuard`). */
  private noteDevice(): void {
    if (this.leads()) this.guard.note(this.deviceCounts());
  }

  private passDeps(): PassDeps {
    return {
      ...this.deps,
      state: this.state,
      options: this.options,
      telemetry: this.telemetry,
      // Uploads still need the definitions of dropped tables with queued changes; downloads never name them.
      tables: this.dropped.length === 0 ? this.tables : new Map([...this.tables, ...this.dropped.map((t) => [t.logicalName, t] as const)]),
      recordError: (record: SyncErrorRecord) => this.errorList.add(record),
      clearError: (id: string) => this.errorList.clear(id),
      resolveErrorsFor: async (entry: OutboxEntry) => {
        this.watchdog.progressed();
        await this.errorList.resolveFor(entry.seq);
      },
    };
  }

  private async reloadTables(): Promise<void> {
    const { store } = this.deps;
    this.state.meta.clear();
    for (const meta of await store.listMeta()) this.state.meta.set(meta.table, meta);
    for (const table of this.deps.profile.tables) this.state.stats.set(table.logicalName, await store.tableStats(table.logicalName));
  }

  /**
   * The server's copy of a row whose local change is being dropped. When it cannot be had now, the table is
   * marked for a full download at the next pass, which replaces the device copy.
   */
  private async serverCopy(table: string, id: string): Promise<Row | null | undefined> {
    const profileTable = this.tables.get(table);
    if (!profileTable) return undefined;
    if (this.deps.host.isNetworkAvailable()) {
      try {
        return await this.deps.remote.retrieveRecord(profileTable, id, requiredColumns(profileTable));
      } catch {
        // fall through: download the table again instead
      }
    }
    const meta = this.state.meta.get(table);
    if (meta) {
      const redo = { ...meta, deltaLink: undefined, lastSyncedAt: 0 };
      await this.deps.store.putMeta(redo);
      this.state.meta.set(table, redo);
    }
    return undefined;
  }
}

function queuedSinceConfirmation(unconfirmed: number): QueueChangedError {
  return new QueueChangedError(`${unconfirmed} change(s) were queued after the reset was confirmed and would be lost: nothing was discarded.`);
}

function schemaOf(profile: OfflineProfile, dropped: readonly ProfileTable[] = []): StoreSchema {
  return {
    tables: [...profile.tables, ...dropped].map((t) => ({
      name: t.logicalName,
      primaryId: t.primaryId,
      indexedColumns: indexedColumnsOf(t),
    })),
  };
}
