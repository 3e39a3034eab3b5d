import { startEmulator, type RunningEmulator } from './index';
import { api, getJson, type Json } from './testing';

let emulator: RunningEmulator;
let accountId: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 100 });
  accountId = ((await getJson(emulator, 'accounts?$top=1')).value as Json[])[0].accountid as string;
});
afterAll(() => emulator.close());

interface Op {
  method: string;
  url: string;
  body?: unknown;
  contentId?: string;
  headers?: Record<string, string>;
}

function httpPart(op: Op): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (op.contentId !== undefined) lines.push(`Content-ID: ${op.contentId}`);
  lines.push('', `${op.method} ${op.url} HTTP/1.1`);
  for (const [name, value] of Object.entries(op.headers ?? {})) lines.push(`${name}: ${value}`);
  if (op.body !== undefined) lines.push('Content-Type: application/json; type=entry');
  lines.push('', op.body === undefined ? '' : JSON.stringify(op.body));
  return lines.join('\r\n');
}

/** Builds a request body: an array item is a changeset, anything else a lone request. */
function batchBody(boundary: string, items: (Op | Op[])[]): string {
  let text = '';
  items.forEach((item, index) => {
    text += `--${boundary}\r\n`;
    if (Array.isArray(item)) {
      const changeset = `changeset_${String(index)}`;
      text += `Content-Type: multipart/mixed; boundary=${changeset}\r\n\r\n`;
      for (const op of item) text += `--${changeset}\r\n${httpPart(op)}\r\n`;
      text += `--${changeset}--\r\n`;
    } else {
      text += `${httpPart(item)}\r\n`;
    }
  });
  return `${text}--${boundary}--\r\n`;
}

async function postBatch(items: (Op | Op[])[], headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string }> {
  const boundary = 'batch_4f1c2a';
  const response = await api(emulator, '$batch', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}`, 'OData-Version': '4.0', ...headers },
    body: batchBody(boundary, items),
  });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

function statusLines(text: string): string[] {
  return text.match(/^HTTP\/1\.1 \d{3}.*$/gm) ?? [];
}

describe('$batch', () => {
  it('runs lone requests and changesets in order and answers a spec-shaped multipart body', async () => {
    const id = crypto.randomUUID();
    const { status, text, contentType } = await postBatch([
      { method: 'GET', url: `${emulator.baseUrl}accounts(${accountId})?$select=name` },
      [
        { method: 'POST', url: `${emulator.baseUrl}accounts`, body: { accountid: id, name: 'In batch' }, contentId: '1' },
        { method: 'PATCH', url: `/api/data/v9.2/accounts(${accountId})`, body: { revenue: 5 }, contentId: '2' },
      ],
    ]);
    expect(status).toBe(200);
    const boundary = /boundary=(batchresponse_[\w-]+)/.exec(contentType)?.[1];
    expect(boundary).toBeDefined();
    expect(text.startsWith(`--${boundary!}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 200 OK\r\n`)).toBe(true);
    expect(text.trimEnd().endsWith(`--${boundary!}--`)).toBe(true);
    expect(text).toMatch(/Content-Type: multipart\/mixed; boundary=changesetresponse_[\w-]+\r\n\r\n--changesetresponse_/);
    expect(text).toContain('Content-ID: 1\r\n\r\nHTTP/1.1 204 No Content');
    expect(text).toContain(`OData-EntityId: ${emulator.baseUrl}accounts(${id})`);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 204 No Content', 'HTTP/1.1 204 No Content']);
    expect((await getJson(emulator, `accounts(${id})`)).name).toBe('In batch');
  });

  it('rolls back a whole changeset when one request fails, answering only the failure', async () => {
    const id = crypto.randomUUID();
    const before = await getJson(emulator, `accounts(${accountId})`);
    const { text } = await postBatch([
      [
        { method: 'POST', url: 'accounts', body: { accountid: id, name: 'Rolled back' }, contentId: '1' },
        { method: 'PATCH', url: `accounts(${accountId})`, body: { name: 'Rolled back too' }, contentId: '2' },
        { method: 'PATCH', url: `accounts(${accountId})`, body: { name: 'x' }, contentId: '3', headers: { 'If-Match': 'W/"1"' } },
      ],
    ]);
    expect(statusLines(text)).toEqual(['HTTP/1.1 412 Precondition Failed']);
    expect(text).toContain('Content-ID: 3');
    expect((await api(emulator, `accounts(${id})`)).status).toBe(404);
    const after = await getJson(emulator, `accounts(${accountId})`);
    expect(after.name).toBe(before.name);
    expect(after['@odata.etag']).toBe(before['@odata.etag']);
  });

  it('stops at the first failure unless odata.continue-on-error is preferred', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const ops: Op[] = [
      { method: 'GET', url: `accounts(${missing})` },
      { method: 'GET', url: `accounts(${accountId})?$select=name` },
    ];
    expect(statusLines((await postBatch(ops)).text)).toEqual(['HTTP/1.1 404 Not Found']);
    const continued = await postBatch(ops, { Prefer: 'odata.continue-on-error' });
    expect(statusLines(continued.text)).toEqual(['HTTP/1.1 404 Not Found', 'HTTP/1.1 200 OK']);
  });

  it('resolves $<Content-ID> references to rows created earlier in the changeset', async () => {
    const { text } = await postBatch([
      [
        { method: 'POST', url: 'accounts', body: { name: 'Parent' }, contentId: '1' },
        { method: 'POST', url: 'contacts', body: { fullname: 'Child', 'parentcustomerid_account@odata.bind': '$1' }, contentId: '2' },
        { method: 'PATCH', url: '$1', body: { revenue: 99 }, contentId: '3' },
      ],
    ]);
    expect(statusLines(text)).toEqual(['HTTP/1.1 204 No Content', 'HTTP/1.1 204 No Content', 'HTTP/1.1 204 No Content']);
    const parentId = /accounts\(([0-9a-f-]{36})\)/.exec(text)?.[1];
    expect((await getJson(emulator, `accounts(${parentId!})`)).revenue).toBe(99);
    const children = await getJson(emulator, `contacts?$filter=_parentcustomerid_value eq ${parentId!}`);
    expect((children.value as Json[]).map((row) => row.fullname)).toEqual(['Child']);
  });

  it('rejects more than 1000 requests and a body without a multipart content type', async () => {
    const ops = Array.from({ length: 1001 }, (): Op => ({ method: 'GET', url: 'WhoAmI' }));
    expect((await postBatch(ops)).status).toBe(400);
    const plain = await api(emulator, '$batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(plain.status).toBe(400);
  });
});
