/**
 * The data the UI benchmark renders: a status snapshot shaped like a busy device's (200 tables, 5,000 active sync
 * errors, a fifth of them conflicts carrying both versions of the row) and an engine whose actions all resolve.
 * Deterministic, so every run renders the same page.
 */
import {
  DEFAULT_MAKER_SETTINGS,
  DEFAULT_USER_SETTINGS,
  type ChangeOp,
  type OutboxEntry,
  type Row,
  type SyncEngineApi,
  type SyncErrorRecord,
  type SyncStatusInit,
  type TableStatus,
} from '../../SyncEngine/contracts';
import { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';

/** 14 March 2024, 09:30 UTC, as the component tests use. */
const SYNC_TIME = Date.UTC(2024, 2, 14, 9, 30);
const TABLE_STATES: readonly TableStatus['state'][] = ['available', 'available', 'available', 'syncing', 'error', 'notDownloaded'];
const INTERVALS = [5, 15, 60, 120, 240, 1440];
const ACTIONS: readonly (ChangeOp | 'download')[] = ['update', 'create', 'delete', 'fileAdd', 'imageAdd', 'download'];

export function benchTables(count: number): TableStatus[] {
  return Array.from({ length: count }, (_, i): TableStatus => {
    const state = TABLE_STATES[i % TABLE_STATES.length];
    return {
      table: `new_table${i}`,
      displayName: `Table ${i} (${['Accounts', 'Contacts', 'Work orders', 'Assets'][i % 4]})`,
      rows: (i * 7919) % 250_000,
      bytes: ((i * 104_729) % 900) * 1024 * 37,
      lastSyncedAt: state === 'notDownloaded' ? undefined : SYNC_TIME - i * 60_000,
      initialComplete: state !== 'notDownloaded',
      effectiveIntervalMinutes: INTERVALS[i % INTERVALS.length],
      intervalDrivenBy: i % 7 === 3 ? `new_table${i - 1}` : undefined,
      state,
      progress: state === 'syncing' ? { rowsDone: 1200, rowsExpected: 5000, bytes: 640_000 } : undefined,
      errorCode: state === 'error' ? 'server-busy' : undefined,
    };
  });
}

function version(i: number, side: 'device' | 'server'): Row {
  return {
    '@odata.etag': `W/"${side === 'device' ? i : i + 1}"`,
    name: `Record ${i}`,
    telephone1: side === 'device' ? `+1 555 01${String(i % 100).padStart(2, '0')}` : '+1 555 0199',
    revenue: side === 'device' ? 1000 + i : 1000 + i,
    description: side === 'device' ? `Edited on the device (${i})` : `Edited on the server (${i})`,
    statecode: 0,
  };
}

/** Every fifth error a conflict with both versions, every seventh a missing record, the rest rejected changes. */
export function benchErrors(count: number, tables: readonly TableStatus[]): SyncErrorRecord[] {
  return Array.from({ length: count }, (_, i): SyncErrorRecord => {
    const conflict = i % 5 === 0;
    const notFound = !conflict && i % 7 === 0;
    const code = conflict ? 'conflict' : notFound ? 'record-not-found' : 'rejected';
    return {
      id: `err-${i}`,
      table: tables[i % tables.length].table,
      rowId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      recordName: `Record ${i}`,
      action: conflict ? 'update' : ACTIONS[i % ACTIONS.length],
      errorType: conflict ? 0 : notFound ? 1 : 3,
      code,
      message: conflict ? 'The record changed on the server since it was downloaded.' : notFound ? 'The record no longer exists.' : 'A business rule rejected the change.',
      time: SYNC_TIME - i * 1000,
      outboxSeq: i + 1,
      deviceVersion: conflict ? version(i, 'device') : undefined,
      serverVersion: conflict ? version(i, 'server') : undefined,
      state: 'active',
    };
  });
}

export function benchStatusInit(tableCount: number, errorCount: number): SyncStatusInit {
  const tables = benchTables(tableCount);
  return {
    connectivity: 'online',
    connectionType: 'wifi',
    phase: { kind: 'idle' },
    tables,
    outbox: { rows: 240, files: 3, images: 2, held: errorCount },
    errors: benchErrors(errorCount, tables),
    warnings: [],
    notice: null,
    lastSuccessAt: SYNC_TIME,
    initialSyncComplete: false,
    userSettings: DEFAULT_USER_SETTINGS,
    makerSettings: { ...DEFAULT_MAKER_SETTINGS, conflictDetection: true, allowUserFrequency: true, allowWifiOnly: true, allowOnlineMode: true },
  };
}

export function benchStatus(tableCount: number, errorCount: number): SyncStatus {
  return new SyncStatus(benchStatusInit(tableCount, errorCount));
}

/**
 * The status changes of the icon benchmark, `count` of them: the icon's six states in turn (each change shows a
 * different state from the one before), with `queued` changes or more waiting to upload in all but `connected`
 * (the queue just drained, so the badge goes away), the pending count moving on every change.
 */
export function iconPaintStatuses(base: SyncStatusInit, count: number, queued: number): SyncStatus[] {
  const variants: ((pending: number, i: number) => Partial<SyncStatusInit>)[] = [
    (p, i) => ({ errors: [], phase: { kind: 'uploading', done: i % p, total: p }, outbox: { rows: p, files: 0, images: 0, held: 0 } }),
    (p) => ({ errors: [], outbox: { rows: p - 1, files: 1, images: 0, held: 0 } }),
    (p) => ({ outbox: { rows: p, files: 0, images: 0, held: base.errors.length } }),
    (p) => ({ errors: [], connectivity: 'offline', connectionType: 'none', outbox: { rows: p, files: 0, images: 0, held: 0 } }),
    (p, i) => ({ errors: [], warnings: [{ code: 'server-busy', message: 'Server busy', since: SYNC_TIME, nextAttemptAt: SYNC_TIME + 60_000 * (1 + (i % 5)) }], outbox: { rows: p, files: 0, images: 0, held: 0 } }),
    () => ({ errors: [], outbox: { rows: 0, files: 0, images: 0, held: 0 } }),
  ];
  return Array.from({ length: count }, (_, i) => new SyncStatus({ ...base, ...variants[i % variants.length](queued + ((i * 337) % 500), i) }));
}

/** `count` queued updates, as `listPending` lists them (oldest first); only the status page, in the icon's panel, reads them. */
export function benchPending(count: number, tables: readonly TableStatus[]): OutboxEntry[] {
  return Array.from({ length: count }, (_, i): OutboxEntry => ({
    seq: i + 1,
    table: tables[i % tables.length].table,
    rowId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    op: i % 10 === 0 ? 'create' : 'update',
    data: { name: `Record ${i}`, telephone1: `+1 555 02${String(i % 100).padStart(2, '0')}` },
    baseEtag: `W/"${i}"`,
    recordName: `Record ${i}`,
    createdAt: SYNC_TIME - i * 1000,
    attempts: 0,
    state: 'pending',
  }));
}

const resolved = (): Promise<void> => Promise.resolve();
const notHere = (): Promise<never> => Promise.reject(new Error('not part of the UI benchmark'));

/** An engine whose every action resolves at once; the page under test only calls these. `publish` is the engine's
 * notification: the new status becomes current and every subscriber gets it, in order, synchronously. */
export function fakeEngine(initial: SyncStatus, pending: readonly OutboxEntry[] = []): SyncEngineApi & { publish(status: SyncStatus): void } {
  let current = initial;
  const listeners = new Set<(status: SyncStatus) => void>();
  return {
    getStatus: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    publish: (status) => {
      current = status;
      for (const listener of [...listeners]) listener(status);
    },
    syncNow: resolved,
    checkForUpdates: resolved,
    refreshTable: resolved,
    refreshAll: resolved,
    listPending: () => pending,
    discardChange: resolved,
    retryError: resolved,
    discardError: resolved,
    reset: resolved,
    exportChanges: notHere,
    updateUserSettings: resolved,
    dismissNotice: () => undefined,
    offline: {
      createRecord: notHere,
      retrieveRecord: notHere,
      retrieveMultipleRecords: notHere,
      updateRecord: notHere,
      deleteRecord: notHere,
      isAvailableOffline: () => false,
    },
  };
}
