import { StoreCorruptError } from '../../contracts/errors';
import type { RecordStore } from '../../contracts/RecordStore';
import { ETAG, rowEtag, type Row, type SyncErrorRecord } from '../../contracts/rows';
import type { EngineState } from '../EngineState';
import type { LocalOfflineApi } from '../offline/LocalOfflineApi';
import { discardQueued } from '../outbox/discardQueued';

/** The sync error list (modelled on `syncerror`): persisted, retryable, discardable. */
export class ErrorList {
  constructor(
    private readonly store: RecordStore,
    private readonly state: EngineState,
  ) {}

  async load(): Promise<void> {
    // A record that is not an error entry (damaged) stays in the store but is not shown as one.
    this.state.errors = (await this.store.listErrors()).filter(isErrorRecord).sort((a, b) => a.time - b.time);
  }

  async add(record: SyncErrorRecord): Promise<void> {
    await this.store.putError(record);
    // One active error per held change: a retried change that fails again replaces its old entry; an entry with
    // the same id (one the engine raises about a table) is replaced too, by the put above.
    const replaced = this.state.errors.filter((e) => e.id === record.id || (record.outboxSeq !== undefined && e.outboxSeq === record.outboxSeq));
    for (const old of replaced) if (old.id !== record.id) await this.store.deleteError(old.id);
    this.state.errors = [...this.state.errors.filter((e) => !replaced.includes(e)), record];
    this.state.publish();
  }

  /**
   * Makes the list's offline-profile entries (ids with `prefix`) exactly `records`: problems fixed since the last
   * start go, ones still there keep their first time, new ones are added.
   */
  async replaceProfileProblems(prefix: string, records: readonly SyncErrorRecord[]): Promise<void> {
    const ids = new Set(records.map((r) => r.id));
    const stale = this.state.errors.filter((e) => e.id.startsWith(prefix) && !ids.has(e.id));
    for (const e of stale) await this.store.deleteError(e.id);
    const known = new Set(this.state.errors.map((e) => e.id));
    const fresh = records.filter((r) => !known.has(r.id));
    for (const r of fresh) await this.store.putError(r);
    if (stale.length === 0 && fresh.length === 0) return;
    this.state.errors = [...this.state.errors.filter((e) => !stale.includes(e)), ...fresh];
    this.state.publish();
  }

  /** An entry the engine raised itself is no longer true; nothing happens when it is not on the list. */
  async clear(id: string): Promise<void> {
    const record = this.state.errors.find((e) => e.id === id);
    if (record) await this.remove(record);
  }

  /** The change uploaded: any error that held it is no longer true. */
  async resolveFor(seq: number): Promise<void> {
    const stale = this.state.errors.filter((e) => e.outboxSeq === seq);
    if (stale.length === 0) return;
    for (const e of stale) await this.store.deleteError(e.id);
    this.state.errors = this.state.errors.filter((e) => !stale.includes(e));
  }

  /**
   * Retry: a held change goes back in the queue with a fresh attempt count. For a conflict the user asks for the
   * device version after all: it is queued again on top of the server version (its etag), so it wins this time.
   */
  async retry(id: string, offline: LocalOfflineApi): Promise<void> {
    const record = this.find(id);
    if (record.code === 'store-corrupt' && record.outboxSeq !== undefined) {
      throw new StoreCorruptError('This change could not be read, so it cannot be sent. Export it to keep a copy, or discard it.');
    }
    if (record.outboxSeq !== undefined) {
      const entry = this.state.ledger.get(record.outboxSeq);
      if (entry) {
        const revived = { ...entry, state: 'pending' as const, attempts: 0, notBefore: undefined };
        await this.store.updateOutbox(revived);
        this.state.ledger.update(revived);
      }
    } else if (record.code === 'conflict' && record.deviceVersion) {
      await this.reapplyDeviceVersion(record, offline);
    }
    await this.remove(record);
  }

  /**
   * Discard: the held change is dropped and the row goes back to the server's copy (when it can be had). `confirmed`:
   * the changes the user agreed to lose (see `discardQueued`); with none confirmed, a held change is refused.
   */
  async discard(id: string, serverCopy: (table: string, rowId: string) => Promise<Row | null | undefined>, confirmed?: readonly number[]): Promise<void> {
    const record = this.find(id);
    const entry = record.outboxSeq === undefined ? undefined : this.state.ledger.get(record.outboxSeq);
    if (entry) {
      const replacement = (): Promise<Row | null | undefined> => (record.action === 'create' ? Promise.resolve(null) : serverCopy(record.table, record.rowId));
      for (const dropped of await discardQueued(this.store, this.state.ledger, entry, replacement, confirmed)) await this.resolveFor(dropped.seq);
    }
    await this.remove(record);
  }

  private async reapplyDeviceVersion(record: SyncErrorRecord, offline: LocalOfflineApi): Promise<void> {
    const device = record.deviceVersion ?? {};
    const table = this.state.profile.tables.find((t) => t.logicalName === record.table);
    if (!table) return;
    const serverEtag = record.serverVersion ? rowEtag(record.serverVersion) : undefined;
    if (!record.serverVersion) {
      // The server deleted the row: bring it back as a create with the same id.
      await offline.createRecord(table.logicalName, pick(device, table.columns));
      return;
    }
    await this.store.replaceRow(table.logicalName, record.rowId, { ...record.serverVersion, [ETAG]: serverEtag });
    const changes = pick(device, table.columns.filter((c) => c !== table.primaryId && !c.startsWith('_')));
    await offline.updateRecord(table.logicalName, record.rowId, changes);
  }

  private find(id: string): SyncErrorRecord {
    const record = this.state.errors.find((e) => e.id === id);
    if (!record) throw new Error(`No sync error with id ${id}.`);
    return record;
  }

  private async remove(record: SyncErrorRecord): Promise<void> {
    await this.store.deleteError(record.id);
    this.state.errors = this.state.errors.filter((e) => e.id !== record.id);
    this.state.publish();
  }
}

function pick(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const c of columns) if (c in row) out[c] = row[c];
  return out;
}

function isErrorRecord(value: unknown): value is SyncErrorRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof SyncErrorRecord, unknown>>;
  return typeof record.id === 'string' && typeof record.code === 'string' && typeof record.message === 'string' && typeof record.time === 'number';
}
