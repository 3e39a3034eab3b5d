import type { RecordStore } from '../../contracts/RecordStore';
import type { OutboxEntry, Row } from '../../contracts/rows';
import { markRowsChangedOutside } from '../sync/rowsChangedOutside';
import type { OutboxLedger } from './OutboxLedger';

/**
 * Drops a queued change from the store and the ledger; `replacement` (when given) becomes the device row. Dropping a
 * create drops the row's later changes too: they were made to a row that will now never exist on the server, so they
 * could only fail ("record not found") and hold a pending count for nothing. Answers every entry dropped. The table is
 * marked (`markRowsChangedOutside`) so that related tables the device filters through it download again.
 */
export async function discardQueued(store: RecordStore, ledger: OutboxLedger, entry: OutboxEntry, replacement: Row | null | undefined): Promise<OutboxEntry[]> {
  const later = entry.op === 'create' ? ledger.forRow(entry.table, entry.rowId).filter((e) => e.seq !== entry.seq) : [];
  for (const dependent of later) {
    await store.discardOutbox(dependent.seq);
    ledger.remove(dependent.seq);
  }
  await store.discardOutbox(entry.seq, replacement);
  ledger.remove(entry.seq);
  // The device row went back to the server's copy (or away) outside a download: rows related through it follow.
  await markRowsChangedOutside(store, entry.table);
  return [...later, entry];
}
