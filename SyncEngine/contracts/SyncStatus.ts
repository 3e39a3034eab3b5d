import type { ConnectionType } from './HostEnvironment';
import type { DataSyncMode } from './telemetry';
import type { SyncErrorRecord } from './rows';
import type { UserSettings, MakerSettings } from './profile';

/** `unavailable`: the device says it is online but the service did not answer ("Network or Service Unavailable"). */
export type Connectivity = 'online' | 'offline' | 'unavailable';

export type IconState = 'connected' | 'notConnected' | 'syncing' | 'pendingUpload' | 'error' | 'warning';

export interface TableProgress {
  rowsDone: number;
  /** Known only when the server reports a count. */
  rowsExpected?: number;
  bytes: number;
  /** The table's time left at its rate so far, once it can be estimated (its rows expected known, a second in). */
  remainingMs?: number;
}

/**
 * A pass's download as a whole: rows and bytes so far, and, once every table it still downloads has a count from
 * the server, the rows and bytes expected and the time left with its error. The time left shown never goes back
 * (up) by more than the error of the one before.
 */
export interface DownloadProgress {
  rowsDone: number;
  rowsExpected?: number;
  bytesDone: number;
  /** From the bytes per row so far. */
  bytesExpected?: number;
  remainingMs?: number;
  remainingErrorMs?: number;
}

export type SyncPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number }
  /**
   * `tablesDone`: tables this pass finished downloading, in download order; `tablesTotal`: tables it downloads.
   * `table` is the one being fetched, so it is table `tablesDone + 1` of `tablesTotal`.
   */
  | { kind: 'downloading'; mode: DataSyncMode; table: string; tablesDone: number; tablesTotal: number; progress?: DownloadProgress };

export interface TableStatus {
  table: string;
  displayName: string;
  rows: number;
  bytes: number;
  lastSyncedAt?: number;
  initialComplete: boolean;
  /** The interval actually applied, after dependency analysis and user frequency. */
  effectiveIntervalMinutes: number;
  /** The table whose shorter interval drives this one, when one does. */
  intervalDrivenBy?: string;
  state: 'available' | 'syncing' | 'error' | 'notDownloaded';
  progress?: TableProgress;
  errorCode?: string;
}

export interface OutboxCounts {
  /** Rows with a pending create, update or delete. */
  rows: number;
  files: number;
  images: number;
  /** Entries held back by an error (failed or quarantined). */
  held: number;
}

export type WarningCode =
  | 'server-busy'
  | 'stalled'
  | 'quota'
  | 'wifi-only-waiting'
  | 'retrying'
  | 'auth'
  /** Changes are queued and the browser may evict the offline data that holds them. */
  | 'storage-not-persistent'
  /** The offline data was removed behind the engine's back (evicted, cleared) and is downloading again. */
  | 'offline-data-removed'
  /**
   * The offline database waits to be upgraded to this release's layout, and another tab of the app (an older
   * release) holds it open: nothing syncs until that tab is closed or reloaded.
   */
  | 'upgrade-blocked';

/**
 * Whether the browser may clear the offline data: `persisted` it keeps it until the user removes it,
 * `best-effort` it may evict it under storage pressure, `unknown` the platform cannot tell (no Storage API).
 */
export type StoragePersistence = 'persisted' | 'best-effort' | 'unknown';

export interface SyncWarning {
  code: WarningCode;
  /** English, for logs and for a UI that does not know the code yet; the UI says it in the user's language. */
  message: string;
  since: number;
  /** When sync tries again (`retrying`, `server-busy`): the user sees it is not stuck and when to look. */
  nextAttemptAt?: number;
  /**
   * `retrying` only: how many queued changes failed their last upload attempt and wait to be sent again. Absent
   * when the pass failed as a whole (a download, say) rather than single uploads.
   */
  failingChanges?: number;
  /** `offline-data-removed` only: how many changes made offline were lost with the data (0: none). */
  lostChanges?: number;
}

/** In-app notifications as data: the UI decides how they look. */
export type SyncNotice =
  /** `remainingMs`: the first sync's time left, when it can be estimated (`DownloadProgress`). */
  | { kind: 'initialSync'; rowsDownloaded: number; bytesOnDisk: number | null; table: string; remainingMs?: number }
  | { kind: 'updating'; table: string; rowsDownloaded: number }
  | { kind: 'largeIncremental'; rowsDownloaded: number }
  | { kind: 'refreshAvailable' }
  | { kind: 'error'; code: string; count: number };

export interface SyncStatusInit {
  connectivity: Connectivity;
  connectionType: ConnectionType;
  phase: SyncPhase;
  tables: readonly TableStatus[];
  outbox: OutboxCounts;
  errors: readonly SyncErrorRecord[];
  /** Most important first (session, storage, failing uploads, busy server, stall, waiting for Wi-Fi). */
  warnings: readonly SyncWarning[];
  notice: SyncNotice | null;
  lastSuccessAt?: number;
  /** True once every table finished its first download. */
  initialSyncComplete: boolean;
  userSettings: UserSettings;
  makerSettings: MakerSettings;
  /** The last sync pass failed with this code (cleared by the next success). */
  lastFailureCode?: string;
  /** Absent in snapshots built before it existed: read as `unknown`. */
  storagePersistence?: StoragePersistence;
  /**
   * False until the engine has read the offline database (queue, errors, tables): until then the counts are not
   * the device's yet, and a UI must not present them as such. Absent in snapshots built before it: read as true.
   */
  deviceRead?: boolean;
}

/**
 * An immutable snapshot of everything the UI shows. Raw inputs are fields; what follows from them is derived.
 *
 * Icon precedence (first that applies): `syncing` while a pass actually runs → `notConnected` when offline or the
 * service is unavailable → `error` when there are active sync errors or the last pass failed for good →
 * `warning` for warnings → `pendingUpload` when changes wait → `connected`. The pending count is shown as a badge
 * whatever the state.
 */
export class SyncStatus implements SyncStatusInit {
  readonly connectivity: Connectivity;
  readonly connectionType: ConnectionType;
  readonly phase: SyncPhase;
  readonly tables: readonly TableStatus[];
  readonly outbox: OutboxCounts;
  readonly errors: readonly SyncErrorRecord[];
  readonly warnings: readonly SyncWarning[];
  readonly notice: SyncNotice | null;
  readonly lastSuccessAt?: number;
  readonly initialSyncComplete: boolean;
  readonly userSettings: UserSettings;
  readonly makerSettings: MakerSettings;
  readonly lastFailureCode?: string;
  readonly storagePersistence: StoragePersistence;
  readonly deviceRead: boolean;
  private active: readonly SyncErrorRecord[] | undefined;

  constructor(init: SyncStatusInit) {
    this.connectivity = init.connectivity;
    this.connectionType = init.connectionType;
    this.phase = init.phase;
    this.tables = init.tables;
    this.outbox = init.outbox;
    this.errors = init.errors;
    this.warnings = init.warnings;
    this.notice = init.notice;
    this.lastSuccessAt = init.lastSuccessAt;
    this.deviceRead = init.deviceRead ?? true;
    this.initialSyncComplete = init.initialSyncComplete;
    this.userSettings = init.userSettings;
    this.makerSettings = init.makerSettings;
    this.lastFailureCode = init.lastFailureCode;
    this.storagePersistence = init.storagePersistence ?? 'unknown';
  }

  /** Updated rows + added and removed files + images, as the mobile app counts them. */
  get pendingCount(): number {
    return this.outbox.rows + this.outbox.files + this.outbox.images;
  }

  /**
   * The size of the offline data: the sum of the tables' sizes as the store counts them, so the total never
   * disagrees with the tables listed. (The browser's storage estimate is origin-wide and lags: not this number.)
   */
  get offlineDataBytes(): number {
    return offlineDataBytes(this.tables);
  }

  /**
   * @deprecated Kept for app code written against 0.1.0, where it was the browser's estimate: now the same figure as
   * `offlineDataBytes`, so no two numbers on screen can disagree.
   */
  get storageUsedBytes(): number {
    return this.offlineDataBytes;
  }

  get isSyncing(): boolean {
    return this.phase.kind !== 'idle';
  }

  /** Computed once per snapshot: the icon asks on every render, and the list may hold thousands. */
  get activeErrors(): readonly SyncErrorRecord[] {
    this.active ??= this.errors.filter((e) => e.state === 'active');
    return this.active;
  }

  /** The oldest per-table sync time: everything on the device is at least this fresh. */
  get lastSyncedAt(): number | undefined {
    let oldest: number | undefined;
    for (const t of this.tables) {
      if (t.lastSyncedAt === undefined) return undefined;
      oldest = oldest === undefined ? t.lastSyncedAt : Math.min(oldest, t.lastSyncedAt);
    }
    return oldest ?? this.lastSuccessAt;
  }

  get iconState(): IconState {
    if (this.isSyncing) return 'syncing';
    if (this.connectivity !== 'online') return 'notConnected';
    if (this.activeErrors.length > 0 || isPermanentFailure(this.lastFailureCode)) return 'error';
    if (this.warnings.length > 0) return 'warning';
    if (this.pendingCount > 0) return 'pendingUpload';
    return 'connected';
  }

  with(changes: Partial<SyncStatusInit>): SyncStatus {
    return new SyncStatus({ ...this.raw(), ...changes });
  }

  /** The raw inputs, without the derived getters. */
  raw(): SyncStatusInit {
    return {
      connectivity: this.connectivity,
      connectionType: this.connectionType,
      phase: this.phase,
      tables: this.tables,
      outbox: this.outbox,
      errors: this.errors,
      warnings: this.warnings,
      notice: this.notice,
      lastSuccessAt: this.lastSuccessAt,
      initialSyncComplete: this.initialSyncComplete,
      userSettings: this.userSettings,
      makerSettings: this.makerSettings,
      lastFailureCode: this.lastFailureCode,
      storagePersistence: this.storagePersistence,
      deviceRead: this.deviceRead,
    };
  }

  /** Structural equality of the raw inputs; derived values follow. */
  isEqual(other: SyncStatus): boolean {
    return this === other || deepEqual(this.raw(), other.raw());
  }
}

/** The one way the offline data size is counted: the tables' sizes, added up. */
export function offlineDataBytes(tables: Iterable<{ readonly bytes: number }>): number {
  let total = 0;
  for (const table of tables) total += table.bytes;
  return total;
}

const PERMANENT_FAILURES = new Set(['auth', 'privilege', 'config', 'rejected', 'store-newer-version', 'store-corrupt']);

function isPermanentFailure(code: string | undefined): boolean {
  return code !== undefined && PERMANENT_FAILURES.has(code);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
