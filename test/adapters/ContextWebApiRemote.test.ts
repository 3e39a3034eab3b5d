import { clientApiError } from '../../SyncEngine/adapters/webapi/clientApiErrors';
import { ContextWebApiRemote, type ClientWebApi } from '../../SyncEngine/adapters/webapi/ContextWebApiRemote';
import {
  AbortedError,
  ConfigError,
  DeltaExpiredError,
  NetworkError,
  PrivilegeError,
  RecordNotFoundError,
  ServerBusyError,
  ServiceUnavailableError,
} from '../../SyncEngine/contracts/errors';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import type { UploadRequest } from '../../SyncEngine/contracts/RemoteSource';
import type { OutboxEntry } from '../../SyncEngine/contracts/rows';

const table: ProfileTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  columns: ['accountid', 'name'],
  syncIntervalMinutes: 15,
  filter: { kind: 'all' },
};

/** Client API errors carry the Dataverse code as a 32-bit number. */
function clientError(hex: number, message = 'failed'): Error & { errorCode: number } {
  return Object.assign(new Error(message), { errorCode: hex });
}

type Row = Record<string, unknown>;

/** An in-memory `context.webAPI`: rows by id, `modifiedon` filter and order, pages of `maxPageSize`. */
class FakeWebApi implements ClientWebApi {
  rows = new Map<string, Row>();
  calls: string[] = [];
  failNext?: Error;

  add(id: string, modifiedon: string, name = id): void {
    this.rows.set(id, { accountid: id, name, modifiedon, '@odata.etag': `W/"${modifiedon}"` });
  }

  private check(call: string): void {
    this.calls.push(call);
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
  }

  createRecord(entity: string, data: Row): Promise<unknown> {
    return settle(() => {
      this.check(`create ${entity}`);
      const id = String(data.accountid);
      if (this.rows.has(id)) throw clientError(0x80040237, 'A record with matching key values already exists.');
      this.rows.set(id, { ...data });
      return { id, entityType: entity };
    });
  }

  updateRecord(entity: string, id: string, data: Row): Promise<unknown> {
    return settle(() => {
      this.check(`update ${entity} ${id}`);
      this.rows.set(id, { ...this.rows.get(id), ...data });
      return { id, entityType: entity };
    });
  }

  deleteRecord(entity: string, id: string): Promise<unknown> {
    return settle(() => {
      this.check(`delete ${entity} ${id}`);
      if (!this.rows.delete(id)) throw clientError(0x80040217, 'Not found');
      return { id, entityType: entity };
    });
  }

  retrieveRecord(entity: string, id: string, options?: string): Promise<Row> {
    return settle(() => {
      this.check(`retrieve ${entity} ${id} ${options ?? ''}`);
      const row = this.rows.get(id);
      if (!row) throw clientError(-2147220969, 'Not found');
      return { ...row };
    });
  }

  retrieveMultipleRecords(entity: string, options = '', maxPageSize = 5000): Promise<{ entities: Row[]; nextLink?: string }> {
    return settle(() => {
      this.check(`retrieveMultiple ${entity} ${options}`);
      const since = /modifiedon gt ([^&]+)/.exec(options)?.[1];
      const skip = Number(/\$skiptoken=(\d+)/.exec(options)?.[1] ?? 0);
      const all = [...this.rows.values()]
        .filter((row) => since === undefined || Date.parse(String(row.modifiedon)) > Date.parse(since))
        .sort((a, b) => String(a.modifiedon).localeCompare(String(b.modifiedon)));
      const entities = all.slice(skip, skip + maxPageSize);
      const base = options.replace(/&\$skiptoken=\d+/, '');
      return skip + maxPageSize < all.length
        ? { entities, nextLink: `https://org.example/next/accounts${base}&$skiptoken=${skip + maxPageSize}` }
        : { entities };
    });
  }
}

/** Runs a fake call the way the client API answers: always asynchronously, failures as rejections. */
function settle<T>(work: () => T): Promise<T> {
  return Promise.resolve().then(work);
}

let sequence = 0;
function upload(op: OutboxEntry['op'], rowId: string, extra: Partial<OutboxEntry> = {}): UploadRequest {
  const entry: OutboxEntry = { seq: ++sequence, table: 'account', rowId, op, createdAt: 0, attempts: 0, state: 'pending', ...extra };
  return { entry, entitySet: 'accounts', primaryId: 'accountid' };
}

describe('ContextWebApiRemote', () => {
  let api: FakeWebApi;
  let remote: ContextWebApiRemote;

  beforeEach(() => {
    api = new FakeWebApi();
    remote = new ContextWebApiRemote({ webAPI: api, timeoutMs: 200 });
    for (let i = 1; i <= 5; i++) api.add(`id-${i}`, `2026-01-01T10:00:0${i}Z`);
  });

  it('downloads a table in pages ordered by modifiedon, then a delta of what changed since', async () => {
    const first = await remote.fetchPage({ table, pageSize: 2 });
    expect(api.calls[0]).toBe('retrieveMultiple account ?$select=accountid,name,modifiedon&$orderby=modifiedon asc');
    expect(first.rows.map((row) => row.accountid)).toEqual(['id-1', 'id-2']);
    expect(first.nextLink).toBeDefined();
    expect(first.deltaLink).toBeUndefined();
    expect(first.bytes).toBeGreaterThan(0);

    const second = await remote.fetchPage({ table, pageSize: 2, link: first.nextLink });
    const third = await remote.fetchPage({ table, pageSize: 2, link: second.nextLink });
    expect([...second.rows, ...third.rows].map((row) => row.accountid)).toEqual(['id-3', 'id-4', 'id-5']);
    expect(third.nextLink).toBeUndefined();
    expect(third.deltaLink).toBeDefined();

    api.add('id-2', '2026-01-01T11:00:00Z', 'renamed');
    const delta = await remote.fetchPage({ table, pageSize: 2, link: third.deltaLink });
    expect(api.calls.at(-1)).toContain('$filter=modifiedon gt 2026-01-01T10:00:05.000Z');
    expect(delta.rows).toEqual([expect.objectContaining({ accountid: 'id-2', name: 'renamed' })]);
    expect(delta.deletedIds).toEqual([]);

    const nothing = await remote.fetchPage({ table, pageSize: 2, link: delta.deltaLink });
    expect(nothing.rows).toEqual([]);
    expect(nothing.deltaLink).toContain('modifiedon-sync');
  });

  it('refuses a link it did not write, so the engine downloads the table again', async () => {
    await expect(remote.fetchPage({ table, pageSize: 2, link: 'accounts?$deltatoken=1' })).rejects.toBeInstanceOf(
      DeltaExpiredError,
    );
  });

  it('creates with the client id and reports a second create of the id as already existing for the engine to judge', async () => {
    const request = upload('create', 'new-1', { data: { name: 'Contoso' } });
    expect(await remote.upload(request)).toEqual({ kind: 'ok' });
    expect(api.rows.get('new-1')).toEqual({ accountid: 'new-1', name: 'Contoso' });
    const again = await remote.upload(request);
    expect(again.kind === 'failed' && again.error).toMatchObject({ code: 'already-exists', serverCode: '0x80040237' });
  });

  it('updates an existing row but never re-creates one deleted on the server', async () => {
    expect(await remote.upload(upload('update', 'id-1', { data: { name: 'changed', accountid: 'ignored' } }))).toEqual({ kind: 'ok' });
    expect(api.rows.get('id-1')?.name).toBe('changed');

    const result = await remote.upload(upload('update', 'gone', { data: { name: 'x' } }));
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.error).toBeInstanceOf(RecordNotFoundError);
    expect(api.rows.has('gone')).toBe(false);
  });

  it('deletes, and a delete of a row already gone is ok', async () => {
    expect(await remote.upload(upload('delete', 'id-1'))).toEqual({ kind: 'ok' });
    expect(await remote.upload(upload('delete', 'id-1'))).toEqual({ kind: 'ok' });
  });

  it('sends images as base64 and refuses file columns', async () => {
    const image = upload('imageAdd', 'id-1', { attachment: { column: 'entityimage', base64: 'AAEC' } });
    expect(await remote.upload(image)).toEqual({ kind: 'ok' });
    expect(api.rows.get('id-1')?.entityimage).toBe('AAEC');
    const file = await remote.upload(upload('fileAdd', 'id-1', { attachment: { column: 'doc', base64: 'AAEC' } }));
    expect(file.kind === 'failed' && file.error).toBeInstanceOf(ConfigError);
  });

  it('answers per-change failures and throws connection-level ones', async () => {
    api.failNext = clientError(0x80040220, 'Principal user is missing prvWriteAccount privilege');
    const denied = await remote.upload(upload('create', 'p-1', { data: {} }));
    expect(denied.kind === 'failed' && denied.error).toBeInstanceOf(PrivilegeError);

    api.failNext = clientError(0x80072322, 'Number of requests exceeded the limit');
    await expect(remote.upload(upload('create', 'p-2', { data: {} }))).rejects.toBeInstanceOf(ServerBusyError);

    api.failNext = new TypeError('Failed to fetch');
    await expect(remote.upload(upload('create', 'p-3', { data: {} }))).rejects.toBeInstanceOf(NetworkError);
  });

  it('reads one row, null when the server has none', async () => {
    expect(await remote.retrieveRecord(table, 'id-3', ['name'])).toEqual(expect.objectContaining({ name: 'id-3' }));
    expect(api.calls.at(-1)).toBe('retrieve account id-3 ?$select=name');
    expect(await remote.retrieveRecord(table, 'nope')).toBeNull();
  });

  it('retrieves the rows of a query', async () => {
    const all = await remote.retrieveMultiple(table, '?$select=name');
    expect(all.rows).toHaveLength(5);
  });

  it('pings through the organization table', async () => {
    await remote.ping();
    expect(api.calls.at(-1)).toBe('retrieveMultiple organization ?$select=organizationid');
  });

  it('stops waiting at its timeout and when the caller cancels', async () => {
    const hanging = new FakeWebApi();
    hanging.retrieveMultipleRecords = () => new Promise(() => undefined);
    const slow = new ContextWebApiRemote({ webAPI: hanging, timeoutMs: 30 });
    await expect(slow.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);

    const controller = new AbortController();
    const pending = slow.fetchPage({ table, pageSize: 10, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('client API error mapping', () => {
  it('reads the plain { errorCode, message } objects the client API rejects with, signed or unsigned', () => {
    expect(clientApiError({ errorCode: 2147746359, message: 'dup' }).code).toBe('already-exists');
    expect(clientApiError({ errorCode: -2147220969, message: 'gone' }).code).toBe('record-not-found');
    expect(clientApiError({ errorCode: 0x80072326, message: 'too many' })).toMatchObject({ code: 'server-busy', message: 'The server is busy.' });
    expect(clientApiError({ errorCode: 0x80040265, message: 'Business rule failed' }).code).toBe('rejected');
  });

  it('uses an HTTP status when the host adds one, and takes a code-less failure as the network', () => {
    expect(clientApiError({ status: 503, message: 'down' }).code).toBe('unavailable');
    expect(clientApiError({ status: 401, errorCode: 0x80040220, message: 'expired' }).code).toBe('auth');
    expect(clientApiError(new TypeError('Failed to fetch')).code).toBe('network');
    expect(clientApiError(Object.assign(new Error('stop'), { name: 'AbortError' })).code).toBe('aborted');
  });
});
