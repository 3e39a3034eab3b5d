import { AlreadyExistsError, DeltaExpiredError, NetworkError, RecordNotFoundError, type SyncEngineError } from '../../SyncEngine/contracts/errors';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import type { PageRequest, RemotePage, RemoteSource, UploadRequest, UploadResult } from '../../SyncEngine/contracts/RemoteSource';
import { ETAG, type Row } from '../../SyncEngine/contracts/rows';

interface Change {
  version: number;
  table: string;
  id: string;
}

/**
 * An in-memory Dataverse behind the RemoteSource port, for core unit tests: etags, change tracking with delta
 * links, paging, conflicts and scripted failures. (Integration tests use the real HTTP emulator.)
 */
export class MemoryRemote implements RemoteSource {
  readonly tables = new Map<string, Map<string, Row>>();
  readonly uploads: UploadRequest[] = [];
  private version = 1;
  private log: Change[] = [];
  private readonly expiredBefore = new Map<string, number>();
  /** Failures thrown by the next calls, in order. */
  readonly failures: SyncEngineError[] = [];
  /** Per-upload results to answer instead of applying, in order. */
  readonly uploadFailures: SyncEngineError[] = [];
  down = false;
  pageRequests = 0;
  /** Alternate keys (Dataverse "keys"): table → column whose values must be unique, as the server enforces them. */
  readonly alternateKeys = new Map<string, string>();

  seed(table: ProfileTable, rows: Row[]): void {
    for (const row of rows) this.put(table.logicalName, String(row[table.primaryId]), row);
  }

  rows(table: string): Row[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  row(table: string, id: string): Row | undefined {
    return this.tables.get(table)?.get(id);
  }

  /** A server-side edit (another user), recorded for change tracking. */
  edit(table: string, id: string, changes: Row): void {
    const current = this.row(table, id);
    if (!current) throw new Error(`no ${table} ${id}`);
    this.put(table, id, { ...current, ...changes });
  }

  remove(table: string, id: string): void {
    this.tables.get(table)?.delete(id);
    this.log.push({ version: this.version++, table, id });
  }

  /** Every delta token of the table handed out so far stops working. */
  expireDeltaTokens(table: string): void {
    this.expiredBefore.set(table, this.version + 1);
  }

  /** Page request number (1-based) → failure thrown instead of answering it. */
  readonly pageFailures = new Map<number, SyncEngineError>();

  fetchPage(request: PageRequest): Promise<RemotePage> {
    this.pageRequests++;
    const failure = this.pageFailures.get(this.pageRequests);
    if (failure) return Promise.reject(failure);
    return this.call(() => this.page(request));
  }

  upload(request: UploadRequest): Promise<UploadResult> {
    this.uploads.push(request);
    return this.call(() => this.apply(request));
  }

  retrieveRecord(table: ProfileTable, id: string): Promise<Row | null> {
    return this.call(() => this.row(table.logicalName, id) ?? null);
  }

  retrieveMultiple(table: ProfileTable): Promise<{ rows: Row[] }> {
    return this.call(() => ({ rows: this.rows(table.logicalName) }));
  }

  ping(): Promise<void> {
    return this.call(() => undefined);
  }

  private call<T>(work: () => T): Promise<T> {
    if (this.down) return Promise.reject(new NetworkError('Failed to fetch'));
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private put(table: string, id: string, row: Row): void {
    const version = this.version++;
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    rows.set(id, { ...row, [ETAG]: `W/"${version}"` });
    this.log.push({ version, table, id });
  }

  private page(request: PageRequest): RemotePage {
    const name = request.table.logicalName;
    const link = request.link ?? `full|${name}|0|${this.version}`;
    const [kind, , offsetText, sinceText] = link.split('|');
    const since = Number(sinceText);
    if (kind === 'delta' && since < (this.expiredBefore.get(name) ?? 0)) throw new DeltaExpiredError('expired version stamp');
    const offset = Number(offsetText);
    const ids = kind === 'full' ? [...(this.tables.get(name)?.keys() ?? [])] : this.changedSince(name, since);
    const slice = ids.slice(offset, offset + request.pageSize);
    const rows = slice.flatMap((id) => {
      const row = this.row(name, id);
      return row ? [pick(row, request.table.columns)] : [];
    });
    const deletedIds = slice.filter((id) => !this.row(name, id));
    const more = offset + request.pageSize < ids.length;
    const token = kind === 'full' ? since : this.version;
    return {
      rows,
      deletedIds,
      nextLink: more ? `${kind}|${name}|${offset + request.pageSize}|${since}` : undefined,
      deltaLink: more ? undefined : `delta|${name}|0|${token}`,
      bytes: JSON.stringify(rows).length,
    };
  }

  private changedSince(table: string, since: number): string[] {
    const ids = new Set<string>();
    for (const change of this.log) if (change.table === table && change.version >= since) ids.add(change.id);
    return [...ids];
  }

  private keyClash(table: string, id: string, data: Row | undefined): SyncEngineError | undefined {
    return clashOf(this.tables.get(table), this.alternateKeys.get(table), id, data);
  }

  private apply(request: UploadRequest): UploadResult {
    const failure = this.uploadFailures.shift();
    if (failure) return { kind: 'failed', error: failure };
    const { entry } = request;
    const current = this.row(entry.table, entry.rowId);
    if (request.ifMatch && current && current[ETAG] !== request.ifMatch) return { kind: 'conflict', serverRow: current };
    if (request.ifMatch && !current && entry.op !== 'create') return { kind: 'conflict', serverRow: null };
    const clash = entry.op === 'create' || entry.op === 'update' ? this.keyClash(entry.table, entry.rowId, entry.data) : undefined;
    if (clash) return { kind: 'failed', error: clash };
    switch (entry.op) {
      case 'create':
        // Dataverse refuses a second create of an id, whoever sent the first (REFERENCE.md, client-supplied ids).
        if (current) return { kind: 'failed', error: new AlreadyExistsError('A record with matching key values already exists.', { status: 412, serverCode: '0x80040237' }) };
        this.put(entry.table, entry.rowId, { ...entry.data });
        break;
      case 'update':
        if (!current) return { kind: 'failed', error: new RecordNotFoundError('Record not found', { status: 404, serverCode: '0x80040217' }) };
        this.put(entry.table, entry.rowId, { ...current, ...entry.data });
        break;
      case 'delete':
        if (current) this.remove(entry.table, entry.rowId);
        return { kind: 'ok' };
      default:
        if (!current) return { kind: 'failed', error: new RecordNotFoundError('Record not found', { status: 404 }) };
        this.put(entry.table, entry.rowId, { ...current, [entry.attachment?.column ?? 'file']: entry.attachment?.fileName ?? null });
    }
    const etag = this.row(entry.table, entry.rowId)?.[ETAG];
    return { kind: 'ok', etag: typeof etag === 'string' ? etag : undefined };
  }
}

/** Not a method, so `apply` stays readable: another row of the table already holds the alternate key's value. */
function clashOf(rows: Map<string, Row> | undefined, column: string | undefined, id: string, data: Row | undefined): SyncEngineError | undefined {
  if (!rows || !column || !data || data[column] === undefined || data[column] === null) return undefined;
  for (const [otherId, row] of rows) {
    if (otherId !== id && row[column] === data[column]) {
      return new AlreadyExistsError(`Entity Key ${column} violated. A record with the same value for ${column} already exists.`, { status: 412, serverCode: '0x80060892' });
    }
  }
  return undefined;
}

function pick(row: Row, columns: readonly string[]): Row {
  const out: Row = { [ETAG]: row[ETAG] };
  for (const c of columns) if (c in row) out[c] = row[c];
  return out;
}
