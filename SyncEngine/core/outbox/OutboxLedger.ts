import type { OutboxCounts } from '../../contracts/SyncStatus';
import type { ChangeOp, OutboxEntry } from '../../contracts/rows';

const rowKey = (table: string, rowId: string): string => `${table}:${rowId.toLowerCase()}`;

function kindOf(op: ChangeOp): 'row' | 'file' | 'image' {
  if (op === 'fileAdd' || op === 'fileRemove') return 'file';
  if (op === 'imageAdd' || op === 'imageRemove') return 'image';
  return 'row';
}

/**
 * A change the engine sent that failed for a passing reason and waits to be sent again (not yet quarantined). The
 * mobile player's writes count their looks in `attempts` too, but carry no error: they are not failing.
 */
function isRetrying(entry: OutboxEntry): boolean {
  return entry.state === 'pending' && entry.attempts > 0 && entry.lastErrorCode !== undefined;
}

/** When a row's first change may upload; `undefined` when it is held (failed or quarantined). */
function readyAt(head: OutboxEntry): number | undefined {
  return head.state === 'pending' ? (head.notBefore ?? 0) : undefined;
}

/**
 * The engine's in-memory mirror of the store's outbox. Counts are kept incrementally so deriving the status
 * costs the same with 10 or 10,000 queued changes; the store stays the source of truth across restarts.
 * Changes of one row upload in order, so only each row's first change can be ready.
 */
export class OutboxLedger {
  private readonly entries = new Map<number, OutboxEntry>();
  /** Row key → its changes in upload order. */
  private readonly rows = new Map<string, OutboxEntry[]>();
  /** Row key → number of row-change entries: the pending count counts rows, not edits. */
  private readonly rowChanges = new Map<string, number>();
  private files = 0;
  private images = 0;
  private held = 0;
  /** Seq → next attempt of every change whose last upload attempt failed and that is to be retried. */
  private readonly failing = new Map<number, number>();
  /** Earliest ready time among row heads and how many heads share it, so scheduling stays O(1) per change. */
  private earliest: number | undefined;
  private atEarliest = 0;
  private earliestStale = false;

  load(entries: readonly OutboxEntry[]): void {
    this.entries.clear();
    this.rows.clear();
    this.rowChanges.clear();
    this.files = this.images = this.held = 0;
    this.failing.clear();
    this.earliest = undefined;
    this.atEarliest = 0;
    this.earliestStale = false;
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) this.add(entry);
  }

  add(entry: OutboxEntry): void {
    this.entries.set(entry.seq, entry);
    this.count(entry, 1);
    const key = rowKey(entry.table, entry.rowId);
    const changes = this.rows.get(key);
    if (changes) changes.push(entry);
    else {
      this.rows.set(key, [entry]);
      this.trackHead(entry, 1);
    }
  }

  remove(seq: number): OutboxEntry | undefined {
    const entry = this.entries.get(seq);
    if (!entry) return undefined;
    this.entries.delete(seq);
    this.count(entry, -1);
    const key = rowKey(entry.table, entry.rowId);
    const changes = this.rows.get(key) ?? [];
    const index = changes.findIndex((e) => e.seq === seq);
    if (index === 0) this.trackHead(entry, -1);
    if (index >= 0) changes.splice(index, 1);
    if (changes.length === 0) this.rows.delete(key);
    else if (index === 0) this.trackHead(changes[0], 1);
    return entry;
  }

  update(entry: OutboxEntry): void {
    const old = this.entries.get(entry.seq);
    if (!old) return;
    this.count(old, -1);
    this.entries.set(entry.seq, entry);
    this.count(entry, 1);
    const changes = this.rows.get(rowKey(entry.table, entry.rowId)) ?? [];
    const index = changes.findIndex((e) => e.seq === entry.seq);
    if (index === 0) this.trackHead(old, -1);
    if (index >= 0) changes[index] = entry;
    if (index === 0) this.trackHead(entry, 1);
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

  /** The row's changes in upload order. */
  forRow(table: string, rowId: string): OutboxEntry[] {
    return [...(this.rows.get(rowKey(table, rowId)) ?? [])];
  }

  counts(): OutboxCounts {
    return { rows: this.rowChanges.size, files: this.files, images: this.images, held: this.held };
  }

  /** Changes whose last upload attempt failed and that will be retried, and the earliest next attempt among them. */
  retrying(): { count: number; nextAttemptAt: number | undefined } {
    let next: number | undefined;
    for (const at of this.failing.values()) if (next === undefined || at < next) next = at;
    return { count: this.failing.size, nextAttemptAt: next };
  }

  /**
   * The next change of each row that may upload now: per-row order is kept by never passing an earlier entry
   * of the same row, and a held (failed or quarantined) entry holds back the rest of its row only.
   */
  ready(now: number, limit: number): OutboxEntry[] {
    const result: OutboxEntry[] = [];
    for (const changes of this.rows.values()) {
      const at = readyAt(changes[0]);
      if (at === undefined || at > now) continue;
      result.push(changes[0]);
    }
    return result.sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  /** The earliest time a row's first change becomes ready, for scheduling the next attempt. */
  nextReadyAt(): number | undefined {
    if (this.earliestStale) {
      this.earliest = undefined;
      this.atEarliest = 0;
      this.earliestStale = false;
      for (const changes of this.rows.values()) this.trackHead(changes[0], 1);
    }
    return this.earliest;
  }

  private trackHead(head: OutboxEntry, delta: 1 | -1): void {
    const at = readyAt(head);
    if (at === undefined || this.earliestStale) return;
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
    if (entry.state !== 'pending') this.held += delta;
    if (isRetrying(entry)) {
      if (delta === 1) this.failing.set(entry.seq, entry.notBefore ?? 0);
      else this.failing.delete(entry.seq);
    }
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
