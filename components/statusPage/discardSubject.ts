import type { OutboxEntry, Row, SyncErrorRecord, TableDisplay } from '../../SyncEngine/contracts';
import { columnLabel, formatColumnValue } from './columnDisplay';
import type { StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

/** What happens to the record once the change is gone, as the engine's discard really does it. */
export type DiscardOutcome = 'create' | 'serverVersion' | 'delete' | 'conflict' | 'errorOnly';

export const OUTCOME_TEXT: Readonly<Record<DiscardOutcome, StatusPageStringKey>> = {
  create: 'statusPage.discard.outcome.create',
  serverVersion: 'statusPage.discard.outcome.serverVersion',
  delete: 'statusPage.discard.outcome.delete',
  conflict: 'statusPage.discard.outcome.conflict',
  errorOnly: 'statusPage.discard.outcome.errorOnly',
};

/** Everything the Discard dialog names before anything is dropped. */
export interface DiscardSubject {
  tableName: string;
  record: string;
  action: OutboxEntry['op'] | 'download';
  outcome: DiscardOutcome;
  /** The values that go, as `[column, value]`, values already turned into text. */
  values: readonly (readonly [string, string])[];
  /**
   * The queued changes (`seq`) that go with it, none when no change is queued: the dialog names how many, and the
   * engine is told exactly these, so it refuses rather than drop one queued after the dialog opened.
   */
  discarding: readonly number[];
}

/**
 * The queued changes discarding `entry` drops, as the engine's discard does it (`discardQueued`): a create takes the
 * row's later changes with it, since they could only fail once the row never reaches the server.
 */
export function changesDropped(entry: OutboxEntry, queued: readonly OutboxEntry[] = []): number[] {
  if (entry.op !== 'create') return [entry.seq];
  const row = entry.rowId.toLowerCase();
  const later = queued.filter((e) => e.seq !== entry.seq && e.table === entry.table && e.rowId.toLowerCase() === row);
  return [entry.seq, ...later.map((e) => e.seq)];
}

/** The record's name in the pending list (the primary name when the change was made). */
export function pendingRecordName(entry: OutboxEntry, text: Text): string {
  return entry.recordName ?? text('statusPage.pending.noName');
}

/** The record's name in the error list: the primary name, else the id, so the user can still find it. */
export function errorRecordName(error: SyncErrorRecord): string {
  return error.recordName ?? error.rowId;
}

/** A value the Web API can hold, as text: lookups and arrays as JSON, long text cut so the dialog stays readable. */
const MAX_VALUE_LENGTH = 200;
function valueText(value: unknown, text: Text): string {
  if (value === null || value === undefined || value === '') return text('statusPage.conflict.empty');
  const shown = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return cut(shown);
}

function cut(shown: string): string {
  return shown.length > MAX_VALUE_LENGTH ? `${shown.slice(0, MAX_VALUE_LENGTH - 1)}…` : shown;
}

/** The table's names and labels in the user's language, for the values a discard names. */
export interface ValueDisplay {
  table?: TableDisplay;
  locale: string;
}

/** Columns Dataverse stamps on every write: they differ between any two versions and say nothing about the change. */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['modifiedon', 'createdon', 'versionnumber', '_modifiedby_value', '_createdby_value', '_modifiedonbehalfby_value', '_createdonbehalfby_value']);

/** Annotations (`@odata.etag`, formatted values) and system stamps change with every version and mean nothing to the user. */
function isUserColumn(column: string): boolean {
  return !SYSTEM_COLUMNS.has(column) && !column.startsWith('@') && !column.includes('@OData.') && !column.includes('@Microsoft.');
}

/** `whole` is the version `data`'s values come from, when `data` holds only some: formats read its other columns (the currency). */
function rowValues(data: Row | undefined, rowId: string, text: Text, display?: ValueDisplay, other?: Row, whole: Row | undefined = data): [string, string][] {
  if (!data) return [];
  // A create carries the id the device made up for the row; it is not something the user typed.
  return Object.entries(data)
    .filter(([column, value]) => isUserColumn(column) && value !== rowId)
    .map(([column, value]) => {
      if (!display) return [column, valueText(value, text)];
      const shown = formatColumnValue(whole ?? data, column, other, display.table, display.locale);
      return [columnLabel(column, display.table), shown === null ? text('statusPage.conflict.empty') : cut(shown)];
    });
}

function changeValues(entry: OutboxEntry, text: Text): [string, string][] {
  if (entry.op === 'create' || entry.op === 'update') return rowValues(entry.data, entry.rowId, text);
  if (entry.attachment === undefined) return [];
  const added = entry.op === 'fileAdd' || entry.op === 'imageAdd';
  return [[entry.attachment.column, added ? valueText(entry.attachment.fileName, text) : text('statusPage.conflict.empty')]];
}

/** Dropping a create removes the row; any other change gives the row the server's version back. */
function changeOutcome(op: OutboxEntry['op']): DiscardOutcome {
  if (op === 'create') return 'create';
  if (op === 'delete') return 'delete';
  return 'serverVersion';
}

/** A queued change about to be discarded (engine.discardChange); `queued`: the whole queue, for what goes with it. */
export function changeSubject(entry: OutboxEntry, tableName: string, text: Text, queued?: readonly OutboxEntry[]): DiscardSubject {
  return {
    tableName,
    record: pendingRecordName(entry, text),
    action: entry.op,
    outcome: changeOutcome(entry.op),
    values: changeValues(entry, text),
    discarding: changesDropped(entry, queued),
  };
}

/** The device's values a conflict still remembers: those the server's version does not have. */
function conflictValues(error: SyncErrorRecord, text: Text, display?: ValueDisplay): [string, string][] {
  const device = error.deviceVersion ?? {};
  const server = error.serverVersion ?? {};
  const same = (column: string): boolean => JSON.stringify(device[column] ?? null) === JSON.stringify(server[column] ?? null);
  const differing = Object.fromEntries(Object.entries(device).filter(([column]) => !same(column) || column.includes('@')));
  return rowValues(differing, error.rowId, text, display, server, device);
}

/**
 * A sync error about to be discarded (engine.discardError). When the error holds a queued change back, discarding
 * drops that change exactly as Discard in the pending list does; a conflict has no queued change left (the server
 * already won), so only the device's version is lost; any other error just leaves the list.
 */
export function errorSubject(
  error: SyncErrorRecord,
  held: OutboxEntry | undefined,
  tableName: string,
  text: Text,
  display?: ValueDisplay,
  queued?: readonly OutboxEntry[],
): DiscardSubject {
  const base = { tableName, record: errorRecordName(error), action: error.action };
  if (held) return { ...base, outcome: changeOutcome(held.op), values: changeValues(held, text), discarding: changesDropped(held, queued) };
  if (error.code === 'conflict' && error.deviceVersion) return { ...base, outcome: 'conflict', values: conflictValues(error, text, display), discarding: [] };
  return { ...base, outcome: 'errorOnly', values: [], discarding: [] };
}
