import { changeTrackingOff, isChangeTrackingOff, ServiceUnavailableError, toSyncError, type OfflineProfileError, type SyncEngineError } from '../../contracts/errors';
import type { HostEnvironment, Identity } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource } from '../../contracts/RemoteSource';
import type { OutboxEntry, SyncErrorRecord } from '../../contracts/rows';
import { offlineDataBytes, type DownloadProgress, type SyncNotice } from '../../contracts/SyncStatus';
import type { DataSyncMode } from '../../contracts/telemetry';
import type { EngineOptions } from '../EngineOptions';
import type { EngineState } from '../EngineState';
import { requiredColumns, rowPredicate, type RowPredicate } from '../profile/rowFilter';
import type { TelemetryRecorder } from '../telemetry/TelemetryRecorder';
import { confirmHostWrites, HOST_SYNCED_OPS } from './confirmHostWrites';
import { downloadOrder, sliceQuery } from '../profile/sliceQuery';
import { downloadSlice } from './downloadSlice';
import { downloadMode, downloadTable, type DownloadContext, type DownloadResult } from './downloadTable';
import { profileProblemRecords } from '../profile/profileProblems';
import { parentLinks, relatedPredicate } from './relatedRows';
import { clearRowsChangedOutside, readRowsChangedOutside } from './rowsChangedOutside';
import type { SyncRequest } from './SyncRequest';
import { uploadChanges } from './uploadChanges';
import { BusyGate } from './BusyGate';
import { SteadyTimeLeft, timeLeft } from './timeLeft';
import type { LiveTableState } from '../status/tableStatuses';
import { warningFor } from './passOutcome';
import { backoffDelay } from '../util/backoff';

export interface PassDeps {
  remote: RemoteSource;
  store: RecordStore;
  host: HostEnvironment;
  identity: Identity;
  state: EngineState;
  options: EngineOptions;
  telemetry: TelemetryRecorder;
  tables: ReadonlyMap<string, ProfileTable>;
  recordError(record: SyncErrorRecord): Promise<void>;
  resolveErrorsFor(entry: OutboxEntry): Promise<void>;
  /** Takes an entry off the sync error list (one the engine raised itself and found no longer true). */
  clearError(id: string): Promise<void>;
}

export interface PassPlan {
  request: SyncRequest;
  tables: string[];
  forceFull: boolean;
  /** The app was away long enough that this delta is a large incremental sync. */
  largeIncremental: boolean;
}

/** One sync pass: health check, upload first, then download the planned tables in dependency order. */
export class SyncPass {
  private rowsDownloaded = 0;
  /** Tables whose device copy changed in this pass: related tables filtered on the device through them redo theirs. */
  private readonly changed = new Set<string>();
  /** The server's Retry-After holds every download request of the pass back. */
  private readonly busy: BusyGate;
  private bytesDownloaded = 0;
  /** Rows each table's download of this pass is expected to bring, where the server counted them. */
  private readonly expected = new Map<string, number>();
  /** Tables waiting to download (`downloadAll`'s queue). */
  private queued: readonly string[] = [];
  private downloadsStartedAt = 0;
  private readonly timeLeftShown = new SteadyTimeLeft();

  constructor(
    private readonly deps: PassDeps,
    private readonly plan: PassPlan,
    private readonly signal: AbortSignal,
  ) {
    this.busy = new BusyGate(deps.host);
  }

  async run(): Promise<void> {
    const { state } = this.deps;
    const mode: DataSyncMode = this.plan.forceFull ? 'FORCED_SYNC' : state.initialSyncComplete ? 'DELTA_SYNC' : 'FIRST_SYNC';
    const done = this.deps.telemetry.begin({ name: 'Offline.SyncDatabase', mode });
    try {
      await this.healthCheck();
      if (this.deps.store.hostSynced === true) {
        await this.confirmHostWrites();
        await this.upload((entry) => !HOST_SYNCED_OPS.has(entry.op));
        for (const name of this.plan.tables) await this.recordHostTable(name);
      } else {
        await this.upload();
        const queue = orderForDownload(this.plan.tables, this.deps);
        const outside = await readRowsChangedOutside(this.deps.store);
        for (const name of Object.keys(outside)) this.changed.add(name);
        await this.downloadAll(queue);
        await clearRowsChangedOutside(this.deps.store, outside);
      }
      done({ recordCount: this.rowsDownloaded });
    } catch (error) {
      const failure = toSyncError(error);
      done({ recordCount: this.rowsDownloaded, error: failure });
      throw failure;
    } finally {
      for (const live of state.live.values()) live.syncing = false;
      state.publish({ phase: { kind: 'idle' } });
    }
  }

  private async healthCheck(): Promise<void> {
    const { remote, state, options } = this.deps;
    const timeout = new AbortController();
    const timer = this.deps.host.setTimer(() => {
      timeout.abort();
    }, options.healthCheckTimeoutMs);
    const abortOnOuter = (): void => {
      timeout.abort();
    };
    this.signal.addEventListener('abort', abortOnOuter);
    try {
      await remote.ping(timeout.signal);
      state.publish({ connectivity: 'online' });
    } catch (error) {
      const failure = toSyncError(error);
      // The service answered (busy, session expired …): it is reachable, just not syncing now.
      const reachable = !['network', 'unavailable', 'aborted'].includes(failure.code);
      state.publish({ connectivity: reachable ? 'online' : 'unavailable' });
      if (reachable) throw failure;
      throw timeout.signal.aborted && !this.signal.aborted ? new ServiceUnavailableError('The service did not answer in time.') : failure;
    } finally {
      timer();
      this.signal.removeEventListener('abort', abortOnOuter);
    }
  }

  /** The host uploads row changes itself: settle those the server already shows (see `confirmHostWrites`). */
  private async confirmHostWrites(): Promise<void> {
    await this.deps.telemetry.measure({ name: 'Offline.ConfirmHostChanges', mode: 'DELTA_SYNC' }, () =>
      confirmHostWrites({
        ...this.deps,
        ledger: this.deps.state.ledger,
        signal: this.signal,
        lookAtAll: this.plan.request.kind !== 'auto' && this.plan.request.kind !== 'uploadOnly',
        onUploaded: (entry) => this.deps.resolveErrorsFor(entry),
      }),
    );
  }

  /**
   * The host downloads the table: the engine only counts what the host holds. `lastSyncedAt` is when this device
   * last saw the service and its own changes' fate, the host's download time being the host's to tell.
   */
  private async recordHostTable(name: string): Promise<void> {
    const { store, state, host } = this.deps;
    const meta = (await store.getMeta(name)) ?? { table: name, generation: 0, initialComplete: false };
    const recorded = { ...meta, initialComplete: true, lastSyncedAt: host.now(), lastErrorCode: undefined, lastErrorMessage: undefined };
    await store.putMeta(recorded);
    state.meta.set(name, recorded);
    state.stats.set(name, await store.tableStats(name));
    state.publish();
  }

  private async upload(accept?: (entry: OutboxEntry) => boolean): Promise<void> {
    const { state, options } = this.deps;
    const now = this.deps.host.now();
    if (!(accept ? state.ledger.ready(now, Number.MAX_SAFE_INTEGER).some(accept) : state.ledger.ready(now, 1).length > 0)) return;
    const { telemetry } = this.deps;
    // Each change the server did not take is its own event, and makes the pass's upload a FAILURE: a pass whose
    // changes were all refused did not succeed, however cleanly its requests ran.
    const failures: SyncEngineError[] = [];
    const onFailure = (entry: OutboxEntry, error: SyncEngineError): void => {
      failures.push(error);
      telemetry.record({ name: 'Offline.UploadChange', mode: 'DELTA_SYNC', entityName: entry.table, action: entry.op }, { error, recordCount: 1 });
    };
    await telemetry.measure({ name: 'Offline.UploadChanges', mode: 'DELTA_SYNC' }, async () => {
      const uploaded = await uploadChanges({
        ...this.deps,
        ledger: state.ledger,
        conflictDetection: state.maker.conflictDetection,
        maxAttempts: options.maxAttempts,
        batchSize: options.uploadBatchSize,
        signal: this.signal,
        onProgress: (doneCount, total) => {
          state.publish({ phase: { kind: 'uploading', done: doneCount, total } });
        },
        onError: (record) => this.deps.recordError(record),
        onUploaded: (entry) => this.deps.resolveErrorsFor(entry),
        onFailure,
        accept,
      });
      return failures.length === 0 ? uploaded : { recordCount: uploaded, failedCount: failures.length, error: failures[0] };
    });
  }

  /**
   * Downloads one table, then calls `finished` (with the failure, when it failed) at once after the table's state
   * is final, in the same turn: the scheduler starts the next table or names a running one there, so no status
   * snapshot names a table as being fetched while it shows done. Never rejects.
   */
  private async download(name: string, count: () => TableCount, finished: (failure?: SyncEngineError) => void): Promise<void> {
    const { state, store, tables } = this.deps;
    const table = tables.get(name);
    if (!table) {
      finished();
      return;
    }
    const startedAt = this.deps.host.now();
    const live: LiveTableState = { syncing: true, progress: { rowsDone: 0, bytes: 0, ...expectedOf(this.expected.get(name)) } };
    state.live.set(name, live);
    // The table being fetched says so at once, not only when its first page lands.
    const mode = downloadMode(state.meta.get(name), this.plan.forceFull);
    // So does the notice: a refresh says "Updating data…" for the whole of it, not from its first page on.
    const progress = this.progress();
    state.publish({
      phase: { kind: 'downloading', mode, table: name, ...count(), progress },
      notice: this.noticeFor(mode, name, progress, offlineDataBytes(state.stats.values())),
    });
    const done = this.deps.telemetry.begin({ name: 'Offline.DdsClient.GetRecords', mode: this.plan.forceFull ? 'FORCED_SYNC' : 'DELTA_SYNC', entityName: name });
    let failure: SyncEngineError | undefined;
    try {
      const context: DownloadContext = {
        ...this.deps,
        pageSize: this.deps.options.pageSize,
        signal: this.signal,
        lookahead: this.deps.options.pageLookahead,
        gate: () => this.busy.whenOpen(this.signal),
        onPage: (p) => {
          if (p.expected !== undefined) this.expected.set(name, p.expected);
          const expected = this.expected.get(name);
          const left = timeLeft(p.rows, expected, this.deps.host.now() - startedAt);
          live.progress = { rowsDone: p.rows, bytes: p.bytes, ...expectedOf(expected), ...(left ? { remainingMs: left.remainingMs } : {}) };
          return this.onPage(name, p.mode, count);
        },
      };
      const result = await this.downloadRows(context, table);
      if (result.rows > 0 || result.removed > 0) this.changed.add(name);
      done({ recordCount: result.rows, responseSize: result.bytes, mode: result.mode });
    } catch (error) {
      failure = toSyncError(error);
      done({ error: failure });
    }
    try {
      const [meta, stats] = await Promise.all([store.getMeta(name), store.tableStats(name)]);
      if (meta) state.meta.set(name, meta);
      state.stats.set(name, stats);
    } catch (error) {
      failure ??= toSyncError(error);
    }
    // The rows that landed move from the table's live progress to the pass's, in the same turn (never counted
    // twice, never dropped: a table that failed keeps its pages and goes on from them, expecting only the rest).
    const brought = live.progress ?? { rowsDone: 0, bytes: 0 };
    this.rowsDownloaded += brought.rowsDone;
    this.bytesDownloaded += brought.bytes;
    const expected = this.expected.get(name);
    if (failure && expected !== undefined) this.expected.set(name, Math.max(0, expected - brought.rowsDone));
    state.live.set(name, failure ? { syncing: false, errorCode: failure.code } : { syncing: false });
    finished(failure);
  }

  /**
   * A table with a filter comes down as its server slice (`downloadSlice`); a table kept whole is its own slice,
   * and change tracking's delta link is exact and cheaper than a slice check. Where the table's change tracking is
   * off, it comes down by query (its slice, or the whole table each time when the service answers no FetchXML),
   * with a `change-tracking-off` entry on the sync error list, until a Refresh finds tracking on again.
   */
  private async downloadRows(context: DownloadContext, table: ProfileTable): Promise<DownloadResult> {
    const { state, remote } = this.deps;
    const name = table.logicalName;
    const untracked = state.meta.get(name)?.changeTrackingOff === true && !this.plan.forceFull;
    const canSlice = remote.fetchXmlPage !== undefined;
    const bySlice = (force: boolean): Promise<DownloadResult> => downloadSlice(context, table, sliceQuery(state.profile, name), force);
    if (this.slicedOnServer(table)) return bySlice(this.plan.forceFull);
    const whole = { ...table, columns: requiredColumns(table) };
    const predicate = await this.devicePredicate(table);
    const force = this.plan.forceFull || this.parentChanged(table);
    let result: DownloadResult;
    try {
      result = await downloadTable(context, whole, predicate, force, !untracked);
    } catch (error) {
      if (!isChangeTrackingOff(error)) throw error;
      await this.changeTrackingOff(name, error);
      return canSlice ? bySlice(false) : downloadTable(context, whole, predicate, true, false);
    }
    if (result.untracked === true) await this.changeTrackingOff(name, changeTrackingOff(name, 'the server ignored odata.track-changes'));
    else if (!untracked) await this.deps.clearError(changeTrackingProblemId(name));
    return result;
  }

  /** Says so on the error list (once per table) and keeps the table on its query path from now on. */
  private async changeTrackingOff(name: string, problem: OfflineProfileError): Promise<void> {
    const { store, state, host } = this.deps;
    const id = changeTrackingProblemId(name);
    if (!state.errors.some((e) => e.id === id)) {
      const [record] = profileProblemRecords([problem], host.now());
      await this.deps.recordError({ ...record, id });
    }
    const meta = (await store.getMeta(name)) ?? { table: name, generation: 0, initialComplete: false };
    if (meta.changeTrackingOff === true) return;
    const marked = { ...meta, changeTrackingOff: true };
    await store.putMeta(marked);
    state.meta.set(name, marked);
  }

  /**
   * Downloads the queued tables, up to `downloadConcurrency` at once, each as soon as the tables it depends on are
   * done; answers the tables downloaded, in the order they finished. A table that changed takes its related tables
   * along (`followChanges`). When one fails, no other starts, those running finish, and the first failure stands.
   */
  private async downloadAll(queue: string[]): Promise<string[]> {
    const done: string[] = [];
    const running = new Set<string>();
    let failure: SyncEngineError | undefined;
    const count = (): TableCount => ({ tablesDone: done.length, tablesTotal: done.length + running.size + queue.length });
    let limit = Math.max(1, Math.floor(this.deps.options.downloadConcurrency));
    let busyAnswers = 0;
    let allDone = (): void => undefined;
    const finishedAll = new Promise<void>((resolve) => {
      allDone = resolve;
    });
    /** Starts what may start; answers whether it started any. */
    const pump = (): boolean => {
      let started = false;
      while (failure === undefined && running.size < limit) {
        // Nothing running and nothing ready cannot wait for anything: the first queued table goes.
        const name = queue.find((candidate) => this.mayStart(candidate, queue, running)) ?? (running.size === 0 ? queue[0] : undefined);
        if (name === undefined) break;
        queue.splice(queue.indexOf(name), 1);
        // Counted as running before its download says so (its first status names it, with the right total).
        running.add(name);
        started = true;
        void this.download(name, count, (error) => {
          running.delete(name);
          if (error === undefined) {
            done.push(name);
            this.followChanges(queue, [...done, ...running]);
          } else if (error.code === 'server-busy' && busyAnswers < this.deps.options.downloadBusyRetries && !this.signal.aborted) {
            // Service protection: fewer at once from now on, nothing before the server's Retry-After, and the
            // table again from the page it stopped at (its resume point), in this same pass.
            busyAnswers++;
            limit = Math.max(1, Math.ceil(Math.min(limit, running.size + 1) / 2));
            this.holdForServer(error, busyAnswers);
            // Waiting its turn, not failed: no error state for it on screen.
            this.deps.state.live.set(name, { syncing: false });
            this.enqueue(queue, [name]);
          } else failure ??= error;
          if (!pump()) this.showRunning(running, count);
          if (running.size === 0) allDone();
        });
      }
      return started;
    };
    this.followChanges(queue, []);
    this.queued = queue;
    this.downloadsStartedAt = this.deps.host.now();
    this.countWholeTables(queue);
    pump();
    this.countWaitingSlices(queue);
    if (running.size === 0) allDone();
    await finishedAll;
    if (failure !== undefined) throw failure;
    return done;
  }

  /**
   * The server answered 429: no download request until its Retry-After (or a backoff, when it sent none) has run
   * out; the user sees the server is busy and when sync goes on, until it does.
   */
  private holdForServer(error: SyncEngineError, answers: number): void {
    const { host, state } = this.deps;
    const wait = error.retryAfterMs ?? backoffDelay(answers, host.random());
    this.busy.hold(wait);
    const warning = warningFor(error);
    if (warning) state.setWarning(warning.code, warning.message, { nextAttemptAt: this.busy.heldUntil });
    state.publish();
    void this.busy.wait(this.signal).then(
      () => {
        if (this.busy.heldUntil !== undefined || !state.hasWarning('server-busy')) return;
        state.clearWarning('server-busy');
        state.publish();
      },
      () => undefined,
    );
  }

  /**
   * A related table filtered on the device reads the rows of the tables before it in download order, so it starts
   * when none of those is queued or running; every other table (a server slice, a table kept whole, an owner
   * filter) depends on nothing on the device.
   */
  private mayStart(name: string, queue: readonly string[], running: ReadonlySet<string>): boolean {
    const table = this.deps.tables.get(name);
    if (table?.filter.kind !== 'related' || this.slicedOnServer(table)) return true;
    const order = downloadOrder(this.deps.state.profile);
    const before = order.slice(0, Math.max(0, order.indexOf(name)));
    return !before.some((other) => queue.includes(other) || running.has(other));
  }

  /** The table comes down as its server slice (see `downloadRows`). */
  private slicedOnServer(table: ProfileTable): boolean {
    const { state, options, remote } = this.deps;
    if (remote.fetchXmlPage === undefined) return false;
    const untracked = state.meta.get(table.logicalName)?.changeTrackingOff === true && !this.plan.forceFull;
    return (options.serverSlices && table.filter.kind !== 'all') || untracked;
  }

  /**
   * A table finished and none started in its place: the status names one still running, with the new count, in
   * the same snapshot that shows the finished one done.
   */
  private showRunning(running: ReadonlySet<string>, count: () => TableCount): void {
    const table = running.values().next();
    // None running: the pass's end says so (idle), as after the last table of a one-at-a-time download.
    if (table.done === true) return;
    const name = table.value;
    const mode = downloadMode(this.deps.state.meta.get(name), this.plan.forceFull);
    this.deps.state.publish({ phase: { kind: 'downloading', mode, table: name, ...count(), progress: this.progress() } });
  }

  /**
   * A table that changed in this pass (or outside a download since the last one) takes the related tables hanging
   * off it along, due or not: rows may have entered or left them without changing (a booking left, its work order
   * goes with it). `queue` is what is left to download, kept in download order; `done` what this pass downloaded.
   */
  private followChanges(queue: string[], done: readonly string[]): void {
    const followers = [...this.deps.tables.values()].filter(
      (t) => !queue.includes(t.logicalName) && !done.includes(t.logicalName) && this.parentChanged(t),
    );
    this.enqueue(queue, followers.map((t) => t.logicalName));
  }

  /** Puts `names` in the queue, which stays in download order. */
  private enqueue(queue: string[], names: readonly string[]): void {
    if (names.length === 0) return;
    const order = downloadOrder(this.deps.state.profile);
    queue.push(...names);
    queue.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /**
   * A related table the device filters gets its rows through tables downloaded before it. A delta brings only rows
   * that changed themselves, so when one of those tables changed in this pass, rows may have entered or left
   * without changing: the table downloads again in full (the server slice path has no such cost, see downloadSlice).
   */
  private parentChanged(table: ProfileTable): boolean {
    if (table.filter.kind !== 'related') return false;
    return parentLinks(this.deps.state.profile, table.logicalName).some((link) => this.changed.has(link.parent));
  }

  /** Where the device filters a whole table's download: its row filter, on the host's clock. */
  private async devicePredicate(table: ProfileTable): Promise<RowPredicate | null> {
    if (table.filter.kind === 'related') return relatedPredicate(table, this.deps);
    return rowPredicate(table, this.deps.identity, () => this.deps.host.now());
  }

  private async onPage(table: string, mode: DataSyncMode, count: () => TableCount): Promise<void> {
    const { state } = this.deps;
    const stats = await this.deps.store.tableStats(table);
    state.stats.set(table, stats);
    const progress = this.progress();
    state.publish({
      phase: { kind: 'downloading', mode, table, ...count(), progress },
      // The same figure as the status page's storage total: the tables' sizes as the store counts them.
      notice: this.noticeFor(mode, table, progress, offlineDataBytes(state.stats.values())),
    });
  }

  private noticeFor(mode: DataSyncMode, table: string, progress: DownloadProgress, bytes: number | null): SyncNotice | null {
    const { kind } = this.plan.request;
    const rows = progress.rowsDone;
    if (kind === 'refreshTable' || kind === 'refreshAll') return { kind: 'updating', table, rowsDownloaded: rows };
    if (mode === 'FIRST_SYNC') {
      const left = progress.remainingMs === undefined ? {} : { remainingMs: progress.remainingMs };
      return { kind: 'initialSync', table, rowsDownloaded: rows, bytesOnDisk: bytes, ...left };
    }
    if (this.plan.largeIncremental) return { kind: 'largeIncremental', rowsDownloaded: rows };
    return this.deps.state.status.notice;
  }

  /**
   * The pass's download so far: rows and bytes of the tables done and of those running; the rows expected once
   * every table still to finish has a count (those done count what they brought); the time left at the pass's
   * rate so far, kept steady (`SteadyTimeLeft`).
   */
  private progress(): DownloadProgress {
    const { state, host } = this.deps;
    let rowsDone = this.rowsDownloaded;
    let bytesDone = this.bytesDownloaded;
    let rowsExpected: number | undefined = this.rowsDownloaded;
    for (const [name, live] of state.live) {
      if (!live.syncing || !live.progress) continue;
      rowsDone += live.progress.rowsDone;
      bytesDone += live.progress.bytes;
      const expected = this.expected.get(name);
      rowsExpected = rowsExpected === undefined || expected === undefined ? undefined : rowsExpected + Math.max(expected, live.progress.rowsDone);
    }
    for (const name of this.queued) {
      const expected = this.expected.get(name);
      rowsExpected = rowsExpected === undefined || expected === undefined ? undefined : rowsExpected + expected;
    }
    const now = host.now();
    const left = this.timeLeftShown.next(timeLeft(rowsDone, rowsExpected, now - this.downloadsStartedAt), now);
    return {
      rowsDone,
      bytesDone,
      ...(rowsExpected === undefined ? {} : { rowsExpected, ...(rowsDone > 0 ? { bytesExpected: Math.round((bytesDone / rowsDone) * rowsExpected) } : {}) }),
      ...(left ? { remainingMs: left.remainingMs, remainingErrorMs: left.errorMs } : {}),
    };
  }

  /**
   * Asks the server, once and without waiting for it, how many rows each whole table that downloads in full has
   * (`RemoteSource.countRows`); a download that resumes expects only the rows it has still to bring. A failure
   * only leaves the time left unknown. Sliced tables count their rows with their first page (`downloadSlice`).
   */
  private countWholeTables(queue: readonly string[]): void {
    const { remote, state, tables } = this.deps;
    if (remote.countRows === undefined) return;
    const whole = queue
      .map((name) => tables.get(name))
      .filter((t): t is ProfileTable => t !== undefined && t.filter.kind === 'all' && !this.slicedOnServer(t))
      .filter((t) => downloadMode(state.meta.get(t.logicalName), this.plan.forceFull) !== 'DELTA_SYNC');
    if (whole.length === 0) return;
    remote.countRows(whole, this.signal).then(
      (counts) => {
        for (const table of whole) {
          const count = counts.get(table.logicalName);
          if (count === undefined || this.expected.has(table.logicalName)) continue;
          const meta = state.meta.get(table.logicalName);
          const before = meta?.fullDownloadInProgress === true && !this.plan.forceFull ? (meta.rowsInProgress ?? 0) : 0;
          this.expected.set(table.logicalName, Math.max(0, count - before));
        }
      },
      () => undefined,
    );
  }

  /**
   * Sliced tables that wait for a turn count their rows at once, with a one-row page of their slice that asks for
   * the total: the time left is known from the start, not only once the last table has started. Best effort.
   */
  private countWaitingSlices(queue: readonly string[]): void {
    const { remote, state, tables } = this.deps;
    const read = remote.fetchXmlPage?.bind(remote);
    if (!read) return;
    for (const name of queue) {
      const table = tables.get(name);
      const meta = state.meta.get(name);
      const fromStart = this.plan.forceFull || meta?.fullDownloadInProgress !== true;
      if (!table || !this.slicedOnServer(table) || !fromStart || downloadMode(meta, this.plan.forceFull) === 'DELTA_SYNC') continue;
      const count = async (): Promise<void> => {
        await this.busy.whenOpen(this.signal);
        const page = await read({ table, fetchXml: sliceQuery(state.profile, name), pageSize: 1, countTotal: true, signal: this.signal });
        if (page.totalCount !== undefined && !this.expected.has(name)) this.expected.set(name, page.totalCount);
      };
      count().catch(() => undefined);
    }
  }
}

/** Where the pass is in its list: tables finished so far, of the tables it downloads. */
interface TableCount {
  tablesDone: number;
  tablesTotal: number;
}

/** The tables this pass downloads, in order: those chosen by relationship after the tables they depend on. */
function orderForDownload(names: readonly string[], deps: PassDeps): string[] {
  const known = names.filter((n) => deps.tables.has(n));
  const related = known.filter((n) => deps.tables.get(n)?.filter.kind === 'related');
  return [...known.filter((n) => !related.includes(n)), ...related];
}

/** The sync error list's entry for a table whose change tracking is off; not a `profile:` id, which a start replaces. */
export function changeTrackingProblemId(table: string): string {
  return `download:change-tracking-off:${table}`;
}

function expectedOf(rows: number | undefined): { rowsExpected?: number } {
  return rows === undefined ? {} : { rowsExpected: rows };
}
