import {
  CHANGES_EXPORT_FORMAT,
  CHANGES_EXPORT_VERSION,
  type ChangesExport,
  type ChangesExportCounts,
  type ExportedChange,
  type ExportedError,
} from '../../contracts/changesExport';
import type { Identity } from '../../contracts/HostEnvironment';
import type { ChangeOp, OutboxEntry, Row, SyncErrorRecord } from '../../contracts/rows';

export interface ChangesExportInput {
  /** The outbox as the store holds it (not the engine's mirror: the file must hold what would survive a restart). */
  outbox: readonly OutboxEntry[];
  errors: readonly SyncErrorRecord[];
  identity: Pick<Identity, 'orgId' | 'userId'>;
  /** Epoch ms. */
  exportedAt: number;
  suiteVersion: string;
}

/**
 * Builds the "Export changes" document. Pure: copies every value, so the caller may serialise or change the
 * document without touching what the store handed over (a memory store hands over its own objects).
 */
export function buildChangesExport(input: ChangesExportInput): ChangesExport {
  const changes = [...input.outbox].sort((a, b) => a.seq - b.seq).map(exportedChange);
  const errors = [...input.errors].sort((a, b) => a.time - b.time || compare(a.id, b.id)).map(exportedError);
  return {
    format: CHANGES_EXPORT_FORMAT,
    formatVersion: CHANGES_EXPORT_VERSION,
    exportedAt: isoTime(input.exportedAt),
    suiteVersion: input.suiteVersion,
    orgId: input.identity.orgId,
    userId: input.identity.userId,
    counts: countsOf(input.outbox, errors.length),
    changes,
    errors,
  };
}

function exportedChange(entry: OutboxEntry): ExportedChange {
  return withoutUndefined({
    seq: entry.seq,
    table: entry.table,
    rowId: entry.rowId,
    op: entry.op,
    recordName: entry.recordName,
    madeAt: isoTime(entry.createdAt),
    state: entry.state,
    attempts: entry.attempts,
    lastErrorCode: entry.lastErrorCode,
    lastErrorMessage: entry.lastErrorMessage,
    uncertain: entry.uncertain,
    values: entry.data === undefined ? undefined : plain(entry.data),
    attachment: entry.attachment === undefined ? undefined : plain(entry.attachment),
  });
}

function exportedError(error: SyncErrorRecord): ExportedError {
  return withoutUndefined({
    id: error.id,
    table: error.table,
    rowId: error.rowId,
    recordName: error.recordName,
    action: error.action,
    code: error.code,
    message: error.message,
    detail: error.detail,
    time: isoTime(error.time),
    state: error.state,
    changeSeq: error.outboxSeq,
    deviceVersion: error.deviceVersion === undefined ? undefined : plain(error.deviceVersion),
    serverVersion: error.serverVersion === undefined ? undefined : plain(error.serverVersion),
  });
}

function kindOf(op: ChangeOp): 'rows' | 'files' | 'images' {
  if (op === 'fileAdd' || op === 'fileRemove') return 'files';
  if (op === 'imageAdd' || op === 'imageRemove') return 'images';
  return 'rows';
}

function countsOf(outbox: readonly OutboxEntry[], errors: number): ChangesExportCounts {
  const counts = { changes: outbox.length, rows: 0, files: 0, images: 0, errors };
  for (const entry of outbox) counts[kindOf(entry.op)] += 1;
  return counts;
}

/** A time the store holds as epoch ms; one that is not a valid time is kept as it was rather than throwing. */
function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** A deep copy through JSON: what the file will hold, and no reference into the store's objects. */
function plain<T extends Row | object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Optional fields that are absent stay absent in the file (JSON drops them anyway; tests compare objects). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
