import type { ChangesExport } from '../../contracts/changesExport';
import { QueueChangedError, RejectedError } from '../../contracts/errors';
import type { HostEnvironment, Identity } from '../../contracts/HostEnvironment';
import { unconfirmedChanges, type RecordStore } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import { SUITE_VERSION } from '../../contracts/suiteVersion';
import type { DiscardOptions, ResetOptions } from '../../contracts/SyncEngineApi';
import type { EngineState } from '../EngineState';
import { buildChangesExport } from '../export/buildChangesExport';
import { DATABASE_IDENTITY_KEY } from '../identity/OfflineDataGuard';
import type { DisplayMetadataCache } from '../metadata/DisplayMetadataCache';
import type { LocalOfflineApi } from '../offline/LocalOfflineApi';
import { discardQueued } from '../outbox/discardQueued';
import { STORE_KEYS } from '../storeKeys';
import type { ErrorList } from '../sync/ErrorList';
import type { PassRunner } from '../sync/PassRunner';
import type { PassScheduler } from '../sync/PassScheduler';

export interface QueueActionsDeps {
  store: RecordStore;
  host: HostEnvironment;
  identity: Identity;
  state: EngineState;
  errorList: ErrorList;
  offline: LocalOfflineApi;
  scheduler: PassScheduler;
  passes: PassRunner;
  displayMetadata: DisplayMetadataCache;
  /** The server's copy of a row whose local change is dropped (`serverCopy`). */
  serverCopy(table: string, id: string): Promise<Row | null | undefined>;
  announce(): void;
}

/** What the user does to the queue from the status page: discard, retry, export, reset. */
export class QueueActions {
  constructor(private readonly deps: QueueActionsDeps) {}

  async discardChange(seq: number, options: DiscardOptions = {}): Promise<void> {
    const { state, errorList } = this.deps;
    const entry = state.ledger.get(seq);
    if (!entry) return;
    const replacement = (): Promise<Row | null | undefined> => (entry.op === 'create' ? Promise.resolve(null) : this.deps.serverCopy(entry.table, entry.rowId));
    const dropped = await discardQueued(this.deps.store, state.ledger, entry, replacement, options.discarding);
    for (const gone of dropped) await errorList.resolveFor(gone.seq);
    state.publish();
    this.deps.announce();
  }

  async retryError(errorId: string): Promise<void> {
    await this.deps.errorList.retry(errorId, this.deps.offline);
    this.deps.scheduler.uploadNow();
    this.deps.announce();
    this.deps.scheduler.reschedule();
  }

  async discardError(errorId: string, options: DiscardOptions = {}): Promise<void> {
    await this.deps.errorList.discard(errorId, (table, id) => this.deps.serverCopy(table, id), options.discarding);
    this.deps.state.publish();
    this.deps.announce();
  }

  async reset(options: ResetOptions = {}): Promise<void> {
    const { state, store, scheduler } = this.deps;
    const pending = state.status.pendingCount;
    if (pending > 0 && !options.force) {
      throw new RejectedError(`${pending} change(s) have not been uploaded and would be lost. Reset with force to discard them.`);
    }
    // Refused before a running pass is stopped for nothing; the store checks again inside its clear.
    const unconfirmed = unconfirmedChanges(state.ledger.list().map((e) => e.seq), options.discarding);
    if (unconfirmed > 0) throw queuedSinceConfirmation(unconfirmed);
    await this.deps.passes.stop();
    try {
      await store.clear({ discarding: options.discarding, keepValues: [DATABASE_IDENTITY_KEY] });
    } catch (error) {
      // Nothing was cleared: the engine goes on as before, and the pass the reset stopped runs again.
      scheduler.reschedule();
      throw error;
    }
    state.ledger.load([]);
    state.errors = [];
    state.meta.clear();
    state.stats.clear();
    state.live.clear();
    this.deps.passes.lastSuccessAt = undefined;
    scheduler.forgetBackoff();
    state.setUserSettings(state.userSettings);
    await store.setValue(STORE_KEYS.userSettings, state.userSettings);
    this.deps.displayMetadata.forget();
    state.publish({ lastSuccessAt: undefined, notice: null, lastFailureCode: undefined });
    this.deps.announce();
    scheduler.reschedule();
  }

  async exportChanges(): Promise<ChangesExport> {
    const { store, identity, host } = this.deps;
    // From the store, not the ledger: the file must hold what the database holds (another tab's changes too).
    const [outbox, errors] = [await store.listOutbox(), await store.listErrors()];
    return buildChangesExport({ outbox, errors, identity, exportedAt: host.now(), suiteVersion: SUITE_VERSION });
  }
}

function queuedSinceConfirmation(unconfirmed: number): QueueChangedError {
  return new QueueChangedError(`${unconfirmed} change(s) were queued after the reset was confirmed and would be lost: nothing was discarded.`);
}
