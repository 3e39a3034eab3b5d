import { AlreadyExistsError, QueryError, RecordNotFoundError, RejectedError } from '../../contracts/errors';
import type { HostEnvironment, Identity } from '../../contracts/HostEnvironment';
import type { ProfileRelationship, ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource } from '../../contracts/RemoteSource';
import { ETAG, rowEtag, type Attachment, type ChangeOp, type OutboxEntry, type Row } from '../../contracts/rows';
import type { OfflineApi, RetrieveMultipleResult } from '../../contracts/SyncEngineApi';
import { parseFetchXml } from '../fetchxml';
import { applySelect, compareRows, equalityHint, evaluateFilter, parseQueryOptions } from '../odata';
import type { SerialQueue } from '../util/SerialQueue';
import { toLocalColumns, withoutAnnotationsOf } from './localColumns';
import { lookupAnnotations } from './lookupNames';
import { runQuery } from './runQuery';

export interface OfflineApiDeps {
  store: RecordStore;
  remote: RemoteSource;
  host: HostEnvironment;
  /** The signed-in user, for FetchXML `eq-userid`, `eq-userteams`, `eq-businessid`…; without it those fail. */
  identity?: Identity;
  tables: ReadonlyMap<string, ProfileTable>;
  /** The profile's relationships: which table a lookup written as a bare `_x_value` points at. */
  relationships?: readonly ProfileRelationship[];
  writes: SerialQueue;
  /** Online mode is on and the service answers: reads come from the server. */
  readsFromServer(): boolean;
  /** A local change was queued. */
  onQueued(entry: OutboxEntry): void;
}

/**
 * `Xrm.WebApi.offline` over the offline database. Writes change the local row and queue the change for upload
 * in one store transaction, and are serialised so two edits of one row cannot interleave.
 */
export class LocalOfflineApi implements OfflineApi {
  constructor(private readonly deps: OfflineApiDeps) {}

  isAvailableOffline(entityLogicalName: string): boolean {
    return this.deps.tables.has(entityLogicalName);
  }

  async createRecord(entityLogicalName: string, data: Row): Promise<{ entityType: string; id: string }> {
    const table = this.table(entityLogicalName);
    const local = toLocalColumns(table, data);
    const given = local[table.primaryId];
    const id = typeof given === 'string' && given !== '' ? given.toLowerCase() : this.deps.host.newId();
    return this.write(table, id, 'create', (current, names) => {
      if (current) throw new AlreadyExistsError(`A ${table.logicalName} row with id ${id} already exists on this device.`);
      const stamp = new Date(this.deps.host.now()).toISOString();
      const row: Row = { ...local, ...names, [table.primaryId]: id, createdon: stamp, modifiedon: stamp };
      return { row, data: { ...data, [table.primaryId]: id } };
    }, { data, local });
  }

  async updateRecord(entityLogicalName: string, id: string, data: Row): Promise<{ entityType: string; id: string }> {
    const table = this.table(entityLogicalName);
    const local = toLocalColumns(table, data);
    return this.write(table, id, 'update', (current, names) => {
      if (!current) throw notFound(table, id);
      const fresh = withoutAnnotationsOf(current, [...Object.keys(local), 'modifiedon']);
      const row: Row = { ...fresh, ...local, ...names, [table.primaryId]: current[table.primaryId], modifiedon: new Date(this.deps.host.now()).toISOString() };
      return { row, data };
    }, { data, local });
  }

  async deleteRecord(entityLogicalName: string, id: string): Promise<{ entityType: string; id: string }> {
    const table = this.table(entityLogicalName);
    return this.write(table, id, 'delete', (current) => {
      if (!current) throw notFound(table, id);
      return { row: null };
    });
  }

  /** Queues a file or image added to (attachment with content) or removed from (no content) a column. */
  async setAttachment(entityLogicalName: string, id: string, kind: 'file' | 'image', attachment: Attachment): Promise<void> {
    const table = this.table(entityLogicalName);
    const adding = attachment.base64 !== undefined;
    const op: ChangeOp = kind === 'file' ? (adding ? 'fileAdd' : 'fileRemove') : adding ? 'imageAdd' : 'imageRemove';
    await this.write(table, id, op, (current) => {
      if (!current) throw notFound(table, id);
      const marker = adding ? { fileName: attachment.fileName ?? null, mimeType: attachment.mimeType ?? null } : null;
      return { row: { ...current, [attachment.column]: marker }, attachment };
    });
  }

  async retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Row> {
    const table = this.table(entityLogicalName);
    const query = parseQueryOptions(options ?? '');
    if (this.deps.readsFromServer()) {
      const row = await this.deps.remote.retrieveRecord(table, id, query.select);
      if (!row) throw notFound(table, id);
      return row;
    }
    const row = await this.deps.store.getRow(table.logicalName, id.toLowerCase());
    if (!row) throw notFound(table, id);
    return query.select ? applySelect(row, query.select) : row;
  }

  async retrieveMultipleRecords(entityLogicalName: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult> {
    const table = this.table(entityLogicalName);
    const fetchXml = fetchXmlOf(options ?? '');
    if (this.deps.readsFromServer()) {
      // The server gets FetchXML URL-encoded however the app wrote it: a raw `&amp;` or `%` would not survive a URL.
      const sent = fetchXml === null ? (options ?? '') : `?fetchXml=${encodeURIComponent(fetchXml)}`;
      const { rows, nextLink } = await this.deps.remote.retrieveMultiple(table, sent);
      return { entities: rows, nextLink };
    }
    if (fetchXml !== null) {
      const tree = parseFetchXml(fetchXml);
      const context = { now: this.deps.host.now(), identity: this.deps.identity };
      return { entities: await runQuery(tree, table, { store: this.deps.store, tables: this.deps.tables, context }, maxPageSize) };
    }
    const query = parseQueryOptions(options ?? '');
    const filter = query.filter;
    const sorted = query.orderBy !== undefined && query.orderBy.length > 0;
    const cap = Math.min(query.top ?? Number.MAX_SAFE_INTEGER, maxPageSize ?? Number.MAX_SAFE_INTEGER);
    let rows = await this.deps.store.queryRows(table.logicalName, {
      equals: filter ? (equalityHint(filter) ?? undefined) : undefined,
      where: filter ? (row) => evaluateFilter(filter, row) : undefined,
      limit: sorted ? undefined : cap,
    });
    if (query.orderBy && sorted) rows = [...rows].sort(compareRows(query.orderBy)).slice(0, cap);
    const select = query.select;
    return { entities: select ? rows.map((row) => applySelect(row, select)) : rows };
  }

  private table(name: string): ProfileTable {
    const table = this.deps.tables.get(name);
    if (!table) throw new RejectedError(`Table "${name}" is not available offline: it is not in the offline profile.`);
    return table;
  }

  private write(
    table: ProfileTable,
    rawId: string,
    op: ChangeOp,
    change: (current: Row | null, names: Row) => { row: Row | null; data?: Row; attachment?: Attachment },
    written?: { data: Row; local: Row },
  ): Promise<{ entityType: string; id: string }> {
    const id = rawId.toLowerCase();
    const { store, tables, relationships = [] } = this.deps;
    return this.deps.writes.run(async () => {
      // Read in the queue, so writes keep the order the app made them in. The names annotate the stored row only.
      const names = written ? await lookupAnnotations({ store, tables, relationships }, table, written.data, written.local) : {};
      const current = await this.deps.store.getRow(table.logicalName, id);
      const { row, data, attachment } = change(current, names);
      const nameColumn = table.primaryName;
      const nameValue = nameColumn ? (row ?? current)?.[nameColumn] : undefined;
      const entry = await this.deps.store.writeLocal({
        table: table.logicalName,
        rowId: id,
        row: row && current ? { ...row, [ETAG]: rowEtag(current) } : row,
        entry: {
          table: table.logicalName,
          rowId: id,
          op,
          data,
          attachment,
          baseEtag: current ? rowEtag(current) : undefined,
          recordName: typeof nameValue === 'string' ? nameValue : undefined,
          createdAt: this.deps.host.now(),
          attempts: 0,
          state: 'pending',
        },
      });
      this.deps.onQueued(entry);
      return { entityType: table.logicalName, id };
    });
  }
}

/**
 * The FetchXML of `?fetchXml=…` (the only option then), URL-encoded or not; null for OData options. Raw XML
 * is taken as written, since a `like` value such as `%25` or `%ab%` must not be URL-decoded.
 */
function fetchXmlOf(options: string): string | null {
  const text = options.startsWith('?') ? options.slice(1) : options;
  const match = /^fetchxml=/i.exec(text);
  if (!match) return null;
  const value = text.slice(match[0].length).trim();
  if (value.startsWith('<')) return value;
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw new QueryError('The fetchXml option is not valid URL-encoded text.', { cause: error });
  }
}

function notFound(table: ProfileTable, id: string): RecordNotFoundError {
  return new RecordNotFoundError(`Record Not Found: ${table.logicalName} ${id} is not on this device.`);
}
