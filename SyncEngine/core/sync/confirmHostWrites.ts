import { AbortedError } from '../../contracts/errors';
import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource } from '../../contracts/RemoteSource';
import { rowEtag, type ChangeOp, type OutboxEntry, type Row } from '../../contracts/rows';
import type { OutboxLedger } from '../outbox/OutboxLedger';
import { backoffDelay } from '../util/backoff';
import { serverShows } from './serverShows';

/** Row changes a host that syncs itself uploads (files and images travel in the outbox entry only: the engine's). */
export const HOST_SYNCED_OPS: ReadonlySet<ChangeOp> = new Set(['create', 'update', 'delete']);

/** Waits between two looks at a change the host has not uploaded yet: from 5 s, doubling, up to 5 min. */
const CHECK_BACKOFF = { baseMs: 5_000, maxMs: 5 * 60_000 };

export interface ConfirmContext {
  remote: RemoteSource;
  store: RecordStore;
  ledger: OutboxLedger;
  host: HostEnvironment;
  tables: ReadonlyMap<string, ProfileTable>;
  signal: AbortSignal;
  /** The user asked (Sync now): look at every waiting row now, not only those whose next look is due. */
  lookAtAll: boolean;
  /** A change reached the server: errors that held it are resolved. */
  onUploaded(entry: OutboxEntry): Promise<void>;
}

/**
 * For a store whose host uploads the writes made through it (the mobile player): instead of uploading, looks at
 * the server row of each row with waiting changes and settles the changes the host has already carried there.
 * A row's changes settle in order, as many as the server row shows; the rest are looked at again later, with
 * growing waits. Answers how many settled. Failures to reach the server throw, like an upload's.
 */
export async function confirmHostWrites(ctx: ConfirmContext): Promise<number> {
  let settled = 0;
  const until = ctx.lookAtAll ? Number.MAX_SAFE_INTEGER : ctx.host.now();
  const heads = ctx.ledger.ready(until, Number.MAX_SAFE_INTEGER).filter((e) => HOST_SYNCED_OPS.has(e.op));
  for (const head of heads) {
    if (ctx.signal.aborted) throw new AbortedError('The check of uploaded changes was cancelled.');
    const table = ctx.tables.get(head.table);
    const changes = leadingHostChanges(ctx.ledger.forRow(head.table, head.rowId));
    const serverRow = table ? await ctx.remote.retrieveRecord(table, head.rowId, table.columns, ctx.signal) : null;
    const landed = landedPrefix(changes, serverRow, table);
    const etag = serverRow ? rowEtag(serverRow) : undefined;
    for (const entry of changes.slice(0, landed)) {
      await ctx.store.completeOutbox(entry.seq, etag);
      ctx.ledger.remove(entry.seq);
      await ctx.onUploaded(entry);
      settled++;
    }
    if (landed < changes.length) await lookAgainLater(ctx, changes[landed]);
  }
  return settled;
}

/** The row's first changes up to the first one the engine uploads itself. */
function leadingHostChanges(changes: readonly OutboxEntry[]): OutboxEntry[] {
  const end = changes.findIndex((e) => !HOST_SYNCED_OPS.has(e.op));
  return end < 0 ? [...changes] : changes.slice(0, end);
}

/**
 * How many of `changes` (in order) the server row shows: the longest prefix after which the row exists or not as
 * the server says, and holds every value that prefix set. A later change that overwrote an earlier one's column
 * proves both landed (the host uploads in order).
 */
function landedPrefix(changes: readonly OutboxEntry[], serverRow: Row | null, table: ProfileTable | undefined): number {
  for (let k = changes.length; k > 0; k--) {
    const prefix = changes.slice(0, k);
    const last = prefix[prefix.length - 1];
    if (last.op === 'delete') {
      if (serverRow === null) return k;
      continue;
    }
    if (serverRow !== null && holdsValues(serverRow, valuesAfter(prefix), prefix, table)) return k;
  }
  return 0;
}

/** Column values the row has after `changes`: a create or delete starts again from nothing known. */
function valuesAfter(changes: readonly OutboxEntry[]): Row {
  let values: Row = {};
  for (const change of changes) {
    if (change.op !== 'update') values = {};
    values = { ...values, ...(change.data ?? {}) };
  }
  return values;
}

function holdsValues(serverRow: Row, values: Row, changes: readonly OutboxEntry[], table: ProfileTable | undefined): boolean {
  const shown = serverShows(serverRow, values, table?.primaryId);
  if (shown !== null) return shown;
  // Nothing to compare (only lookups under navigation names the row does not show): a create is proved by the
  // row existing; an update by the row having changed since the device last saw it.
  const last = changes[changes.length - 1];
  return last.op === 'create' || (last.baseEtag !== undefined && rowEtag(serverRow) !== last.baseEtag);
}

async function lookAgainLater(ctx: ConfirmContext, entry: OutboxEntry): Promise<void> {
  // `attempts` counts the looks here: the engine makes no upload attempts of its own for this change.
  const checks = entry.attempts + 1;
  const delay = backoffDelay(checks, ctx.host.random(), undefined, CHECK_BACKOFF);
  const waiting: OutboxEntry = { ...entry, attempts: checks, notBefore: ctx.host.now() + delay };
  await ctx.store.updateOutbox(waiting);
  ctx.ledger.update(waiting);
}
