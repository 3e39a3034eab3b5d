import type { OutboxEntry } from '../../contracts/rows';

/**
 * Which rows have outbox entries, kept in memory after open so `applyPage` and `removeStale` can skip them
 * without reading the outbox. Counts, because one row can have several entries.
 */
export class OutboxIndex {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(entries: OutboxEntry[]) {
    for (const entry of entries) this.add(entry.table, entry.rowId);
  }

  add(table: string, rowId: string): void {
    let rows = this.counts.get(table);
    if (!rows) this.counts.set(table, (rows = new Map<string, number>()));
    rows.set(rowId, (rows.get(rowId) ?? 0) + 1);
  }

  remove(table: string, rowId: string): void {
    const rows = this.counts.get(table);
    const count = rows?.get(rowId) ?? 0;
    if (count > 1) rows?.set(rowId, count - 1);
    else rows?.delete(rowId);
  }

  /** How many entries the row has. */
  count(table: string, rowId: string): number {
    return this.counts.get(table)?.get(rowId) ?? 0;
  }

  /** A snapshot: the ids of `table` with at least one entry. */
  rowIds(table: string): Set<string> {
    return new Set(this.counts.get(table)?.keys());
  }
}
