import { EMULATOR_TABLES, EMULATOR_USER, startEmulator, type RunningEmulator } from './index';
import { admin, api, errorCode, errorMessage, getJson, sendJson, type Json } from './testing';

let emulator: RunningEmulator;
let accountId: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 200 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  accountId = ((await getJson(emulator, 'accounts?$top=1')).value as Json[])[0].accountid as string;
});

const NEW_ID = '11111111-2222-4333-8444-555555555555';

describe('emulator basics', () => {
  it('listens on 127.0.0.1 and exposes the service root', () => {
    expect(emulator.origin).toBe(`http://127.0.0.1:${String(emulator.port)}`);
    expect(emulator.baseUrl).toBe(`${emulator.origin}/api/data/v9.2/`);
  });

  it('answers WhoAmI with the emulated user', async () => {
    const body = await getJson(emulator, 'WhoAmI');
    expect(body).toMatchObject({
      UserId: EMULATOR_USER.userId,
      BusinessUnitId: EMULATOR_USER.businessUnitId,
      OrganizationId: EMULATOR_USER.organizationId,
    });
  });

  it('answers RetrieveTotalRecordCount with each table in the order asked, the array inline or as a parameter alias', async () => {
    const accounts = ((await getJson(emulator, 'accounts?$select=accountid')).value as Json[]).length;
    const contacts = ((await getJson(emulator, 'contacts?$select=contactid')).value as Json[]).length;
    const aliased = await getJson(emulator, `RetrieveTotalRecordCount(EntityNames=@p1)?@p1=${encodeURIComponent("['contact','account']")}`);
    expect(aliased['@odata.context']).toContain('RetrieveTotalRecordCountResponse');
    expect(aliased.EntityRecordCountCollection).toEqual({ Count: 2, IsReadOnly: false, Keys: ['contact', 'account'], Values: [contacts, accounts] });
    const inline = await getJson(emulator, `RetrieveTotalRecordCount(EntityNames=${encodeURIComponent("['account']")})`);
    expect((inline.EntityRecordCountCollection as Json).Values).toEqual([accounts]);
    const unknown = await api(emulator, `RetrieveTotalRecordCount(EntityNames=${encodeURIComponent("['nosuchtable']")})`);
    expect(unknown.status).toBe(400);
    expect(errorMessage((await unknown.json()) as Json)).toContain("name = 'nosuchtable'");
    expect((await api(emulator, 'RetrieveTotalRecordCount(EntityNames=@p1)')).status).toBe(400);
  });

  it('answers CORS preflight for the headers the harness sends', async () => {
    const response = await api(emulator, 'accounts', { method: 'OPTIONS', headers: { Origin: 'http://localhost:8181' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    for (const header of ['Prefer', 'If-Match', 'If-None-Match', 'OData-Version', 'Content-Type', 'Authorization']) {
      expect(response.headers.get('access-control-allow-headers')).toContain(header);
    }
    for (const header of ['ETag', 'Preference-Applied', 'OData-EntityId', 'Retry-After']) {
      expect(response.headers.get('access-control-expose-headers')).toContain(header);
    }
  });

  it('seeds rows of every table with the declared columns, about 1 KB each', async () => {
    for (const table of EMULATOR_TABLES) {
      const row = ((await getJson(emulator, `${table.entitySet}?$top=1`)).value as Json[])[0];
      expect(Object.keys(row)).toEqual(['@odata.etag', ...table.columns]);
      expect(JSON.stringify(row).length).toBeGreaterThan(700);
      expect(JSON.stringify(row).length).toBeLessThan(1600);
    }
  });

  it('answers 404 for unknown entity sets', async () => {
    const response = await api(emulator, 'widgets');
    expect(response.status).toBe(404);
  });
});

describe('reading one row', () => {
  it('answers the row with its etag in the body and the ETag header', async () => {
    const response = await api(emulator, `accounts(${accountId})?$select=name`);
    const body = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(response.headers.get('etag')).toBe(body['@odata.etag']);
    expect(Object.keys(body).sort()).toEqual(['@odata.context', '@odata.etag', 'accountid', 'name']);
    expect(body['@odata.context']).toBe(`${emulator.baseUrl}$metadata#accounts(name)/$entity`);
  });

  it('answers 304 when If-None-Match holds the current etag', async () => {
    const etag = (await getJson(emulator, `accounts(${accountId})`))['@odata.etag'] as string;
    const response = await api(emulator, `accounts(${accountId})`, { headers: { 'If-None-Match': etag } });
    expect(response.status).toBe(304);
  });

  it('answers 404 with 0x80040217 for a missing row', async () => {
    const response = await api(emulator, `accounts(${NEW_ID})`);
    expect(response.status).toBe(404);
    expect(errorCode((await response.json()) as Json)).toBe('0x80040217');
  });
});

describe('creating rows', () => {
  it('answers 204 with OData-EntityId, keeping a client-supplied id', async () => {
    const id = crypto.randomUUID();
    const response = await sendJson(emulator, 'POST', 'accounts', { accountid: id, name: 'Created' });
    expect(response.status).toBe(204);
    expect(response.headers.get('odata-entityid')).toBe(`${emulator.baseUrl}accounts(${id})`);
    const row = await getJson(emulator, `accounts(${id})`);
    expect(row).toMatchObject({ name: 'Created', statecode: 0, _ownerid_value: EMULATOR_USER.userId });
    expect(row.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('answers 201 with the row when asked for return=representation', async () => {
    const response = await sendJson(emulator, 'POST', 'contacts?$select=fullname', { fullname: 'Ann Example' }, { Prefer: 'return=representation' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ fullname: 'Ann Example' });
    expect(body.contactid).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('etag')).toBe(body['@odata.etag']);
  });

  it('rejects a second create with the same id with 412 and 0x80040237', async () => {
    const id = crypto.randomUUID();
    await sendJson(emulator, 'POST', 'accounts', { accountid: id, name: 'First' });
    const response = await sendJson(emulator, 'POST', 'accounts', { accountid: id, name: 'Second' });
    expect(response.status).toBe(412);
    expect(errorCode((await response.json()) as Json)).toBe('0x80040237');
  });

  it('refuses a create or an update that repeats an alternate key value with 412 and 0x80060892', async () => {
    await sendJson(emulator, 'POST', 'accounts', { accountid: crypto.randomUUID(), name: 'Keyed', accountnumber: 'KEY-1' });
    const create = await sendJson(emulator, 'POST', 'accounts', { accountid: crypto.randomUUID(), name: 'Clash', accountnumber: 'KEY-1' });
    expect(create.status).toBe(412);
    const body = (await create.json()) as Json;
    expect(errorCode(body)).toBe('0x80060892');
    expect(JSON.stringify(body)).toContain('accountnumber');
    const other = crypto.randomUUID();
    await sendJson(emulator, 'POST', 'accounts', { accountid: other, name: 'Other', accountnumber: 'KEY-2' });
    const update = await sendJson(emulator, 'PATCH', `accounts(${other})`, { accountnumber: 'KEY-1' });
    expect(update.status).toBe(412);
    expect(errorCode((await update.json()) as Json)).toBe('0x80060892');
    // Rewriting a row's own key value, and rows without one, are fine.
    expect((await sendJson(emulator, 'PATCH', `accounts(${other})`, { accountnumber: 'KEY-2', name: 'Same key' })).status).toBe(204);
    expect((await sendJson(emulator, 'POST', 'accounts', { name: 'No key' })).status).toBe(204);
  });

  it('answers writes to a table the user may not write with 403 and 0x80040220, reads still work, until given back', async () => {
    expect((await admin(emulator, 'POST', 'privileges', { entitySet: 'contacts', write: false })).status).toBe(200);
    const create = await sendJson(emulator, 'POST', 'contacts', { fullname: 'Denied' });
    expect(create.status).toBe(403);
    const body = (await create.json()) as Json;
    expect(errorCode(body)).toBe('0x80040220');
    expect(errorMessage(body)).toContain('prvCreatecontact');
    expect((await api(emulator, 'contacts?$top=1')).status).toBe(200);
    expect((await sendJson(emulator, 'POST', 'accounts', { name: 'Other tables are fine' })).status).toBe(204);
    await admin(emulator, 'POST', 'privileges', { entitySet: 'contacts', write: true });
    expect((await sendJson(emulator, 'POST', 'contacts', { fullname: 'Allowed' })).status).toBe(204);
    expect((await admin(emulator, 'POST', 'privileges', { entitySet: 'contacts' })).status).toBe(400);
  });

  it('turns @odata.bind references into lookup values', async () => {
    const id = crypto.randomUUID();
    await sendJson(emulator, 'POST', 'contacts', { contactid: id, fullname: 'Bound', 'parentcustomerid_account@odata.bind': `/accounts(${accountId})` });
    expect((await getJson(emulator, `contacts(${id})`))._parentcustomerid_value).toBe(accountId);
  });

  it('rejects unknown columns and invalid JSON with 400', async () => {
    expect((await sendJson(emulator, 'POST', 'accounts', { nosuchcolumn: 1 })).status).toBe(400);
    const response = await api(emulator, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":' });
    expect(response.status).toBe(400);
  });
});

describe('updating rows', () => {
  it('bumps the etag and modifiedon on every change', async () => {
    const before = await getJson(emulator, `accounts(${accountId})`);
    const response = await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { name: 'Renamed' });
    expect(response.status).toBe(204);
    const after = await getJson(emulator, `accounts(${accountId})`);
    expect(after.name).toBe('Renamed');
    expect(after['@odata.etag']).not.toBe(before['@odata.etag']);
    expect(response.headers.get('etag')).toBe(after['@odata.etag']);
    expect(Date.parse(after.modifiedon as string)).toBeGreaterThanOrEqual(Date.parse(before.modifiedon as string));
    expect(Date.now() - Date.parse(after.modifiedon as string)).toBeLessThan(60_000);
  });

  it('creates the row when PATCH finds none (upsert)', async () => {
    const id = crypto.randomUUID();
    expect((await sendJson(emulator, 'PATCH', `accounts(${id})`, { name: 'Upserted' })).status).toBe(204);
    expect((await getJson(emulator, `accounts(${id})`)).name).toBe('Upserted');
  });

  it('never creates with If-Match: * (404)', async () => {
    const response = await sendJson(emulator, 'PATCH', `accounts(${NEW_ID})`, { name: 'x' }, { 'If-Match': '*' });
    expect(response.status).toBe(404);
    expect((await api(emulator, `accounts(${NEW_ID})`)).status).toBe(404);
  });

  it('never updates with If-None-Match: * (412)', async () => {
    const response = await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { name: 'x' }, { 'If-None-Match': '*' });
    expect(response.status).toBe(412);
  });

  it('applies an update whose If-Match etag is current', async () => {
    const etag = (await getJson(emulator, `accounts(${accountId})`))['@odata.etag'] as string;
    expect((await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { revenue: 1 }, { 'If-Match': etag })).status).toBe(204);
  });

  it('refuses an update whose If-Match etag is stale with the RowVersion message', async () => {
    const etag = (await getJson(emulator, `accounts(${accountId})`))['@odata.etag'] as string;
    await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { name: 'Someone else' });
    const response = await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { name: 'Mine' }, { 'If-Match': etag });
    expect(response.status).toBe(412);
    expect(errorMessage((await response.json()) as Json)).toBe(
      "The version of the existing record doesn't match the RowVersion property provided.",
    );
  });

  it('answers 200 with the row for return=representation', async () => {
    const response = await sendJson(emulator, 'PATCH', `accounts(${accountId})`, { name: 'Shown' }, { Prefer: 'return=representation' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).name).toBe('Shown');
  });
});

describe('deleting rows', () => {
  it('deletes a row, then answers 404 with 0x80040217', async () => {
    const id = crypto.randomUUID();
    await sendJson(emulator, 'POST', 'accounts', { accountid: id, name: 'Doomed' });
    expect((await api(emulator, `accounts(${id})`, { method: 'DELETE' })).status).toBe(204);
    const again = await api(emulator, `accounts(${id})`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(errorCode((await again.json()) as Json)).toBe('0x80040217');
  });

  it('refuses a delete whose If-Match etag is stale', async () => {
    const id = crypto.randomUUID();
    await sendJson(emulator, 'POST', 'accounts', { accountid: id, name: 'Guarded' });
    const response = await api(emulator, `accounts(${id})`, { method: 'DELETE', headers: { 'If-Match': 'W/"1"' } });
    expect(response.status).toBe(412);
    expect((await api(emulator, `accounts(${id})`)).status).toBe(200);
  });
});

describe('files and images', () => {
  it('stores, returns and removes binary column content', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const upload = await api(emulator, `accounts(${accountId})/sitephoto`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/octet-stream', 'x-ms-file-name': 'site.png' },
      body: bytes,
    });
    expect(upload.status).toBe(204);
    const download = await api(emulator, `accounts(${accountId})/sitephoto/$value`);
    expect(download.status).toBe(200);
    expect(download.headers.get('x-ms-file-name')).toBe('site.png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await api(emulator, `accounts(${accountId})/sitephoto`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(emulator, `accounts(${accountId})/sitephoto/$value`)).status).toBe(404);
  });

  it('answers 404 for a file of a missing row', async () => {
    const response = await api(emulator, `accounts(${NEW_ID})/sitephoto`, { method: 'PATCH', headers: { 'Content-Type': 'application/octet-stream' }, body: 'x' });
    expect(response.status).toBe(404);
  });
});
