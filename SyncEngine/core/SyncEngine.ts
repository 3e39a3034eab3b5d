import type { ChangesExport } from '../contracts/changesExport';
import { ConfigError, type OfflineProfileError } from '../contracts/errors';
import type { HostEnvironment, Identity } from '../contracts/HostEnvironment';
import { DEFAULT_USER_SETTINGS, type MakerSettings, type OfflineProfile, type ProfileTable, type UserSettings } from '../contracts/profile';
import type { RecordStore } from '../contracts/RecordStore';
import type { RemoteSource } from '../contracts/RemoteSource';
import type { OutboxEntry } from '../contracts/rows';
import type { DiscardOptions, OfflineApi, ResetOptions, StatusListener, SyncEngineApi } from '../contracts/SyncEngineApi';
import type { SyncStatus } from '../contracts/SyncStatus';
import type { DisplayMetadata } from '../contracts/displayMetadata';
import type { TabCoordinator } from '../contracts/TabCoordinator';
import type { TelemetrySink } from '../contracts/telemetry';
import { QueueActions } from './actions/QueueActions';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './EngineOptions';
import { EngineState } from './EngineState';
import { OfflineDataWatch } from './identity/OfflineDataWatch';
import { rememberIdentity } from './identity/rememberIdentity';
import { DisplayMetadataCache } from './metadata/DisplayMetadataCache';
import { LocalOfflineApi } from './offline/LocalOfflineApi';
import { assertAllowedUserSettings } from './profile/userSettings';
import { assertValidProfile } from './profile/validateProfile';
import { PROFILE_PROBLEM_PREFIX, profileProblemRecords } from './profile/profileProblems';
import { adoptStoredProfile, openOfflineStore } from './startup/openOfflineStore';
import { readDevice } from './startup/readDevice';
import { STORE_KEYS } from './storeKeys';
import { TabLink } from './tabs/TabLink';
import { ErrorList } from './sync/ErrorList';
import { PersistenceRequest } from './status/PersistenceRequest';
import { StallWatchdog } from './sync/StallWatchdog';
import { DamageWatch } from './status/DamageWatch';
import { PassRunner } from './sync/PassRunner';
import { PassScheduler } from './sync/PassScheduler';
import { serverCopy } from './sync/serverCopy';
import type { SyncRequest } from './sync/SyncRequest';
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

/**
 * The offline sync engine: owns the schedule, answers `engine.offline`, publishes the status. Passes run in
 * `PassRunner`, removed offline data is handled by `OfflineDataWatch`, the user's queue actions by `QueueActions`.
 */
export class SyncEngine implements SyncEngineApi {
  readonly offline: OfflineApi & LocalOfflineApi;
  private readonly options: EngineOptions;
  private readonly tables: ReadonlyMap<string, ProfileTable>;
  private readonly state: EngineState;
  private readonly errorList: ErrorList;
  private readonly telemetry: TelemetryRecorder;
  private unsubscribeHost: (() => void) | undefined;
  private unsubscribeStore: (() => void) | undefined;
  private readonly dataWatch: OfflineDataWatch;
  private readonly passes: PassRunner;
  private readonly actions: QueueActions;
  private readonly tabs: TabLink;
  private readonly watchdog: StallWatchdog;
  private readonly scheduler: PassScheduler;
  private readonly displayMetadata: DisplayMetadataCache;
  private readonly persistence: PersistenceRequest;
  private readonly damage: DamageWatch;
  private started = false;
  private disposed = false;

  constructor(private readonly deps: EngineDependencies) {
    assertValidProfile(deps.profile);
    this.options = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options };
    this.tables = new Map(deps.profile.tables.map((t) => [t.logicalName, t]));
    this.state = new EngineState(deps.profile, deps.maker, deps.host, DEFAULT_USER_SETTINGS);
    const state = this.state;
    this.errorList = new ErrorList(deps.store, state);
    this.damage = new DamageWatch(deps.store, state, this.errorList, () => deps.host.now());
    this.telemetry = new TelemetryRecorder(deps.telemetry, deps.identity.userId, () => deps.host.now(), () => deps.host.newId());
    this.persistence = new PersistenceRequest(deps.host, state);
    this.watchdog = new StallWatchdog(state, deps.host, this.options.stallAfterMs);
    this.scheduler = this.createScheduler();
    this.displayMetadata = new DisplayMetadataCache({
      ...deps,
      onChange: () => {
        state.displayMetadata = this.displayMetadata.value;
        state.publish();
      },
    });
    const parts = { state, errorList: this.errorList, telemetry: this.telemetry, scheduler: this.scheduler, displayMetadata: this.displayMetadata };
    const announce = (): void => {
      this.announce();
    };
    this.passes = new PassRunner({
      ...parts,
      sources: deps,
      options: this.options,
      tables: this.tables,
      damage: this.damage,
      persistence: this.persistence,
      watchdog: this.watchdog,
      checkOfflineData: () => this.dataWatch.check(),
      announce,
    });
    this.dataWatch = new OfflineDataWatch({
      ...deps,
      ...parts,
      passes: this.passes,
      leads: () => this.leads(),
      disposed: () => this.disposed,
      reload: () => this.reload(),
      announce,
    });
    this.tabs = new TabLink(deps.coordinator, deps.store, state, {
      reload: () => this.reload(),
      takeOver: () => this.takeOver(),
      run: (request) => this.request(request),
    });
    this.offline = this.createOfflineApi();
    const copyDeps = { ...deps, state, tables: this.tables };
    this.actions = new QueueActions({
      ...deps,
      ...parts,
      offline: this.offline,
      passes: this.passes,
      serverCopy: (table, id) => serverCopy(copyDeps, table, id),
      announce,
    });
  }

  private createScheduler(): PassScheduler {
    return new PassScheduler({
      host: this.deps.host,
      state: this.state,
      watchdog: this.watchdog,
      uploadDebounceMs: this.options.uploadDebounceMs,
      active: () => !this.disposed && this.started && this.leads(),
      running: () => this.passes.current !== undefined,
      run: (request) => {
        this.passes.run(request).catch(() => undefined);
      },
    });
  }

  private createOfflineApi(): LocalOfflineApi {
    const { deps } = this;
    return new LocalOfflineApi({
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
    await openOfflineStore(store, this.deps.profile, this.state, host);
    this.unsubscribeStore = store.onConnectionLost?.(() => {
      this.dataWatch.onStoreLost();
    });
    await this.dataWatch.check();
    this.passes.dropped = await adoptStoredProfile(store, this.deps.profile);
    await rememberIdentity(store, this.deps.identity);
    await this.reload();
    this.state.deviceRead = true;
    await this.damage.check();
    this.dataWatch.noteDevice();
    this.state.publisher.subscribe(() => {
      this.dataWatch.noteDevice();
    });
    await this.persistence.check();
    // Changes left queued by the last session are worth keeping now, even if this one starts offline.
    if (this.state.ledger.size > 0) this.persistence.ask();
    await this.errorList.replaceProfileProblems(PROFILE_PROBLEM_PREFIX, profileProblemRecords(this.deps.profileProblems ?? [], host.now()));
    this.unsubscribeHost = host.subscribe(() => {
      this.onHostChange();
    });
    this.tabs.start();
    this.state.publish({ lastSuccessAt: this.passes.lastSuccessAt });
    this.onHostChange();
  }

  /** Reads everything the engine mirrors in memory from the store (at start, and when another tab changed it). */
  private reload(): Promise<void> {
    return readDevice({ ...this.deps, state: this.state, errorList: this.errorList, displayMetadata: this.displayMetadata, passes: this.passes });
  }

  /** This tab became the leader: what the last leader left in the database is now ours to sync. */
  private async takeOver(): Promise<void> {
    await this.deps.store.invalidate?.();
    await this.dataWatch.check();
    await this.reload();
    this.dataWatch.noteDevice();
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
    this.passes.cancel();
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
  idle(): Promise<void> {
    return this.passes.idle();
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

  discardChange(seq: number, options?: DiscardOptions): Promise<void> {
    return this.actions.discardChange(seq, options);
  }

  retryError(errorId: string): Promise<void> {
    return this.actions.retryError(errorId);
  }

  discardError(errorId: string, options?: DiscardOptions): Promise<void> {
    return this.actions.discardError(errorId, options);
  }

  reset(options?: ResetOptions): Promise<void> {
    return this.actions.reset(options);
  }

  exportChanges(): Promise<ChangesExport> {
    return this.actions.exportChanges();
  }

  async updateUserSettings(changes: Partial<UserSettings>): Promise<void> {
    assertAllowedUserSettings(this.deps.maker, changes);
    const next = { ...this.state.userSettings, ...changes };
    await this.deps.store.setValue(STORE_KEYS.userSettings, next);
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
    const current = this.passes.current;
    if (current) return current.catch(() => undefined).then(() => this.request(request));
    return this.passes.run(request);
  }
}
