import type { OutboxCounts } from '../../contracts/SyncStatus';
import type { ChangeOp, OutboxEntry } from '../../contracts/rows';

const rowKey = (table: string, rowId: string): string => `${table}:${rowId.toLowerCase()}`;

function kindOf(op: ChangeOp): 'row' | 'file' | 'image' {
  if (op === 'fileAdd' || op === 'fileRemove') return 'file';
  if (op === 'imageAdd' || op === 'imageRemove') return 'image';
  return 'row';
}

/**
 * The engine's in-memory mirror of the store's outbox. Counts are kept incrementally so deriving the status
 * costs the same with 10 or 10,000 queued changes; the store stays the source of truth across restarts.
 */
export class OutboxLedger {
  private readonly entries = new Map<number, OutboxEntry>();
  /** Row key → number of row-change entries: the pending count counts rows, not edits. */
  private readonly rowChanges = new Map<string, number>();
  private files = 0;
  private images = 0;
  private held = 0;
  /** Earliest `notBefore` among pending entries and how many share it, so scheduling stays O(1) per change. */
  private earliest: number | undefined;
  private atEarliest = 0;
  private earliestStale = false;

  load(entries: readonly OutboxEntry[]): void {
    this.entries.clear();
    this.rowChanges.clear();
    this.files = this.images = this.held = 0;
    this.earliest = undefined;
    this.atEarliest = 0;
    this.earliestStale = false;
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) this.add(entry);
  }

  add(entry: OutboxEntry): void {
    this.entries.set(entry.seq, entry);
    this.count(entry, 1);
  }

  remove(seq: number): OutboxEntry | undefined {
    const entry = this.entries.get(seq);
    if (!entry) return undefined;
    this.entries.delete(seq);
    this.count(entry, -1);
    return entry;
  }

  update(entry: OutboxEntry): void {
    const old = this.entries.get(entry.seq);
    if (!old) return;
    this.count(old, -1);
    this.entries.set(entry.seq, entry);
    this.count(entry, 1);
  }

  get(seq: number): OutboxEntry | undefined {
    return this.entries.get(seq);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries in upload order. */
  list(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  forRow(table: string, rowId: string): OutboxEntry[] {
    const key = rowKey(table, rowId);
    return this.list().filter((e) => rowKey(e.table, e.rowId) === key);
  }

  hasRow(table: string, rowId: string): boolean {
    return this.rowChanges.has(rowKey(table, rowId)) || this.forRow(table, rowId).length > 0;
  }

  counts(): OutboxCounts {
    return { rows: this.rowChanges.size, files: this.files, images: this.images, held: this.held };
  }

  /**
   * The next change of each row that may upload now: per-row order is kept by never passing an earlier entry
   * of the same row, and a held (failed or quarantined) entry holds back the rest of its row only.
   */
  ready(now: number, limit: number): OutboxEntry[] {
    const blocked = new Set<string>();
    const result: OutboxEntry[] = [];
    for (const entry of this.entries.values()) {
      const key = rowKey(entry.table, entry.rowId);
      if (blocked.has(key)) continue;
      blocked.add(key);
      if (entry.state !== 'pending' || (entry.notBefore ?? 0) > now) continue;
      result.push(entry);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** The earliest time a pending entry becomes ready, for scheduling the next attempt. */
  nextReadyAt(): number | undefined {
    if (this.earliestStale) {
      this.earliest = undefined;
      this.atEarliest = 0;
      this.earliestStale = false;
      for (const entry of this.entries.values()) this.track(entry, 1);
    }
    return this.earliest;
  }

  private track(entry: OutboxEntry, delta: 1 | -1): void {
    if (entry.state !== 'pending' || this.earliestStale) return;
    const at = entry.notBefore ?? 0;
    if (delta === 1) {
      if (this.earliest === undefined || at < this.earliest) {
        this.earliest = at;
        this.atEarliest = 1;
      } else if (at === this.earliest) this.atEarliest++;
    } else if (at === this.earliest && --this.atEarliest === 0) {
      this.earliestStale = true;
    }
  }

  private count(entry: OutboxEntry, delta: 1 | -1): void {
    this.track(entry, delta);
    if (entry.state !== 'pending') this.held += delta;
    const kind = kindOf(entry.op);
    if (kind === 'file') this.files += delta;
    else if (kind === 'image') this.images += delta;
    else {
      const key = rowKey(entry.table, entry.rowId);
      const next = (this.rowChanges.get(key) ?? 0) + delta;
      if (next > 0) this.rowChanges.set(key, next);
      else this.rowChanges.delete(key);
    }
  }
}
