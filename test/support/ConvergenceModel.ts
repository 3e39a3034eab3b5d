/** Column values a schedule writes and compares; the etag and audit columns are the engine's business. */
export type Values = Record<string, unknown>;

/**
 * What the conflict policy says device and server must converge to, built from what a test did and what it
 * observed at the time (was a change of the row still in the outbox? was the device copy stale?).
 *
 * - Detection off: the device's last write of each column wins over any server edit made while that write was
 *   still waiting to upload; a server edit made after the device's change landed is simply newer and wins.
 * - Detection on: a device change sent against a server row that moved (a server edit while the change
 *   waited, or a change made on a stale copy) loses: the row ends as the server has it and shows a conflict.
 *   Such a row is "settled": the schedule stops touching it, so its final state is the snapshot taken then.
 */
export class ConvergenceModel {
  /** Row id → expected columns, or `null` for a row that must be gone from both sides. */
  private readonly want = new Map<string, Values | null>();
  private readonly conflicts = new Map<string, Values | null>();
  /** Creates the server refuses as duplicates (someone else holds the key): left alone, then discarded by the user. */
  private readonly refused = new Set<string>();

  constructor(
    readonly conflictDetection: boolean,
    readonly columns: readonly string[],
    seed: ReadonlyMap<string, Values>,
  ) {
    for (const [id, row] of seed) this.want.set(id, this.pick(row));
  }

  /** Rows the schedule must leave alone: their conflict already decided them. */
  isSettled(id: string): boolean {
    return this.conflicts.has(id) || this.refused.has(id);
  }

  /** A device create the server will refuse as a duplicate: the user discards it, so it ends on neither side. */
  refusedCreate(id: string): void {
    this.refused.add(id);
    this.want.set(id, null);
  }

  /**
   * A local create, update (`changes`) or delete (`null`) the engine accepted. `stale`: the device copy's etag
   * differed from the server's, so with detection on the upload will meet a 412. `server`: the server row now.
   */
  deviceWrite(id: string, changes: Values | null, stale: boolean, server: Values | null): void {
    if (this.conflictDetection && stale) {
      this.conflicts.set(id, server === null ? null : this.pick(server));
      return;
    }
    if (changes === null) {
      this.want.set(id, null);
      return;
    }
    const next = { ...(this.want.get(id) ?? this.pick({})) };
    for (const c of this.columns) if (c in changes) next[c] = changes[c];
    this.want.set(id, next);
  }

  /**
   * Someone else edited the row on the server. `waiting`: what the outbox still held for the row at that moment —
   * the columns of its waiting updates, or `'delete'`; such changes are sent after this edit. `server`: the
   * server row after the edit. `detectable`: a waiting change carries the etag it was based on; without one
   * (a row whose create answer was lost) the engine cannot send `If-Match`, and the device wins.
   */
  serverEdit(id: string, waiting: ReadonlySet<string> | 'delete' | null, server: Values, detectable = true): void {
    if (waiting === null) {
      this.want.set(id, this.pick(server));
      return;
    }
    if (this.conflictDetection && detectable) {
      this.conflicts.set(id, this.pick(server));
      return;
    }
    if (waiting === 'delete') return;
    // Device wins column by column: a PATCH carries only the columns the device changed.
    const edited = this.pick(server);
    const current = this.want.get(id) ?? {};
    const merged: Values = {};
    for (const c of this.columns) merged[c] = waiting.has(c) ? current[c] : edited[c];
    this.want.set(id, merged);
  }

  /**
   * A reset went through: the device's queued changes and its sync errors are gone, so nothing it did before is
   * still to come. Every row is expected as the server holds it now (`null`: not there — a create never uploaded).
   * Conflicted rows are no longer settled (their errors went with the reset); refused creates stay gone.
   */
  reset(server: ReadonlyMap<string, Values>): void {
    for (const id of new Set([...this.want.keys(), ...this.conflicts.keys()])) {
      const row = server.get(id);
      this.want.set(id, row === undefined ? null : this.pick(row));
    }
    this.conflicts.clear();
  }

  /** Expected final columns of every row the schedule touched or seeded; `null` = gone everywhere. */
  expected(): Map<string, Values | null> {
    return new Map([...this.want, ...this.conflicts]);
  }

  /** Rows that must show a conflict error after the final sync. */
  conflictedRows(): Set<string> {
    return new Set(this.conflicts.keys());
  }

  pick(row: Values): Values {
    const out: Values = {};
    for (const c of this.columns) out[c] = row[c] ?? null;
    return out;
  }
}
