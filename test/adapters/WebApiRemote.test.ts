import { randomUUID } from 'node:crypto';
import { boundaryOf, buildBatch, parseBatch } from '../../SyncEngine/adapters/webapi/batchMultipart';
import { httpError, parseRetryAfter } from '../../SyncEngine/adapters/webapi/httpErrors';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import {
  AbortedError,
  AuthError,
  DeltaExpiredError,
  MalformedResponseError,
  NetworkError,
  OfflineProfileError,
  PayloadTooLargeError,
  PrivilegeError,
  RecordNotFoundError,
  RejectedError,
  ServerBusyError,
  ServerError,
  ServiceUnavailableError,
} from '../../SyncEngine/contracts/errors';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import type { RemotePage, UploadRequest, UploadResult } from '../../SyncEngine/contracts/RemoteSource';
import type { OutboxEntry, Row } from '../../SyncEngine/contracts/rows';
import { startEmulator } from '../dataverse-emulator';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const accounts: ProfileTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  primaryName: 'name',
  columns: ['accountid', 'name', 'telephone1', 'modifiedon'],
  syncIntervalMinutes: 15,
  filter: { kind: 'all' },
};

let emulator: Emulator;
/** Headers of every request the adapter sent, in order. */
const sent: { url: string; method: string; headers: Record<string, string> }[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  sent.push({ url: input instanceof Request ? input.url : input.toString(), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) } });
  return fetch(input, init);
};

function remote(options: { timeoutMs?: number; getToken?: () => Promise<string | null> } = {}): WebApiRemote {
  return new WebApiRemote({ baseUrl: emulator.baseUrl, fetch: recordingFetch, ...options });
}

/** The emulator's admin API; callers name the JSON shape they expect. */
async function admin<T = Row>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.origin}/_emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const faults = (settings: Record<string, unknown>): Promise<unknown> => admin('POST', 'faults', settings);
const serverRow = (id: string): Promise<Row> => admin('GET', `row/accounts/${id}`);

let sequence = 0;
function change(op: OutboxEntry['op'], rowId: string, extra: Partial<OutboxEntry> = {}, ifMatch?: string): UploadRequest {
  const entry: OutboxEntry = { seq: ++sequence, table: 'account', rowId, op, createdAt: Date.now(), attempts: 0, state: 'pending', ...extra };
  return { entry, entitySet: 'accounts', primaryId: 'accountid', ifMatch };
}

async function downloadAll(source: WebApiRemote, pageSize: number): Promise<{ pages: RemotePage[]; rows: Row[] }> {
  const pages: RemotePage[] = [];
  let link: string | undefined;
  do {
    const page = await source.fetchPage({ table: accounts, pageSize, link });
    pages.push(page);
    link = page.nextLink;
  } while (link !== undefined);
  return { pages, rows: pages.flatMap((page) => page.rows) };
}

async function anyAccountId(): Promise<string> {
  const { rows } = await remote().retrieveMultiple(accounts, '$select=accountid&$top=1');
  return String(rows[0].accountid);
}

function failedWith(result: UploadResult): unknown {
  return result.kind === 'failed' ? result.error : result;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 200 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  sent.length = 0;
  await admin('DELETE', 'faults');
});

describe('WebApiRemote downloads', () => {
  it('downloads a table in pages with change tracking and ends with a delta link', async () => {
    const { pages, rows } = await downloadAll(remote(), 15);
    const stats = await admin<{ rows: Record<string, number> }>('GET', 'stats');
    expect(rows).toHaveLength(stats.rows.accounts);
    expect(new Set(rows.map((row) => row.accountid)).size).toBe(rows.length);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.slice(0, -1).every((page) => page.nextLink && !page.deltaLink)).toBe(true);
    expect(pages.at(-1)!.deltaLink).toContain('deltatoken');
    expect(rows.every((row) => typeof row['@odata.etag'] === 'string')).toBe(true);
    expect(pages.every((page) => page.bytes > 0)).toBe(true);

    expect(sent[0].url).toBe(`${emulator.baseUrl}accounts?$select=accountid,name,telephone1,modifiedon`);
    expect(sent[0].headers).toMatchObject({
      'OData-Version': '4.0',
      'OData-MaxVersion': '4.0',
      Accept: 'application/json',
      Prefer: 'odata.track-changes,odata.maxpagesize=15',
    });
    expect(sent[1].url).toBe(pages[0].nextLink);
    expect(sent[1].headers.Prefer).toBe('odata.track-changes,odata.maxpagesize=15');
  });

  it('answers a delta with changed rows and deleted ids', async () => {
    const source = remote();
    const { pages } = await downloadAll(source, 5000);
    const [edited, deleted] = pages[0].rows.map((row) => String(row.accountid));
    await admin('POST', 'edit', { entitySet: 'accounts', id: edited, changes: { name: 'Edited on the server' } });
    await admin('POST', 'delete', { entitySet: 'accounts', id: deleted });

    const delta = await source.fetchPage({ table: accounts, pageSize: 5000, link: pages.at(-1)!.deltaLink });
    expect(delta.rows).toEqual([expect.objectContaining({ accountid: edited, name: 'Edited on the server' })]);
    expect(delta.deletedIds).toEqual([deleted]);
    expect(delta.deltaLink).toContain('deltatoken');

    const nothing = await source.fetchPage({ table: accounts, pageSize: 5000, link: delta.deltaLink });
    expect(nothing).toMatchObject({ rows: [], deletedIds: [] });
  });

  it('reports an expired delta token as DeltaExpiredError', async () => {
    const source = remote();
    const { pages } = await downloadAll(source, 5000);
    await faults({ expireDeltaTokens: true });
    await expect(source.fetchPage({ table: accounts, pageSize: 5000, link: pages.at(-1)!.deltaLink })).rejects.toBeInstanceOf(
      DeltaExpiredError,
    );
  });

  it("names the table when its change tracking is off, and reads it by plain query (no odata.track-changes)", async () => {
    const source = remote();
    const { pages } = await downloadAll(source, 5000);
    await admin('POST', 'changetracking', { entitySet: 'accounts', enabled: false });
    try {
      const first = await source.fetchPage({ table: accounts, pageSize: 10 }).catch((caught: unknown) => caught);
      expect(first).toBeInstanceOf(OfflineProfileError);
      expect(first).toMatchObject({ code: 'config', problem: 'change-tracking-off', table: 'account' });
      expect((first as Error).message).toContain('"account"');
      expect((first as Error).message).toContain("isn't enabled for change tracking");
      // A delta link made while tracking was on fails the same way, not as an expired token.
      const delta = await source.fetchPage({ table: accounts, pageSize: 10, link: pages.at(-1)!.deltaLink }).catch((caught: unknown) => caught);
      expect(delta).toMatchObject({ problem: 'change-tracking-off', table: 'account' });
      expect(delta).not.toBeInstanceOf(DeltaExpiredError);

      sent.length = 0;
      const plain = await source.fetchPage({ table: accounts, pageSize: 5000, track: false });
      expect(plain.rows).toHaveLength(pages.flatMap((page) => page.rows).length);
      expect(plain.deltaLink).toBeUndefined();
      expect(sent[0].headers.Prefer).toBe('odata.maxpagesize=5000');
    } finally {
      await admin('POST', 'changetracking', { entitySet: 'accounts', enabled: true });
    }
  });

  it('reports 429 as ServerBusyError with the Retry-After wait', async () => {
    await faults({ throttleNext: 1, retryAfterSeconds: 7 });
    const error = await remote().fetchPage({ table: accounts, pageSize: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerBusyError);
    expect((error as ServerBusyError).retryAfterMs).toBe(7000);
    expect((error as ServerBusyError).message).toBe('The server is busy.');
  });

  it('reports 503 as ServiceUnavailableError and 500 as ServerError', async () => {
    await faults({ errorNext: 1, errorStatus: 503 });
    await expect(remote().fetchPage({ table: accounts, pageSize: 10 })).rejects.toBeInstanceOf(ServiceUnavailableError);
    await faults({ errorNext: 1, errorStatus: 500 });
    await expect(remote().fetchPage({ table: accounts, pageSize: 10 })).rejects.toBeInstanceOf(ServerError);
  });

  it('reports a dropped connection and an offline server as NetworkError', async () => {
    await faults({ dropNext: 1 });
    await expect(remote().fetchPage({ table: accounts, pageSize: 10 })).rejects.toBeInstanceOf(NetworkError);
    await faults({ offline: true });
    await expect(remote().ping()).rejects.toBeInstanceOf(NetworkError);
  });

  it('reports a garbled 200 as MalformedResponseError', async () => {
    await faults({ malformedNext: 1 });
    await expect(remote().fetchPage({ table: accounts, pageSize: 10 })).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('gives up after its timeout with ServiceUnavailableError', async () => {
    await faults({ latencyMs: 400 });
    await expect(remote({ timeoutMs: 80 }).ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("stops when the caller's signal aborts", async () => {
    await faults({ latencyMs: 400 });
    const controller = new AbortController();
    const pending = remote().fetchPage({ table: accounts, pageSize: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    const already = new AbortController();
    already.abort();
    await expect(remote().ping(already.signal)).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('WebApiRemote uploads', () => {
  it('creates with the client id, and reports a second create of the id as already existing for the engine to judge', async () => {
    const id = randomUUID();
    const create = change('create', id, { data: { name: 'Created offline', telephone1: '555' } });
    const first = await remote().upload(create);
    expect(first).toEqual({ kind: 'ok', etag: expect.stringMatching(/^W\/"/) });
    expect(await serverRow(id)).toMatchObject({ accountid: id, name: 'Created offline', telephone1: '555' });
    const again = await remote().upload(create);
    expect(failedWith(again)).toMatchObject({ code: 'already-exists', serverCode: '0x80040237', status: 412 });
    expect(sent[0]).toMatchObject({ method: 'POST' });
    expect(sent[0].headers['If-None-Match']).toBeUndefined();
  });

  it('reports a create or an If-Match update that breaks an alternate key as already existing, not as a conflict', async () => {
    const { rows: numbered } = await remote().retrieveMultiple(accounts, '$select=accountid,accountnumber&$filter=accountnumber ne null&$top=2');
    const taken = String(numbered[0].accountnumber);
    const create = await remote().upload(change('create', randomUUID(), { data: { name: 'Clash', accountnumber: taken } }));
    expect(failedWith(create)).toMatchObject({ code: 'already-exists', serverCode: '0x80060892', status: 412 });
    const other = String(numbered[1].accountid);
    const etag = String((await serverRow(other))['@odata.etag']);
    const update = await remote().upload({ ...change('update', other, { data: { accountnumber: taken } }), ifMatch: etag });
    expect(failedWith(update)).toMatchObject({ code: 'already-exists' });
  });

  it('updates with If-Match: * and never re-creates a row deleted on the server', async () => {
    const id = await anyAccountId();
    const result = await remote().upload(change('update', id, { data: { name: 'Updated offline' } }));
    expect(result).toEqual({ kind: 'ok', etag: (await serverRow(id))['@odata.etag'] });
    expect(sent.find((request) => request.method === 'PATCH')!.headers['If-Match']).toBe('*');

    const gone = randomUUID();
    const missing = await remote().upload(change('update', gone, { data: { name: 'x' } }));
    expect(failedWith(missing)).toBeInstanceOf(RecordNotFoundError);
    expect(await serverRow(gone)).toMatchObject({ error: expect.anything() });
  });

  it('deletes, and a delete of a row already gone is ok', async () => {
    const id = randomUUID();
    await remote().upload(change('create', id, { data: { name: 'to delete' } }));
    expect(await remote().upload(change('delete', id))).toEqual({ kind: 'ok' });
    expect(await remote().upload(change('delete', id))).toEqual({ kind: 'ok' });
  });

  it('answers a stale If-Match with a conflict carrying the current server row', async () => {
    const id = await anyAccountId();
    const before = (await remote().retrieveRecord(accounts, id, ['name']))!;
    await admin('POST', 'edit', { entitySet: 'accounts', id, changes: { name: 'Changed by a colleague' } });

    const result = await remote().upload(change('update', id, { data: { name: 'Mine' } }, String(before['@odata.etag'])));
    expect(result).toEqual({ kind: 'conflict', serverRow: expect.objectContaining({ accountid: id, name: 'Changed by a colleague' }) });
    expect((await serverRow(id)).name).toBe('Changed by a colleague');

    const stale = await remote().upload(change('delete', id, {}, String(before['@odata.etag'])));
    expect(stale.kind).toBe('conflict');
  });

  it('answers a garbled 200 to a write as malformed, not uploaded: the server may have refused it', async () => {
    const id = await anyAccountId();
    const before = (await remote().retrieveRecord(accounts, id, ['name']))!;
    await admin('POST', 'edit', { entitySet: 'accounts', id, changes: { name: 'Changed by a colleague' } });
    await faults({ malformedNext: 1 }); // the 412 reaches the client as a 200 with a broken body
    const result = await remote().upload(change('delete', id, {}, String(before['@odata.etag'])));
    expect(failedWith(result)).toBeInstanceOf(MalformedResponseError);
    expect((await serverRow(id)).name).toBe('Changed by a colleague');
  });

  it('throws connection-level failures instead of answering them per change', async () => {
    await faults({ throttleNext: 1, retryAfterSeconds: 3 });
    await expect(remote().upload(change('create', randomUUID(), { data: { name: 'x' } }))).rejects.toMatchObject({
      code: 'server-busy',
      retryAfterMs: 3000,
    });
    await faults({ dropNext: 1 });
    await expect(remote().upload(change('create', randomUUID(), { data: { name: 'x' } }))).rejects.toBeInstanceOf(NetworkError);
  });

  it('uploads a file column as bytes and removes it', async () => {
    const id = await anyAccountId();
    const attachment = { column: 'sample_document', fileName: 'notes.txt', base64: Buffer.from('hello').toString('base64') };
    expect(await remote().upload(change('fileAdd', id, { attachment }))).toMatchObject({ kind: 'ok' });
    const file = await fetch(`${emulator.baseUrl}accounts(${id})/sample_document/$value`);
    expect(await file.text()).toBe('hello');
    expect(file.headers.get('x-ms-file-name')).toBe('notes.txt');
    const upload = sent.find((request) => request.method === 'PATCH')!;
    expect(upload.url).toBe(`${emulator.baseUrl}accounts(${id})/sample_document`);
    expect(upload.headers['Content-Type']).toBe('application/octet-stream');

    expect(await remote().upload(change('fileRemove', id, { attachment: { column: 'sample_document' } }))).toEqual({ kind: 'ok' });
    expect((await fetch(`${emulator.baseUrl}accounts(${id})/sample_document/$value`)).status).toBe(404);
  });

  it('uploads a $batch with independent parts and answers each result in order', async () => {
    const existing = await anyAccountId();
    const before = (await remote().retrieveRecord(accounts, existing))!;
    await admin('POST', 'edit', { entitySet: 'accounts', id: existing, changes: { name: 'Server side' } });
    const duplicate = randomUUID();
    await remote().upload(change('create', duplicate, { data: { name: 'landed before' } }));
    const fresh = randomUUID();
    const file = { column: 'sample_photo', fileName: 'p.png', base64: 'iVBORw0KGgo=' };

    const results = await remote().uploadBatch([
      change('create', fresh, { data: { name: 'batch create' } }),
      change('create', duplicate, { data: { name: 'landed before' } }),
      change('update', existing, { data: { name: 'stale' } }, String(before['@odata.etag'])),
      change('update', randomUUID(), { data: { name: 'missing' } }),
      change('delete', randomUUID()),
      change('imageAdd', existing, { attachment: file }),
      change('update', fresh, { data: { telephone1: '123' } }),
    ]);

    expect(results.map((result) => result.kind)).toEqual(['ok', 'failed', 'conflict', 'failed', 'ok', 'ok', 'ok']);
    expect(results[0]).toEqual({ kind: 'ok', etag: expect.stringMatching(/^W\//) });
    expect(failedWith(results[1])).toMatchObject({ code: 'already-exists' });
    expect(results[2]).toEqual({ kind: 'conflict', serverRow: expect.objectContaining({ name: 'Server side' }) });
    expect(failedWith(results[3])).toBeInstanceOf(RecordNotFoundError);
    expect(await serverRow(fresh)).toMatchObject({ name: 'batch create', telephone1: '123' });

    const batch = sent.find((request) => request.url.endsWith('$batch'))!;
    expect(batch.headers.Prefer).toBe('odata.continue-on-error');
    expect(batch.headers['Content-Type']).toMatch(/^multipart\/mixed; boundary=batch_/);
  });

  it('throws when the whole $batch fails before anything landed', async () => {
    await faults({ errorNext: 1, errorStatus: 503 });
    await expect(remote().uploadBatch([change('delete', randomUUID())])).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('WebApiRemote reads', () => {
  it('reads one row with selected columns, null when the server has none', async () => {
    const id = await anyAccountId();
    const row = await remote().retrieveRecord(accounts, id, ['name']);
    expect(row).toMatchObject({ accountid: id, name: expect.any(String) });
    expect(await remote().retrieveRecord(accounts, randomUUID())).toBeNull();
  });

  it('retrieves rows for a query string, with or without its leading ?', async () => {
    const source = new WebApiRemote({ baseUrl: emulator.baseUrl, fetch: recordingFetch });
    const first = await source.retrieveMultiple(accounts, '?$select=name&$orderby=name');
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows.every((row) => typeof row.name === 'string')).toBe(true);
    const { rows } = await source.retrieveMultiple(accounts, '$select=name&$filter=name eq \'no such name\'');
    expect(rows).toEqual([]);
  });

  it('sends a query over the 32,768-character URL limit as a GET inside $batch, with the same answer', async () => {
    const source = remote();
    const { rows: some } = await source.retrieveMultiple(accounts, '?$select=accountid&$orderby=accountid&$top=3');
    const wanted = some.map((row) => String(row.accountid));
    const padding = Array.from({ length: 900 }, () => `accountid eq ${randomUUID()}`);
    const filter = [...wanted.map((id) => `accountid eq ${id}`), ...padding].join(' or ');
    sent.length = 0;
    const { rows } = await source.retrieveMultiple(accounts, `?$select=accountid&$orderby=accountid&$filter=${encodeURIComponent(filter)}`);
    expect(`${emulator.baseUrl}accounts?$filter=${encodeURIComponent(filter)}`.length).toBeGreaterThan(32_768);
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${emulator.baseUrl}$batch`]);
    expect(rows.map((row) => row.accountid)).toEqual(wanted);
  });

  it('refuses a query too long even for $batch before sending it', async () => {
    sent.length = 0;
    const filter = Array.from({ length: 1900 }, () => `accountid eq ${randomUUID()}`).join(' or ');
    await expect(remote().retrieveMultiple(accounts, `?$filter=${encodeURIComponent(filter)}`)).rejects.toMatchObject({ code: 'invalid-query' });
    expect(sent).toEqual([]);
  });

  it('pings WhoAmI and sends the bearer token when it has one', async () => {
    await remote({ getToken: () => Promise.resolve('secret') }).ping();
    expect(sent[0].url).toBe(`${emulator.baseUrl}WhoAmI`);
    expect(sent[0].headers.Authorization).toBe('Bearer secret');
    await remote({ getToken: () => Promise.resolve(null) }).ping();
    expect(sent[1].headers.Authorization).toBeUndefined();
  });

  it('refuses to follow a link to another origin', async () => {
    await expect(remote().fetchPage({ table: accounts, pageSize: 10, link: 'https://evil.example/other/accounts' })).rejects.toBeInstanceOf(
      MalformedResponseError,
    );
    await expect(
      remote().fetchPage({ table: accounts, pageSize: 10, link: 'https://evil.example/other/accounts?$deltatoken=1' }),
    ).rejects.toBeInstanceOf(DeltaExpiredError);
    expect(sent).toHaveLength(0);
  });
});

describe('HTTP error mapping', () => {
  const failure = (status: number, code = '', headers: Record<string, string> = {}) => ({
    status,
    body: JSON.stringify({ error: { code, message: `status ${status}` } }),
    header: (name: string) => headers[name] ?? null,
  });

  it.each([
    [401, AuthError],
    [403, PrivilegeError],
    [404, RecordNotFoundError],
    [413, PayloadTooLargeError],
    [400, RejectedError],
    [422, RejectedError],
    [502, ServiceUnavailableError],
    [504, ServiceUnavailableError],
    [500, ServerError],
  ])('maps %i', (status, type) => {
    expect(httpError(failure(status))).toBeInstanceOf(type);
  });

  it('maps duplicates, expired version stamps and any token failure of a delta request', () => {
    expect(httpError(failure(412, '0x80040237')).code).toBe('already-exists');
    expect(httpError(failure(412, '0x80060882')).code).toBe('conflict');
    expect(httpError(failure(400, '0x80044352'))).toBeInstanceOf(DeltaExpiredError);
    expect(httpError(failure(404), true)).toBeInstanceOf(DeltaExpiredError);
    expect(httpError(failure(500), true)).toBeInstanceOf(DeltaExpiredError);
    expect(httpError(failure(503), true)).toBeInstanceOf(ServiceUnavailableError);
    expect(httpError(failure(401), true)).toBeInstanceOf(AuthError);
    // Change tracking off is the table's configuration, whatever the request: never an expired token.
    expect(httpError(failure(400, '0x80072491'), true)).toMatchObject({ code: 'config', problem: 'change-tracking-off' });
    expect(httpError(failure(400, '0x80072491'))).toBeInstanceOf(OfflineProfileError);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(httpError(failure(429, '0x80072322', { 'Retry-After': '2' })).retryAfterMs).toBe(2000);
  });

  it('treats a non-JSON error body by its status alone', () => {
    expect(httpError({ status: 403, body: '<html>denied</html>', header: () => null })).toBeInstanceOf(PrivilegeError);
  });
});

describe('$batch wire format', () => {
  it('writes one application/http part per request, no changeset', () => {
    const { body } = buildBatch(
      [
        { method: 'PATCH', url: 'accounts(1)', headers: { 'If-Match': '*', 'Content-Type': 'application/json' }, body: '{"name":"a"}' },
        { method: 'DELETE', url: 'accounts(2)' },
      ],
      '/api/data/v9.2/',
      'batch_x',
    );
    expect(body).toBe(
      [
        '--batch_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '',
        'PATCH /api/data/v9.2/accounts(1) HTTP/1.1', 'If-Match: *', 'Content-Type: application/json', '', '{"name":"a"}',
        '--batch_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '',
        'DELETE /api/data/v9.2/accounts(2) HTTP/1.1', '', '',
        '--batch_x--', '',
      ].join('\r\n'),
    );
  });

  it('reads responses with bare LF line ends and changeset parts in place', () => {
    const text = [
      '--batchresponse_1',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 204 No Content',
      'ETag: W/"1"',
      '',
      '--batchresponse_1',
      'Content-Type: multipart/mixed; boundary=changesetresponse_2',
      '',
      '--changesetresponse_2',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 404 Not Found',
      'Content-Type: application/json',
      '',
      '{"error":{"code":"0x80040217","message":"gone"}}',
      '--changesetresponse_2--',
      '--batchresponse_1--',
    ].join('\n');
    const parts = parseBatch(text, boundaryOf('multipart/mixed; boundary="batchresponse_1"')!);
    expect(parts.map((part) => part.status)).toEqual([204, 404]);
    expect(parts[0].header('etag')).toBe('W/"1"');
    expect(JSON.parse(parts[1].body).error.code).toBe('0x80040217');
  });
});
