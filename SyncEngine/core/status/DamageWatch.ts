import type { RecordStore } from '../../contracts/RecordStore';
import type { EngineState } from '../EngineState';
import { STORE_CORRUPT_PREFIX } from '../outbox/readableOutbox';
import type { ErrorList } from '../sync/ErrorList';

const TABLE_PREFIX = `${STORE_CORRUPT_PREFIX}table:`;

/**
 * Turns what the store found unreadable into the error list and a repair: each damaged table gets one entry that
 * says how many records were set aside, and downloads again in full (which writes its rows anew). The entry goes
 * once that download has completed; a store that never reports damage costs nothing.
 */
export class DamageWatch {
  constructor(
    private readonly store: RecordStore,
    private readonly state: EngineState,
    private readonly errors: ErrorList,
    private readonly now: () => number,
  ) {}

  /** Answers whether anything was found (the caller schedules the repair). */
  async check(): Promise<boolean> {
    const damage = this.store.takeDamage?.() ?? [];
    for (const found of damage) {
      const { table, records, detail } = found;
      await this.errors.add({
        id: `${TABLE_PREFIX}${table}`,
        table,
        rowId: '',
        action: 'download',
        errorType: 3,
        code: 'store-corrupt',
        message: `${String(records)} offline record(s) of this table could not be read (${detail}). They were set aside, and the table downloads again.`,
        time: this.now(),
        state: 'active',
      });
      const meta = this.state.meta.get(table);
      if (!meta) continue;
      const redo = { ...meta, deltaLink: undefined, watermark: undefined, lastSyncedAt: 0 };
      await this.store.putMeta(redo);
      this.state.meta.set(table, redo);
    }
    return damage.length > 0;
  }

  /** After a pass: tables whose full download completed since their damage was found are whole again. */
  async settle(): Promise<void> {
    for (const error of this.state.errors.filter((e) => e.id.startsWith(TABLE_PREFIX))) {
      const meta = this.state.meta.get(error.table);
      if (meta?.initialComplete && meta.fullDownloadInProgress !== true && (meta.lastSyncedAt ?? 0) >= error.time) {
        await this.errors.clear(error.id);
      }
    }
  }
}
