import { QueueChangedError, type OfflineProfileError } from '../../contracts/errors';
import type { HostEnvironment, Identity } from '../../contracts/HostEnvironment';
import type { RecordStore } from '../../contracts/RecordStore';
import type { EngineState } from '../EngineState';
import type { DisplayMetadataCache } from '../metadata/DisplayMetadataCache';
import { PROFILE_PROBLEM_PREFIX, profileProblemRecords } from '../profile/profileProblems';
import { STORE_KEYS } from '../storeKeys';
import type { ErrorList } from '../sync/ErrorList';
import type { PassRunner } from '../sync/PassRunner';
import type { PassScheduler } from '../sync/PassScheduler';
import type { TelemetryRecorder } from '../telemetry/TelemetryRecorder';
import { OfflineDataGuard, type DeviceCounts, type OfflineDataLoss } from './OfflineDataGuard';
import { rememberIdentity } from './rememberIdentity';
import { removalError, removalMessage, removalRecord } from './removalRecord';

const LOST_CHECK_RETRIES = 5;
const LOST_CHECK_RETRY_MS = 500;

export interface OfflineDataWatchDeps {
  store: RecordStore;
  host: HostEnvironment;
  identity: Identity;
  profileProblems?: readonly OfflineProfileError[];
  /** The offline database's name, which keys its marker; default org + user. */
  databaseName?: string;
  state: EngineState;
  errorList: ErrorList;
  telemetry: TelemetryRecorder;
  scheduler: PassScheduler;
  displayMetadata: DisplayMetadataCache;
  passes: PassRunner;
  leads(): boolean;
  disposed(): boolean;
  /** Reads everything the engine mirrors in memory from the store again. */
  reload(): Promise<void>;
  announce(): void;
}

/**
 * The engine's side of offline data removed behind its back (evicted, cleared, deleted): it checks the database
 * against its marker (`OfflineDataGuard`), and on a removal forgets what it mirrored, says what was lost, and lets
 * the next pass download everything again.
 */
export class OfflineDataWatch {
  private readonly guard: OfflineDataGuard;
  /** The identity check under way: checks run one after another, so one removal is reported once. */
  private checking: Promise<boolean> | undefined;

  constructor(private readonly deps: OfflineDataWatchDeps) {
    const { identity } = deps;
    this.guard = new OfflineDataGuard(deps.store, deps.host, deps.databaseName ?? `${identity.orgId}:${identity.userId}`.toLowerCase());
  }

  /**
   * The store lost its database (deleted or cleared from outside): stop the pass, then see what is left. The browser
   * clearing site data may refuse the reopen for a moment (its own deletion is still under way): tried again.
   */
  onStoreLost(attempt = 0): void {
    // The leading tab checks and tells the others to reload.
    if (this.deps.disposed() || !this.deps.leads()) return;
    void this.deps.passes
      .stop()
      .then(() => this.check())
      .then(
        (removed) => {
          if (removed) this.deps.scheduler.reschedule();
        },
        () => {
          if (attempt < LOST_CHECK_RETRIES) this.deps.host.setTimer(() => this.onStoreLost(attempt + 1), LOST_CHECK_RETRY_MS * (attempt + 1));
        },
      );
  }

  /** Answers whether the offline data was found removed (and was then reported and started again). */
  check(): Promise<boolean> {
    const next = (this.checking ?? Promise.resolve(false)).catch(() => false).then(async () => {
      if (!this.deps.leads()) {
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

  /** Keeps the marker's counts current; only the leading tab writes it (`OfflineDataGuard`). */
  noteDevice(): void {
    if (this.deps.leads()) this.guard.note(this.deviceCounts());
  }

  /**
   * The database is not the one the marker names: the engine forgets what it mirrored of it, empties what the new
   * database got meanwhile (changes queued there stay), says what was lost, and the next pass downloads everything.
   */
  private async recoverRemoved(loss: OfflineDataLoss): Promise<void> {
    const { store, host, state, errorList } = this.deps;
    await store.invalidate?.();
    await store.clear({ discarding: [] }).catch((error: unknown) => {
      if (!(error instanceof QueueChangedError)) throw error;
    });
    this.deps.passes.dropped = [];
    state.live.clear();
    this.deps.scheduler.forgetBackoff();
    this.deps.displayMetadata.forget();
    await store.setValue(STORE_KEYS.userSettings, state.userSettings);
    await rememberIdentity(store, this.deps.identity);
    await this.deps.reload();
    // Raised before the entry is added, whose publish shows both: the status never has one without the other.
    state.setWarning('offline-data-removed', removalMessage(loss), { lostChanges: loss.changes });
    await errorList.replaceProfileProblems(PROFILE_PROBLEM_PREFIX, profileProblemRecords(this.deps.profileProblems ?? [], host.now()));
    await errorList.add(removalRecord(loss, host.now()));
    await this.guard.renew(this.deviceCounts());
    this.deps.telemetry.record({ name: 'Offline.OfflineDataRemoved', mode: 'FIRST_SYNC' }, { error: removalError(loss), recordCount: loss.changes, lost: loss });
    state.publish({ lastSuccessAt: undefined, notice: null, lastFailureCode: undefined });
    this.deps.announce();
  }

  private deviceCounts(): DeviceCounts {
    const outbox = this.deps.state.ledger.counts();
    const files = outbox.files + outbox.images;
    return { changes: outbox.rows + files, fileChanges: files, syncErrors: this.deps.state.errors.length };
  }
}
