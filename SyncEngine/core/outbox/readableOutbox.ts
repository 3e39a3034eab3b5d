import type { ChangeOp, OutboxEntry, SyncErrorRecord } from '../../contracts/rows';

const OPS: ReadonlySet<string> = new Set<ChangeOp>(['create', 'update', 'delete', 'fileAdd', 'fileRemove', 'imageAdd', 'imageRemove']);
const STATES: ReadonlySet<string> = new Set(['pending', 'failed', 'quarantined']);

/** Id prefix of the error-list entries about records of the offline database that could not be read. */
export const STORE_CORRUPT_PREFIX = 'store-corrupt:';

/** What is wrong with a stored outbox record, or `undefined` when it is a change the engine can send. */
export function unreadableReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a record';
  const entry = value as Partial<Record<keyof OutboxEntry, unknown>>;
  if (typeof entry.table !== 'string' || entry.table === '') return 'its table is missing';
  if (typeof entry.rowId !== 'string' || entry.rowId === '') return 'its row id is missing';
  if (typeof entry.op !== 'string' || !OPS.has(entry.op)) return `its kind of change (${String(entry.op)}) is unknown`;
  if (entry.state !== undefined && (typeof entry.state !== 'string' || !STATES.has(entry.state))) return 'its state is unknown';
  const needsData = entry.op === 'create' || entry.op === 'update';
  if (needsData && (typeof entry.data !== 'object' || entry.data === null || Array.isArray(entry.data))) return 'the values typed are missing';
  const needsFile = entry.op !== 'create' && entry.op !== 'update' && entry.op !== 'delete';
  const attachment: unknown = entry.attachment;
  if (needsFile && (typeof attachment !== 'object' || attachment === null || typeof (attachment as { column?: unknown }).column !== 'string')) return 'its file is missing';
  return undefined;
}

export interface SortedOutbox {
  /** Every entry, the unreadable ones as held (quarantined) stand-ins the upload never sends. */
  entries: OutboxEntry[];
  /** One error-list entry per unreadable record, saying so. */
  errors: SyncErrorRecord[];
}

/**
 * The stored outbox as the engine can use it. A record it cannot read (truncated, written by a broken build, an
 * unknown kind) is never dropped or rewritten: it stays in the store, is held in the queue (so the count shows it
 * and the export carries it), and gets a sync error that says so; everything else uploads as usual.
 */
export function sortOutbox(stored: readonly OutboxEntry[], now: number): SortedOutbox {
  const entries: OutboxEntry[] = [];
  const errors: SyncErrorRecord[] = [];
  for (const value of stored) {
    const reason = unreadableReason(value);
    if (reason === undefined) {
      // Stored records are what an older or broken build wrote: the type says what they should be, not what they are.
      const state: unknown = value.state;
      entries.push(state === undefined ? { ...value, state: 'pending' } : value);
      continue;
    }
    const raw = value as Partial<OutboxEntry>;
    const held: OutboxEntry = {
      ...raw,
      seq: raw.seq ?? 0,
      table: typeof raw.table === 'string' ? raw.table : '',
      rowId: typeof raw.rowId === 'string' ? raw.rowId : '',
      op: typeof raw.op === 'string' && OPS.has(raw.op) ? raw.op : 'update',
      createdAt: typeof raw.createdAt === 'number' ? raw.createdAt : 0,
      attempts: typeof raw.attempts === 'number' ? raw.attempts : 0,
      state: 'quarantined',
      lastErrorCode: 'store-corrupt',
      lastErrorMessage: `This change could not be read (${reason}).`,
    };
    entries.push(held);
    errors.push({
      id: `${STORE_CORRUPT_PREFIX}outbox:${String(held.seq)}`,
      table: held.table,
      rowId: held.rowId,
      recordName: typeof raw.recordName === 'string' ? raw.recordName : undefined,
      action: held.op,
      errorType: 3,
      code: 'store-corrupt',
      message: `A change saved on this device could not be read (${reason}). It was set aside and is kept; the other changes go on uploading. Export it to keep a copy, or discard it.`,
      time: now,
      outboxSeq: held.seq,
      state: 'active',
    });
  }
  return { entries, errors };
}
