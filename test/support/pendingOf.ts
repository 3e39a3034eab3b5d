import { ROW_OPS, type OutboxEntry } from '../../SyncEngine/contracts/rows';

/**
 * The pending count as the mobile app defines it, computed from what the store really holds: distinct rows with
 * row changes, plus every file and image change. Tests compare it with `status.pendingCount` to prove the
 * status never lies about what is waiting.
 */
export function pendingOf(entries: readonly OutboxEntry[]): number {
  const rows = new Set(entries.filter((e) => ROW_OPS.includes(e.op)).map((e) => `${e.table}:${e.rowId.toLowerCase()}`));
  return rows.size + entries.filter((e) => !ROW_OPS.includes(e.op)).length;
}

/** True when the outbox holds a create, update or delete of the row. */
export function hasRowChange(entries: readonly OutboxEntry[], table: string, rowId: string): boolean {
  const id = rowId.toLowerCase();
  return entries.some((e) => e.table === table && e.rowId.toLowerCase() === id && ROW_OPS.includes(e.op));
}

/**
 * What the outbox still holds for one row, as the convergence model needs it: `'delete'`, the columns its waiting
 * creates and updates set, or `null` when nothing of the row waits.
 */
export function waitingChange(entries: readonly OutboxEntry[], table: string, rowId: string): ReadonlySet<string> | 'delete' | null {
  const id = rowId.toLowerCase();
  const mine = entries.filter((e) => e.table === table && e.rowId.toLowerCase() === id && ROW_OPS.includes(e.op));
  if (mine.length === 0) return null;
  if (mine.some((e) => e.op === 'delete')) return 'delete';
  return new Set(mine.flatMap((e) => Object.keys(e.data ?? {})));
}
