import { startEmulator, type RunningEmulator } from './index';
import { admin, api, errorCode, getJson, type Json } from './testing';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 100 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await admin(emulator, 'POST', 'reset');
});

async function stats(): Promise<Json> {
  return (await (await admin(emulator, 'GET', 'stats')).json()) as Json;
}

describe('service protection', () => {
  it('answers 429 with Retry-After and 0x80072322 past the request limit', async () => {
    await admin(emulator, 'POST', 'faults', { limits: { requestsPerWindow: 3, windowMs: 60_000 } });
    for (let index = 0; index < 3; index += 1) expect((await api(emulator, 'WhoAmI')).status).toBe(200);
    const response = await api(emulator, 'WhoAmI');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(errorCode((await response.json()) as Json)).toBe('0x80072322');
    expect((await stats()).throttled).toBe(1);
  });

  it('answers 429 with 0x80072326 past the concurrency limit', async () => {
    await admin(emulator, 'POST', 'faults', { latencyMs: 150, limits: { maxConcurrent: 2 } });
    const responses = await Promise.all(Array.from({ length: 4 }, () => api(emulator, 'WhoAmI')));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    const throttled = responses.find((response) => response.status === 429)!;
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(errorCode((await throttled.json()) as Json)).toBe('0x80072326');
    expect((await stats()).maxConcurrentSeen).toBe(2);
  });
});

describe('fault injection', () => {
  it('delays answers by latencyMs', async () => {
    await admin(emulator, 'POST', 'faults', { latencyMs: 200 });
    const started = Date.now();
    await api(emulator, 'WhoAmI');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('delays requests under a slow path by its extra time, and no others', async () => {
    await admin(emulator, 'POST', 'faults', { slowPaths: { contacts: 300 } });
    let started = Date.now();
    expect((await api(emulator, 'contacts?$top=1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    expect((await api(emulator, 'accounts?$top=1')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    expect((await (await admin(emulator, 'GET', 'faults')).json()) as Json).toMatchObject({ slowPaths: { contacts: 300 } });
    expect((await admin(emulator, 'POST', 'faults', { slowPaths: { contacts: -1 } })).status).toBe(400);
    await admin(emulator, 'DELETE', 'faults');
    expect((await (await admin(emulator, 'GET', 'faults')).json()) as Json).toMatchObject({ slowPaths: {} });
  });

  it('drops the next n requests without an answer', async () => {
    await admin(emulator, 'POST', 'faults', { dropNext: 1 });
    await expect(api(emulator, 'WhoAmI')).rejects.toThrow();
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
  });

  it('drops every request at dropRate 1', async () => {
    await admin(emulator, 'POST', 'faults', { dropRate: 1 });
    await expect(api(emulator, 'WhoAmI')).rejects.toThrow();
  });

  it('answers errorStatus for the next n requests, and for all at errorRate 1', async () => {
    await admin(emulator, 'POST', 'faults', { errorNext: 1, errorStatus: 500 });
    const failed = await api(emulator, 'WhoAmI');
    expect(failed.status).toBe(500);
    expect((await failed.json()) as Json).toHaveProperty('error.code');
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
    await admin(emulator, 'POST', 'faults', { errorRate: 1, errorStatus: 503 });
    expect((await api(emulator, 'WhoAmI')).status).toBe(503);
  });

  it('answers errorStatus for the next n writes only, letting reads through', async () => {
    await admin(emulator, 'POST', 'faults', { writeErrorNext: 1, errorStatus: 500 });
    const { value } = await getJson(emulator, 'accounts?$select=accountid&$top=1');
    const id = String((value as Json[])[0].accountid);
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
    const patch = (): Promise<Response> =>
      api(emulator, `accounts(${id})`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Written' }) });
    expect((await patch()).status).toBe(500);
    expect((await patch()).status).toBe(204);
  });

  it('throttles the next n requests with the configured Retry-After', async () => {
    await admin(emulator, 'POST', 'faults', { throttleNext: 2, retryAfterSeconds: 7 });
    for (let index = 0; index < 2; index += 1) {
      const response = await api(emulator, 'WhoAmI');
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
    }
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
  });

  it('garbles the next n answers with status 200', async () => {
    await admin(emulator, 'POST', 'faults', { malformedNext: 1 });
    const response = await api(emulator, 'accounts?$top=2');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
  });

  it('refuses everything while offline, until the faults are cleared', async () => {
    await admin(emulator, 'POST', 'faults', { offline: true });
    await expect(api(emulator, 'WhoAmI')).rejects.toThrow();
    expect((await admin(emulator, 'GET', 'stats')).status).toBe(200);
    await admin(emulator, 'DELETE', 'faults');
    expect((await api(emulator, 'WhoAmI')).status).toBe(200);
  });

  it('rejects unknown or invalid fault settings', async () => {
    expect((await admin(emulator, 'POST', 'faults', { explode: true })).status).toBe(400);
    expect((await admin(emulator, 'POST', 'faults', { dropRate: 2 })).status).toBe(400);
  });
});

describe('admin API', () => {
  it('edits a row server-side, bumping its etag', async () => {
    const row = ((await getJson(emulator, 'contacts?$top=1')).value as Json[])[0];
    const edited = await admin(emulator, 'POST', 'edit', { entitySet: 'contacts', id: row.contactid, changes: { jobtitle: 'Boss' } });
    expect(edited.status).toBe(200);
    const current = await getJson(emulator, `contacts(${row.contactid as string})`);
    expect(current.jobtitle).toBe('Boss');
    expect(current['@odata.etag']).not.toBe(row['@odata.etag']);
  });

  it('reads and deletes raw rows', async () => {
    const row = ((await getJson(emulator, 'contacts?$top=1')).value as Json[])[0];
    const raw = await admin(emulator, 'GET', `row/contacts/${row.contactid as string}`);
    expect(((await raw.json()) as Json).fullname).toBe(row.fullname);
    expect((await admin(emulator, 'POST', 'delete', { entitySet: 'contacts', id: row.contactid })).status).toBe(204);
    expect((await admin(emulator, 'GET', `row/contacts/${row.contactid as string}`)).status).toBe(404);
  });

  it('counts requests by method and rows by table', async () => {
    await api(emulator, 'WhoAmI');
    await api(emulator, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' });
    const counters = await stats();
    expect(counters).toMatchObject({ requests: 2, byMethod: { GET: 1, POST: 1 }, throttled: 0 });
    expect(counters.rows).toEqual({ accounts: 21, contacts: 30, msdyn_workorders: 20, bookableresourcebookings: 20, msdyn_customerassets: 10 });
  });

  it('reseeds on reset, dropping changes', async () => {
    await api(emulator, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' });
    await admin(emulator, 'POST', 'reset');
    expect(((await stats()).rows as Json).accounts).toBe(20);
  });
});
