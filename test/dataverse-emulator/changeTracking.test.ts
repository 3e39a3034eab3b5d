import { startEmulator, type RunningEmulator } from './index';
import { admin, api, errorCode, errorMessage, fetchRows, getJson, readAll, sendJson, type Json } from './testing';

let emulator: RunningEmulator;
const TRACK = { Prefer: 'odata.track-changes, odata.maxpagesize=40' };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 500 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await admin(emulator, 'POST', 'reset');
});

async function initialSync(): Promise<{ rows: Json[]; deltaLink: string }> {
  const { rows, last } = await readAll(emulator, 'accounts?$select=name,revenue', TRACK);
  return { rows, deltaLink: last['@odata.deltaLink'] as string };
}

describe('change tracking', () => {
  it('answers Preference-Applied and a deltaLink on the last page only', async () => {
    const first = await api(emulator, 'accounts?$select=name', { headers: TRACK });
    expect(first.headers.get('preference-applied')).toBe('odata.track-changes,odata.maxpagesize=40');
    const body = (await first.json()) as Json;
    expect(body['@odata.nextLink']).toBeDefined();
    expect(body['@odata.deltaLink']).toBeUndefined();
    const { rows, deltaLink } = await initialSync();
    expect(rows).toHaveLength(100);
    expect(deltaLink).toMatch(new RegExp(`^${emulator.baseUrl.replace(/[.$]/g, '\\$&')}accounts\\?\\$select=name,revenue&\\$deltatoken=`));
  });

  it('answers an empty value and a new deltaLink when nothing changed', async () => {
    const { deltaLink } = await initialSync();
    const delta = await getJson(emulator, deltaLink);
    expect(delta.value).toEqual([]);
    expect(delta['@odata.deltaLink']).toEqual(expect.stringContaining('$deltatoken='));
    expect(delta['@odata.context']).toBe(`${emulator.baseUrl}$metadata#accounts(name,revenue)/$delta`);
  });

  it('returns created and updated rows in full with etags, and deleted rows as $deletedEntity', async () => {
    const { rows, deltaLink } = await initialSync();
    const [updated, deleted] = rows;
    const createdId = crypto.randomUUID();
    await sendJson(emulator, 'PATCH', `accounts(${updated.accountid as string})`, { name: 'Changed on the server' });
    await api(emulator, `accounts(${deleted.accountid as string})`, { method: 'DELETE' });
    await sendJson(emulator, 'POST', 'accounts', { accountid: createdId, name: 'New' });
    const delta = await getJson(emulator, deltaLink);
    const value = delta.value as Json[];
    expect(value).toHaveLength(3);
    expect(value).toContainEqual(expect.objectContaining({ accountid: updated.accountid, name: 'Changed on the server', '@odata.etag': expect.stringMatching(/^W\/"\d+"$/) }));
    expect(value).toContainEqual({
      '@odata.context': `${emulator.baseUrl}$metadata#accounts/$deletedEntity`,
      id: deleted.accountid,
      reason: 'deleted',
    });
    expect(value).toContainEqual(expect.objectContaining({ accountid: createdId, name: 'New' }));
    const next = await getJson(emulator, delta['@odata.deltaLink'] as string);
    expect(next.value).toEqual([]);
  });

  it('reports a row changed twice once, in its latest state', async () => {
    const { rows, deltaLink } = await initialSync();
    await sendJson(emulator, 'PATCH', `accounts(${rows[0].accountid as string})`, { name: 'One' });
    await sendJson(emulator, 'PATCH', `accounts(${rows[0].accountid as string})`, { name: 'Two' });
    const value = (await getJson(emulator, deltaLink)).value as Json[];
    expect(value).toEqual([expect.objectContaining({ name: 'Two' })]);
  });

  it('includes server-side edits made through the admin API', async () => {
    const { rows, deltaLink } = await initialSync();
    await admin(emulator, 'POST', 'edit', { entitySet: 'accounts', id: rows[3].accountid, changes: { revenue: 42 } });
    expect((await getJson(emulator, deltaLink)).value).toEqual([expect.objectContaining({ accountid: rows[3].accountid, revenue: 42 })]);
  });

  it('pages large deltas with nextLinks and puts the deltaLink on the last page', async () => {
    const { rows, deltaLink } = await initialSync();
    for (const row of rows.slice(0, 90)) await sendJson(emulator, 'PATCH', `accounts(${row.accountid as string})`, { revenue: 7 });
    const { rows: changed, pages, last } = await readAll(emulator, deltaLink, TRACK);
    expect(pages).toBe(3);
    expect(new Set(changed.map((row) => row.accountid)).size).toBe(90);
    expect(last['@odata.deltaLink']).toBeDefined();
  });

  it('catches changes made while the initial download was paging', async () => {
    const first = await getJson(emulator, 'accounts?$select=name', TRACK);
    const firstRow = (first.value as Json[])[0];
    await sendJson(emulator, 'PATCH', `accounts(${firstRow.accountid as string})`, { name: 'Edited mid-download' });
    let page = first;
    while (page['@odata.nextLink']) page = await getJson(emulator, page['@odata.nextLink'] as string, TRACK);
    const delta = await getJson(emulator, page['@odata.deltaLink'] as string);
    expect(delta.value).toEqual([expect.objectContaining({ accountid: firstRow.accountid, name: 'Edited mid-download' })]);
  });

  it.each([['$filter=statecode eq 0'], ['$orderby=name'], ['$top=5'], ['$expand=primarycontactid']])(
    'rejects %s when tracking changes',
    async (option) => {
      const response = await api(emulator, `accounts?$select=name&${option}`, { headers: TRACK });
      expect(response.status).toBe(400);
    },
  );

  it('answers 400 0x80044352 for expired and unknown tokens', async () => {
    const { deltaLink } = await initialSync();
    await admin(emulator, 'POST', 'faults', { expireDeltaTokens: true });
    const expired = await api(emulator, deltaLink);
    expect(expired.status).toBe(400);
    const body = (await expired.json()) as Json;
    expect(errorCode(body)).toBe('0x80044352');
    expect(errorMessage(body)).toMatch(/expired/i);
    const unknown = await api(emulator, 'accounts?$select=name&$deltatoken=nonsense');
    expect(errorCode((await unknown.json()) as Json)).toBe('0x80044352');
    const fresh = await initialSync();
    expect((await api(emulator, fresh.deltaLink)).status).toBe(200);
  });

  it('expires every token on reset', async () => {
    const { deltaLink } = await initialSync();
    await admin(emulator, 'POST', 'reset');
    expect((await api(emulator, deltaLink)).status).toBe(400);
  });

  describe('a table whose Track changes is off', () => {
    it('refuses a tracked download with 400 0x80072491 naming the table, and still answers plain queries and FetchXML', async () => {
      const off = await admin(emulator, 'POST', 'changetracking', { entitySet: 'accounts', enabled: false });
      expect(await off.json()).toEqual({ untracked: ['accounts'] });
      const tracked = await api(emulator, 'accounts?$select=name', { headers: TRACK });
      expect(tracked.status).toBe(400);
      const body = (await tracked.json()) as Json;
      expect(errorCode(body)).toBe('0x80072491');
      expect(errorMessage(body)).toBe("Entity account isn't enabled for change tracking.");
      const plain = await api(emulator, 'accounts?$select=name', { headers: { Prefer: 'odata.maxpagesize=40' } });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('preference-applied')).toBe('odata.maxpagesize=40');
      expect(await fetchRows(emulator, 'accounts', '<fetch><entity name="account"><attribute name="name"/></entity></fetch>')).toHaveLength(100);
      expect((await readAll(emulator, 'contacts?$select=fullname', TRACK)).last['@odata.deltaLink']).toBeDefined();
      const metadata = await getJson(emulator, "EntityDefinitions(LogicalName='account')?$select=ChangeTrackingEnabled");
      expect(metadata.ChangeTrackingEnabled).toBe(false);
      const contactMetadata = await getJson(emulator, "EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled");
      expect(contactMetadata.ChangeTrackingEnabled).toBe(true);
    });

    it('refuses its delta links too; turned on again, tokens from before are expired and new ones work', async () => {
      const { deltaLink } = await initialSync();
      await admin(emulator, 'POST', 'changetracking', { entitySet: 'accounts', enabled: false });
      expect(errorCode((await (await api(emulator, deltaLink)).json()) as Json)).toBe('0x80072491');
      await sendJson(emulator, 'POST', 'accounts', { name: 'While untracked' });
      await admin(emulator, 'POST', 'changetracking', { entitySet: 'accounts', enabled: true });
      const old = await api(emulator, deltaLink);
      expect(old.status).toBe(400);
      expect(errorCode((await old.json()) as Json)).toBe('0x80044352');
      const fresh = await initialSync();
      expect(fresh.rows).toHaveLength(101);
      expect((await getJson(emulator, fresh.deltaLink)).value).toEqual([]);
    });

    it('is on again after a reset, and the admin call checks its input', async () => {
      await admin(emulator, 'POST', 'changetracking', { entitySet: 'accounts', enabled: false });
      await admin(emulator, 'POST', 'reset');
      expect((await api(emulator, 'accounts?$select=name', { headers: TRACK })).status).toBe(200);
      expect((await admin(emulator, 'POST', 'changetracking', { entitySet: 'accounts' })).status).toBe(400);
      expect((await admin(emulator, 'POST', 'changetracking', { entitySet: 'nosuchset', enabled: false })).status).toBe(404);
    });
  });
});
