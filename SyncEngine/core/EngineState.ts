import type { DisplayMetadata } from '../contracts/displayMetadata';
import type { HostEnvironment } from '../contracts/HostEnvironment';
import type { MakerSettings, OfflineProfile, UserSettings } from '../contracts/profile';
import type { TableMeta, TableStats } from '../contracts/RecordStore';
import type { SyncErrorRecord } from '../contracts/rows';
import type { StoragePersistence, SyncStatusInit, SyncWarning, WarningCode } from '../contracts/SyncStatus';
import { OutboxLedger } from './outbox/OutboxLedger';
import { effectiveIntervals, type EffectiveInterval } from './profile/dependencyAnalysis';
import { StatusPublisher } from './status/StatusPublisher';
import { noticeFollowsErrors } from './status/noticeFollowsErrors';
import { STORAGE_NOT_PERSISTENT_MESSAGE, statusWarnings } from './status/statusWarnings';
import { tableStatuses, type LiveTableState } from './status/tableStatuses';

/** Everything the engine knows, in memory, and the one place the status snapshot is built from it. */
export class EngineState {
  readonly ledger = new OutboxLedger();
  readonly meta = new Map<string, TableMeta>();
  readonly stats = new Map<string, TableStats>();
  readonly live = new Map<string, LiveTableState>();
  readonly publisher: StatusPublisher;
  /** Replaced, never mutated: an unchanged list keeps its identity and compares in O(1). */
  errors: readonly SyncErrorRecord[] = [];
  intervals: Map<string, EffectiveInterval>;
  /** Names and labels in the user's language (`DisplayMetadataCache`), when known. */
  displayMetadata: DisplayMetadata | undefined;
  /** What the browser last said about evicting the offline data (`PersistenceRequest`). */
  storagePersistence: StoragePersistence = 'unknown';
  /** See `SyncStatusInit.deviceRead`. */
  deviceRead = false;
  private readonly warnings = new Map<WarningCode, SyncWarning>();
  /** Since when the outbox has held uploads that failed and wait to be retried; undefined while it holds none. */
  private uploadsFailingSince: number | undefined;
  /**
   * While another tab leads, this tab shows what only the leader knows (a pass under way, connectivity as the
   * service answered it, warnings, notices) over what both read from the shared database.
   */
  mirroring = false;
  private leaderView: Partial<SyncStatusInit> = {};
  /** Called with each new snapshot this tab publishes (the leader tells the other tabs). */
  onPublished: ((status: SyncStatusInit) => void) | undefined;

  constructor(
    readonly profile: OfflineProfile,
    readonly maker: MakerSettings,
    private readonly host: HostEnvironment,
    public userSettings: UserSettings,
  ) {
    this.intervals = effectiveIntervals(profile, this.userFrequency());
    this.publisher = new StatusPublisher({
      connectivity: host.isNetworkAvailable() ? 'online' : 'offline',
      connectionType: host.connectionType(),
      phase: { kind: 'idle' },
      tables: [],
      outbox: this.ledger.counts(),
      errors: [],
      warnings: [],
      notice: null,
      initialSyncComplete: false,
      userSettings,
      makerSettings: maker,
      deviceRead: false,
    });
    this.publish();
  }

  get status(): SyncStatusInit & { readonly pendingCount: number } {
    return this.publisher.status;
  }

  setUserSettings(settings: UserSettings): void {
    this.userSettings = settings;
    this.intervals = effectiveIntervals(this.profile, this.userFrequency());
  }

  /** Raises a warning, or updates one already up (`since` stays when it was first raised). */
  setWarning(code: WarningCode, message: string, details: Pick<SyncWarning, 'nextAttemptAt' | 'lostChanges'> = {}): void {
    const since = this.warnings.get(code)?.since ?? this.host.now();
    this.warnings.set(code, { code, message, since, ...details });
  }

  clearWarning(...codes: WarningCode[]): void {
    for (const code of codes) this.warnings.delete(code);
  }

  hasWarning(code: WarningCode): boolean {
    return this.warnings.has(code);
  }

  /** When each table is next due (0 when its first download has not finished). */
  tablesDueAt(): number[] {
    return this.profile.tables.map((t) => {
      const meta = this.meta.get(t.logicalName);
      if (!meta?.initialComplete || meta.lastSyncedAt === undefined) return 0;
      const minutes = this.intervals.get(t.logicalName)?.effectiveMinutes ?? t.syncIntervalMinutes;
      return meta.lastSyncedAt + minutes * 60_000;
    });
  }

  get initialSyncComplete(): boolean {
    return this.profile.tables.every((t) => this.meta.get(t.logicalName)?.initialComplete === true);
  }

  /** Rebuilds the snapshot from the raw state plus `changes`; listeners hear only of real changes. */
  publish(changes: Partial<SyncStatusInit> = {}): void {
    const next: Partial<SyncStatusInit> = {
      connectionType: this.host.connectionType(),
      tables: tableStatuses(this.profile, this.meta, this.stats, this.intervals, this.live, this.displayMetadata),
      outbox: this.ledger.counts(),
      errors: this.errors,
      warnings: this.currentWarnings(),
      initialSyncComplete: this.initialSyncComplete,
      userSettings: this.userSettings,
      storagePersistence: this.storagePersistence,
      deviceRead: this.deviceRead,
      ...changes,
      ...(this.mirroring ? this.leaderView : {}),
    };
    next.notice = noticeFollowsErrors('notice' in next ? (next.notice ?? null) : this.publisher.status.notice, this.errors);
    const changed = this.publisher.update(next);
    if (changed && !this.mirroring) this.onPublished?.(this.publisher.status.raw());
  }

  /** Shows the leading tab's status. */
  mirror(status: SyncStatusInit): void {
    if (!this.mirroring) return;
    const { phase, connectivity, warnings, notice, lastFailureCode, lastSuccessAt, tables } = status;
    // Table progress is live only in the leader; the rows themselves this tab reads from the database.
    this.leaderView = { phase, connectivity, warnings, notice, lastFailureCode, lastSuccessAt, tables };
    this.publish();
  }


  /** The raised warnings and the failing uploads the outbox shows, most important first. */
  private currentWarnings(): SyncWarning[] {
    const retrying = this.ledger.retrying();
    if (retrying.count === 0) this.uploadsFailingSince = undefined;
    else this.uploadsFailingSince ??= this.host.now();
    const uploads = this.uploadsFailingSince === undefined ? null : { ...retrying, since: this.uploadsFailingSince };
    // Only queued changes are lost for good when the browser evicts: downloaded rows come back with a sync.
    if (this.storagePersistence === 'best-effort' && this.ledger.size > 0) {
      if (!this.warnings.has('storage-not-persistent')) this.setWarning('storage-not-persistent', STORAGE_NOT_PERSISTENT_MESSAGE);
    } else this.clearWarning('storage-not-persistent');
    return statusWarnings(this.warnings.values(), uploads);
  }

  private userFrequency(): number | null {
    return this.maker.allowUserFrequency ? this.userSettings.frequencyMinutes : null;
  }
}
