import { toSyncError } from '../../contracts/errors';
import type { OfflineProfile, ProfileTable } from '../../contracts/profile';
import type { OutboxEntry, SyncErrorRecord } from '../../contracts/rows';
import type { EngineOptions } from '../EngineOptions';
import type { EngineState } from '../EngineState';
import type { DisplayMetadataCache } from '../metadata/DisplayMetadataCache';
import type { DamageWatch } from '../status/DamageWatch';
import type { PersistenceRequest } from '../status/PersistenceRequest';
import { STORE_KEYS } from '../storeKeys';
import type { TelemetryRecorder } from '../telemetry/TelemetryRecorder';
import type { ErrorList } from './ErrorList';
import { noticeAfterPass } from './passOutcome';
import type { PassScheduler } from './PassScheduler';
import { dueTables } from './schedule';
import type { StallWatchdog } from './StallWatchdog';
import { SyncPass, type PassDeps } from './SyncPass';
import { tablesFor, type SyncRequest } from './SyncRequest';
import { settleDropped } from './adoptProfile';

type PassSources = Omit<PassDeps, 'state' | 'options' | 'telemetry' | 'tables' | 'recordError' | 'resolveErrorsFor' | 'clearError'>;

export interface PassRunnerDeps {
  /** The engine's dependencies, handed to each pass as they are. */
  sources: PassSources & { profile: OfflineProfile };
  state: EngineState;
  options: EngineOptions;
  telemetry: TelemetryRecorder;
  tables: ReadonlyMap<string, ProfileTable>;
  errorList: ErrorList;
  damage: DamageWatch;
  persistence: PersistenceRequest;
  watchdog: StallWatchdog;
  scheduler: PassScheduler;
  displayMetadata: DisplayMetadataCache;
  /** `OfflineDataWatch.check`: answers whether the offline data was found removed. */
  checkOfflineData(): Promise<boolean>;
  /** Tells the other tabs what changed. */
  announce(): void;
}

/** Runs one pass at a time: plans it from what is due, runs it, and says its outcome in the status. */
export class PassRunner {
  /** When the last pass succeeded (kept in the store; a reset and a removal forget it). */
  lastSuccessAt: number | undefined;
  /** Tables a republished profile dropped that still have queued changes: they upload, then their rows go. */
  dropped: ProfileTable[] = [];
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;

  constructor(private readonly deps: PassRunnerDeps) {}

  /** The pass under way, if any. */
  get current(): Promise<void> | undefined {
    return this.running;
  }

  /** Resolves when no pass is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Aborts the pass under way, if any. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Aborts the pass under way and resolves once none runs. */
  stop(): Promise<void> {
    this.cancel();
    return this.idle();
  }

  run(request: SyncRequest): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.deps.scheduler.cancel();
    const pass = this.execute(request, abort.signal).finally(() => {
      this.running = undefined;
      this.abort = undefined;
      this.deps.announce();
      this.deps.scheduler.reschedule();
    });
    this.running = pass;
    return pass;
  }

  private async execute(request: SyncRequest, signal: AbortSignal): Promise<void> {
    const { sources, state, options, damage } = this.deps;
    const { host, store, profile } = sources;
    // Cheap (one value read): a database emptied in place, with no connection closed, shows here, before the tables
    // due are read from what the engine remembers of it.
    await this.deps.checkOfflineData();
    // Records found unreadable since the last pass: their tables download again in this one.
    await damage.check();
    const now = host.now();
    const names = profile.tables.map((t) => t.logicalName);
    const { tables, forceFull } = tablesFor(request, dueTables(names, state.tablesDueAt(), now), names);
    const largeIncremental =
      state.initialSyncComplete && this.lastSuccessAt !== undefined && now - this.lastSuccessAt > options.largeIncrementalAfterMs && tables.length > 0;
    if (!host.isNetworkAvailable()) {
      state.publish({ connectivity: 'offline' });
      throw toSyncError(new Error('The device is offline.'));
    }
    const errorsBefore = state.errors.length;
    this.deps.persistence.ask();
    try {
      await new SyncPass(this.passDeps(), { request, tables, forceFull, largeIncremental }, signal).run();
      if (this.dropped.length > 0) this.dropped = await settleDropped(store, this.dropped, await store.listOutbox());
      await damage.settle();
      this.onPassSucceeded(largeIncremental, errorsBefore);
    } catch (error) {
      this.failPass(error, request);
    }
    // After the pass, outside its outcome: names are a nicety and must never fail a sync.
    if (options.displayMetadata) await this.deps.displayMetadata.refresh(signal);
  }

  private failPass(error: unknown, request: SyncRequest): never {
    const { state } = this.deps;
    const failure = toSyncError(error);
    this.deps.scheduler.passFailed(failure, request);
    state.publish({ lastFailureCode: failure.code, notice: noticeAfterPass(state, false, false, 0) });
    throw failure;
  }

  private onPassSucceeded(largeIncremental: boolean, errorsBefore: number): void {
    const { state, sources } = this.deps;
    const now = sources.host.now();
    this.deps.scheduler.passSucceeded();
    this.lastSuccessAt = now;
    void sources.store.setValue(STORE_KEYS.lastSuccessAt, now).catch(() => undefined);
    // "Stalled" is the watchdog's: a pass whose every upload failed for a passing reason still succeeds, but
    // uploaded nothing, so it is no progress (each uploaded change is, through resolveErrorsFor).
    state.clearWarning('server-busy', 'retrying', 'quota', 'auth');
    // The removed data is back once every table downloaded again; what was lost stays in the error list.
    if (state.initialSyncComplete) state.clearWarning('offline-data-removed');
    const notice = noticeAfterPass(state, true, largeIncremental, errorsBefore);
    state.publish({ connectivity: 'online', lastSuccessAt: now, lastFailureCode: undefined, notice });
  }

  private passDeps(): PassDeps {
    const { errorList, watchdog } = this.deps;
    return {
      ...this.deps.sources,
      state: this.deps.state,
      options: this.deps.options,
      telemetry: this.deps.telemetry,
      // Uploads still need the definitions of dropped tables with queued changes; downloads never name them.
      tables: this.dropped.length === 0 ? this.deps.tables : new Map([...this.deps.tables, ...this.dropped.map((t) => [t.logicalName, t] as const)]),
      recordError: (record: SyncErrorRecord) => errorList.add(record),
      clearError: (id: string) => errorList.clear(id),
      resolveErrorsFor: async (entry: OutboxEntry) => {
        watchdog.progressed();
        await errorList.resolveFor(entry.seq);
      },
    };
  }
}
