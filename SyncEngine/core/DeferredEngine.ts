import type { ChangesExport } from '../contracts/changesExport';
import { ConfigError, toSyncError } from '../contracts/errors';
import type { DisplayMetadata } from '../contracts/displayMetadata';
import type { MakerSettings, UserSettings } from '../contracts/profile';
import { DEFAULT_USER_SETTINGS } from '../contracts/profile';
import type { OutboxEntry, Row } from '../contracts/rows';
import type { DiscardOptions, OfflineApi, ResetOptions, RetrieveMultipleResult, StatusListener, SyncEngineApi } from '../contracts/SyncEngineApi';
import { SyncStatus } from '../contracts/SyncStatus';

/**
 * The page's engine while its offline profile is still being read from Dataverse. Controls need an engine at
 * once (`init` is synchronous), the engine needs its profile in its constructor: this stands in for it, shows
 * a "not synced yet" status, queues nothing itself — every call waits for the real engine and then goes to it.
 * When the profile cannot be had (a configuration error), the status shows the error and every call rejects.
 */
/** What the composition hands over: an engine it can also dispose. */
export type DisposableEngine = SyncEngineApi & { dispose(): void };

export class DeferredEngine implements SyncEngineApi {
  readonly offline: OfflineApi;
  private engine: DisposableEngine | undefined;
  private disposed = false;
  private status: SyncStatus;
  private readonly listeners = new Set<StatusListener>();
  private readonly unsubscribes = new Map<StatusListener, () => void>();
  /** Resolves with the real engine; rejects with the reason there is none. */
  readonly ready: Promise<SyncEngineApi>;

  constructor(maker: MakerSettings, build: Promise<DisposableEngine>) {
    this.status = placeholderStatus(maker);
    this.ready = build.then(
      (engine) => this.attach(engine),
      (error: unknown) => this.fail(error, maker),
    );
    // Failures are shown in the status; callers that wait get them from `ready`.
    this.ready.catch(() => undefined);
    this.offline = deferredOfflineApi(this.ready, () => this.engine);
  }

  getStatus(): SyncStatus {
    return this.engine?.getStatus() ?? this.status;
  }

  subscribe(listener: StatusListener): () => void {
    if (this.engine) return this.engine.subscribe(listener);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.unsubscribes.get(listener)?.();
      this.unsubscribes.delete(listener);
    };
  }

  syncNow = (): Promise<void> => this.call((e) => e.syncNow());
  checkForUpdates = (): Promise<void> => this.call((e) => e.checkForUpdates());
  refreshTable = (table: string): Promise<void> => this.call((e) => e.refreshTable(table));
  refreshAll = (): Promise<void> => this.call((e) => e.refreshAll());
  discardChange = (seq: number, options?: DiscardOptions): Promise<void> => this.call((e) => e.discardChange(seq, options));
  retryError = (errorId: string): Promise<void> => this.call((e) => e.retryError(errorId));
  discardError = (errorId: string, options?: DiscardOptions): Promise<void> => this.call((e) => e.discardError(errorId, options));
  reset = (options?: ResetOptions): Promise<void> => this.call((e) => e.reset(options));
  exportChanges = async (): Promise<ChangesExport> => (await this.ready).exportChanges();
  updateUserSettings = (changes: Partial<UserSettings>): Promise<void> => this.call((e) => e.updateUserSettings(changes));

  listPending(): readonly OutboxEntry[] {
    return this.engine?.listPending() ?? [];
  }

  dismissNotice(): void {
    this.engine?.dismissNotice();
  }

  getDisplayMetadata(): DisplayMetadata | undefined {
    return this.engine?.getDisplayMetadata?.();
  }

  private async call(work: (engine: SyncEngineApi) => Promise<void>): Promise<void> {
    await work(await this.ready);
  }

  /** Disposes the engine, now or as soon as it exists: a page reset must not leave one starting behind it. */
  dispose(): void {
    this.disposed = true;
    this.engine?.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private attach(engine: DisposableEngine): SyncEngineApi {
    if (this.disposed) engine.dispose();
    this.engine = engine;
    for (const listener of this.listeners) this.unsubscribes.set(listener, engine.subscribe(listener));
    this.listeners.clear();
    this.tell(engine.getStatus());
    return engine;
  }

  private fail(error: unknown, maker: MakerSettings): never {
    const failure = error instanceof ConfigError ? error : toSyncError(error);
    this.status = new SyncStatus({
      ...placeholderInit(maker),
      lastFailureCode: failure.code,
      errors: [{ id: 'profile:unavailable', table: '', rowId: '', action: 'download', errorType: 3, code: codeOf(failure), message: failure.message, time: Date.now(), state: 'active' }],
    });
    this.tell(this.status);
    throw failure;
  }

  private tell(status: SyncStatus): void {
    for (const listener of [...this.listeners, ...this.unsubscribes.keys()]) listener(status);
  }
}

function codeOf(error: Error & { code: string; problem?: string }): string {
  return error.problem ?? error.code;
}

function placeholderInit(maker: MakerSettings): ConstructorParameters<typeof SyncStatus>[0] {
  return {
    connectivity: 'online',
    connectionType: 'unknown',
    phase: { kind: 'idle' },
    tables: [],
    outbox: { rows: 0, files: 0, images: 0, held: 0 },
    errors: [],
    warnings: [],
    notice: null,
    initialSyncComplete: false,
    userSettings: DEFAULT_USER_SETTINGS,
    makerSettings: maker,
  };
}

function placeholderStatus(maker: MakerSettings): SyncStatus {
  return new SyncStatus(placeholderInit(maker));
}

/** `offline` calls wait for the engine; `isAvailableOffline` answers at once, false until the profile is known. */
function deferredOfflineApi(ready: Promise<SyncEngineApi>, current: () => SyncEngineApi | undefined): OfflineApi {
  return {
    createRecord: async (table: string, data: Row) => (await ready).offline.createRecord(table, data),
    retrieveRecord: async (table: string, id: string, options?: string) => (await ready).offline.retrieveRecord(table, id, options),
    retrieveMultipleRecords: async (table: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult> =>
      (await ready).offline.retrieveMultipleRecords(table, options, maxPageSize),
    updateRecord: async (table: string, id: string, data: Row) => (await ready).offline.updateRecord(table, id, data),
    deleteRecord: async (table: string, id: string) => (await ready).offline.deleteRecord(table, id),
    isAvailableOffline: (table: string) => current()?.offline.isAvailableOffline(table) ?? false,
  };
}
