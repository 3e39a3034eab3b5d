import { QueueChangedError } from '../../contracts/errors';
import { unconfirmedChanges, type RecordStore } from '../../contracts/RecordStore';
import type { OutboxEntry, Row } from '../../contracts/rows';
import { markRowsChangedOutside } from '../sync/rowsChangedOutside';
import type { OutboxLedger } from './OutboxLedger';

/**
 * Drops a queued change from the store and the ledger; what `replacement` answers (when defined) becomes the device
 * row. Dropping a create drops the row's later changes too: they were made to a row that will now never exist on the server, so they
 * could only fail ("record not found") and hold a pending count for nothing. Answers every entry dropped. The table is
 * marked (`markRowsChangedOutside`) so that related tables the device filters through it download again.
 * `confirmed`: the seqs the user agreed to lose; when the discard would take any other, nothing goes
 * (`QueueChangedError`).
 */
export async function discardQueued(
  store: RecordStore,
  ledger: OutboxLedger,
  entry: OutboxEntry,
  replacement: () => Promise<Row | null | undefined>,
  confirmed?: readonly number[],
): Promise<OutboxEntry[]> {
  const later = entry.op === 'create' ? ledger.forRow(entry.table, entry.rowId).filter((e) => e.seq !== entry.seq) : [];
  const unconfirmed = unconfirmedChanges([entry.seq, ...later.map((e) => e.seq)], confirmed);
  if (unconfirmed > 0) {
    throw new QueueChangedError(`${unconfirmed} change(s) would go with this discard that were not confirmed: nothing was discarded.`);
  }
  for (const dependent of later) {
    await store.discardOutbox(dependent.seq);
    ledger.remove(dependent.seq);
  }
  // Read only once the discard is sure to happen: fetching the server's copy may mark the table for a download.
  await store.discardOutbox(entry.seq, await replacement());
  ledger.remove(entry.seq);
  // The device row went back to the server's copy (or away) outside a download: rows related through it follow.
  await markRowsChangedOutside(store, entry.table);
  return [...later, entry];
}
