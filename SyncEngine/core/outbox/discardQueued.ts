import type { RecordStore } from '../../contracts/RecordStore';
import type { OutboxEntry, Row } from '../../contracts/rows';
import type { OutboxLedger } from './OutboxLedger';

/**
 * Drops a queued change from the store and the ledger; `replacement` (when given) becomes the device row. Dropping a
 * create drops the row's later changes too: they were made to a row that will now never exist on the server, so they
 * could only fail ("record not found") and hold a pending count for nothing. Answers every entry dropped.
 */
export async function discardQueued(store: RecordStore, ledger: OutboxLedger, entry: OutboxEntry, replacement: Row | null | undefined): Promise<OutboxEntry[]> {
  const later = entry.op === 'create' ? ledger.forRow(entry.table, entry.rowId).filter((e) => e.seq !== entry.seq) : [];
  for (const dependent of later) {
    await store.discardOutbox(dependent.seq);
    ledger.remove(dependent.seq);
  }
  await store.discardOutbox(entry.seq, replacement);
  ledger.remove(entry.seq);
  return [...later, entry];
}
