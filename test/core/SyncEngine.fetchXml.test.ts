import { QueryError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile, ProfileTable } from '../../SyncEngine/contracts/profile';
import { ETAG, type Row } from '../../SyncEngine/contracts/rows';
import { WHOLE_TABLES_PROFILE } from '../support/wholeTablesProfile';
import { makeEngine, OTHER_USER, USER, type Harness } from '../support/engineFixture';
import { MemoryRemote } from '../support/MemoryRemote';
import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';

const table = (name: string): ProfileTable => {
  const found = WHOLE_TABLES_PROFILE.tables.find((candidate) => candidate.logicalName === name);
  if (!found) throw new Error(name);
  return found;
};
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const ACC = (n: number) => id('aaaaaaaa', n);
const CON = (n: number) => id('cccccccc', n);
const WO = (n: number) => id('dddddddd', n);
const BK = (n: number) => id('bbbbbbbb', n);
const ASSET = (n: number) => id('eeeeeeee', n);

/** Three accounts (the third has no contacts), three contacts, two work orders with bookings, one asset. */
function fieldServiceRemote(): MemoryRemote {
  const remote = new MemoryRemote();
  remote.seed(table('account'), [
    { accountid: ACC(1), name: 'Contoso', address1_city: 'Seattle', statecode: 0, _ownerid_value: USER },
    { accountid: ACC(2), name: 'Fabrikam', address1_city: 'Berlin', statecode: 0, _ownerid_value: OTHER_USER },
    { accountid: ACC(3), name: 'Northwind_Traders', address1_city: 'Seattle', statecode: 1, _ownerid_value: USER },
  ]);
  remote.seed(table('contact'), [
    { contactid: CON(1), fullname: 'Ada Lovelace', jobtitle: 'Engineer', _parentcustomerid_value: ACC(1), statecode: 0 },
    { contactid: CON(2), fullname: 'Alan Turing', jobtitle: null, _parentcustomerid_value: ACC(1), statecode: 0 },
    { contactid: CON(3), fullname: 'Grace Hopper', jobtitle: 'Admiral', _parentcustomerid_value: ACC(2), statecode: 1 },
  ]);
  remote.seed(table('msdyn_workorder'), [
    { msdyn_workorderid: WO(1), msdyn_name: 'WO-001', _msdyn_serviceaccount_value: ACC(1), msdyn_priority: 3, msdyn_systemstatus: 690970000 },
    { msdyn_workorderid: WO(2), msdyn_name: 'WO-002', _msdyn_serviceaccount_value: ACC(2), msdyn_priority: 1, msdyn_systemstatus: 690970001 },
  ]);
  remote.seed(table('bookableresourcebooking'), [
    { bookableresourcebookingid: BK(1), name: 'Visit 1', _msdyn_workorder_value: WO(1), duration: 60, starttime: '2026-11-22T08:00:00Z', _ownerid_value: USER },
    { bookableresourcebookingid: BK(2), name: 'Visit 2', _msdyn_workorder_value: WO(1), duration: 30, starttime: '2026-11-23T08:00:00Z', _ownerid_value: USER },
    { bookableresourcebookingid: BK(3), name: 'Visit 3', _msdyn_workorder_value: WO(2), duration: 90, starttime: '2026-11-21T08:00:00Z', _ownerid_value: USER },
  ]);
  remote.seed(table('msdyn_customerasset'), [{ msdyn_customerassetid: ASSET(1), msdyn_name: 'Pump', _msdyn_account_value: ACC(2) }]);
  return remote;
}

const PROFILE: OfflineProfile = WHOLE_TABLES_PROFILE;

async function engine(): Promise<Harness> {
  return makeEngine({ profile: PROFILE, remote: fieldServiceRemote(), options: { pageSize: 50 } });
}

async function fetch(h: Harness, tableName: string, fetchXml: string, encode = true): Promise<Row[]> {
  const options = `?fetchXml=${encode ? encodeURIComponent(fetchXml) : fetchXml}`;
  const { entities } = await h.engine.offline.retrieveMultipleRecords(tableName, options);
  return entities.map((row) => {
    const { [ETAG]: _etag, ...rest } = row;
    return rest;
  });
}

async function rejection(h: Harness, tableName: string, fetchXml: string): Promise<QueryError> {
  try {
    await h.engine.offline.retrieveMultipleRecords(tableName, `?fetchXml=${encodeURIComponent(fetchXml)}`);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('engine.offline.retrieveMultipleRecords with ?fetchXml=', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await engine();
  });

  it('answers from each of the default profile five tables, in primary-key order, etag kept, null columns left out', async () => {
    for (const name of ['account', 'contact', 'msdyn_workorder', 'bookableresourcebooking', 'msdyn_customerasset']) {
      const { entities } = await h.engine.offline.retrieveMultipleRecords(name, `?fetchXml=${encodeURIComponent(`<fetch><entity name="${name}"><all-attributes/></entity></fetch>`)}`);
      expect(entities.length).toBeGreaterThan(0);
      expect(entities.every((row) => typeof row[ETAG] === 'string')).toBe(true);
    }
    const contacts = await fetch(h, 'contact', '<fetch><entity name="contact"><attribute name="fullname"/><attribute name="jobtitle"/></entity></fetch>');
    expect(contacts).toEqual([
      { contactid: CON(1), fullname: 'Ada Lovelace', jobtitle: 'Engineer' },
      { contactid: CON(2), fullname: 'Alan Turing' },
      { contactid: CON(3), fullname: 'Grace Hopper', jobtitle: 'Admiral' },
    ]);
  });

  it('matches text with OData eq whatever its case, as FetchXML eq does, and dates whatever their spelling', async () => {
    const odata = async (filter: string) => (await h.engine.offline.retrieveMultipleRecords('contact', `?$select=fullname&$filter=${filter}`)).entities.map((row) => row.fullname);
    expect(await odata("jobtitle eq 'ENGINEER'")).toEqual(['Ada Lovelace']);
    const fetched = await fetch(h, 'contact', '<fetch><entity name="contact"><attribute name="fullname"/><filter><condition attribute="jobtitle" operator="eq" value="ENGINEER"/></filter></entity></fetch>');
    expect(fetched.map((row) => row.fullname)).toEqual(['Ada Lovelace']);
    const bookings = await h.engine.offline.retrieveMultipleRecords('bookableresourcebooking', '?$select=name&$filter=starttime eq 2026-11-21T08:00:00.000Z');
    expect(bookings.entities.map((row) => row.name)).toEqual(['Visit 3']);
  });

  it('takes the FetchXML URL-encoded or as written', async () => {
    const query = '<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="name" operator="like" value="%o%"/></filter></entity></fetch>';
    expect(await fetch(h, 'account', query, false)).toEqual(await fetch(h, 'account', query, true));
    expect((await fetch(h, 'account', query, false)).map((row) => row.name)).toEqual(['Contoso', 'Northwind_Traders']);
  });

  it('names a lookup by its logical name in the query and returns it as _x_value', async () => {
    const rows = await fetch(h, 'contact', `<fetch><entity name="contact"><attribute name="parentcustomerid"/>
      <filter><condition attribute="parentcustomerid" operator="eq" value="${ACC(1).toUpperCase()}"/></filter></entity></fetch>`);
    expect(rows).toEqual([
      { contactid: CON(1), _parentcustomerid_value: ACC(1) },
      { contactid: CON(2), _parentcustomerid_value: ACC(1) },
    ]);
  });

  it('joins across device tables with an inner link-entity, keying joined columns alias.column', async () => {
    const rows = await fetch(h, 'contact', `<fetch><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/>
      <link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="name"/><attribute name="ownerid"/>
        <filter><condition attribute="statecode" operator="eq" value="0"/></filter></link-entity></entity></fetch>`);
    expect(rows).toEqual([
      { contactid: CON(1), fullname: 'Ada Lovelace', 'acc.name': 'Contoso', 'acc.ownerid': USER },
      { contactid: CON(2), fullname: 'Alan Turing', 'acc.name': 'Contoso', 'acc.ownerid': USER },
      { contactid: CON(3), fullname: 'Grace Hopper', 'acc.name': 'Fabrikam', 'acc.ownerid': OTHER_USER },
    ]);
  });

  it('keeps unmatched rows with an outer link-entity and finds them with a null condition through entityname', async () => {
    const rows = await fetch(h, 'account', `<fetch><entity name="account"><attribute name="name"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="outer"><attribute name="fullname"/></link-entity>
      <filter><condition entityname="c" attribute="contactid" operator="null"/></filter></entity></fetch>`);
    expect(rows).toEqual([{ accountid: ACC(3), name: 'Northwind_Traders' }]);
    const all = await fetch(h, 'account', `<fetch><entity name="account"><attribute name="name"/><order attribute="name"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="outer"><attribute name="fullname"/><order attribute="fullname" descending="true"/></link-entity></entity></fetch>`);
    expect(all.map((row) => [row.name, row['c.fullname']])).toEqual([
      ['Contoso', 'Alan Turing'],
      ['Contoso', 'Ada Lovelace'],
      ['Fabrikam', 'Grace Hopper'],
      ['Northwind_Traders', undefined],
    ]);
  });

  it('joins through nested link-entities and filters on each side', async () => {
    const rows = await fetch(h, 'bookableresourcebooking', `<fetch><entity name="bookableresourcebooking"><attribute name="name"/>
      <filter><condition attribute="duration" operator="ge" value="30"/></filter><order attribute="name"/>
      <link-entity name="msdyn_workorder" from="msdyn_workorderid" to="msdyn_workorder" alias="wo"><attribute name="msdyn_name"/>
        <link-entity name="account" from="accountid" to="msdyn_serviceaccount" alias="acc"><attribute name="name"/>
          <filter><condition attribute="address1_city" operator="eq" value="seattle"/></filter></link-entity>
      </link-entity></entity></fetch>`);
    expect(rows).toEqual([
      { bookableresourcebookingid: BK(1), name: 'Visit 1', 'wo.msdyn_name': 'WO-001', 'acc.name': 'Contoso' },
      { bookableresourcebookingid: BK(2), name: 'Visit 2', 'wo.msdyn_name': 'WO-001', 'acc.name': 'Contoso' },
    ]);
  });

  it('filters with any, not any, exists and in link-entities without adding rows or columns', async () => {
    const names = async (link: string) =>
      (await fetch(h, 'account', `<fetch><entity name="account"><attribute name="name"/>${link}</entity></fetch>`)).map((row) => row.name);
    const contactLink = (type: string) => `<link-entity name="contact" from="parentcustomerid" to="accountid" link-type="${type}"><filter><condition attribute="statecode" operator="eq" value="0"/></filter></link-entity>`;
    expect(await names(`<filter>${contactLink('any')}</filter>`)).toEqual(['Contoso']);
    expect(await names(`<filter>${contactLink('not any')}</filter>`)).toEqual(['Fabrikam', 'Northwind_Traders']);
    expect(await names(contactLink('exists'))).toEqual(['Contoso']);
    expect(await names(contactLink('in'))).toEqual(['Contoso']);
    expect(await names(`<filter type="or">${contactLink('any')}<condition attribute="name" operator="begins-with" value="north"/></filter>`)).toEqual(['Contoso', 'Northwind_Traders']);
  });

  it('pages with page and count, and caps with top', async () => {
    const query = (attributes: string) => `<fetch ${attributes}><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/></entity></fetch>`;
    expect((await fetch(h, 'contact', query('count="2" page="1"'))).map((row) => row.fullname)).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect((await fetch(h, 'contact', query('count="2" page="2"'))).map((row) => row.fullname)).toEqual(['Grace Hopper']);
    expect(await fetch(h, 'contact', query('count="2" page="3"'))).toEqual([]);
    expect((await fetch(h, 'contact', query('top="1"'))).map((row) => row.fullname)).toEqual(['Ada Lovelace']);
    // The paging cookie is the server's business: offline, page alone decides.
    expect((await fetch(h, 'contact', query('count="2" page="2" paging-cookie="&lt;cookie page=&quot;1&quot;/&gt;"'))).map((row) => row.fullname)).toEqual(['Grace Hopper']);
  });

  it('computes aggregates on the device, keyed by alias, grouped and ordered by alias', async () => {
    const totals = await fetch(h, 'bookableresourcebooking', `<fetch aggregate="true"><entity name="bookableresourcebooking">
      <attribute name="bookableresourcebookingid" aggregate="count" alias="bookings"/>
      <attribute name="duration" aggregate="sum" alias="total"/><attribute name="duration" aggregate="avg" alias="mean"/>
      <attribute name="duration" aggregate="min" alias="shortest"/><attribute name="duration" aggregate="max" alias="longest"/>
      <attribute name="msdyn_workorder" aggregate="countcolumn" distinct="true" alias="orders"/></entity></fetch>`);
    expect(totals).toEqual([{ bookings: 3, total: 180, mean: 60, shortest: 30, longest: 90, orders: 2 }]);
    const perOrder = await fetch(h, 'bookableresourcebooking', `<fetch aggregate="true"><entity name="bookableresourcebooking">
      <attribute name="duration" aggregate="sum" alias="minutes"/>
      <link-entity name="msdyn_workorder" from="msdyn_workorderid" to="msdyn_workorder" alias="wo"><attribute name="msdyn_name" groupby="true" alias="order"/></link-entity>
      <order alias="minutes" descending="true"/></entity></fetch>`);
    expect(perOrder).toEqual([{ minutes: 90, order: 'WO-001' }, { minutes: 90, order: 'WO-002' }]);
    const jobs = await fetch(h, 'contact', `<fetch aggregate="true"><entity name="contact">
      <attribute name="jobtitle" aggregate="countcolumn" alias="withTitle"/><attribute name="contactid" aggregate="count" alias="all"/>
      <attribute name="statecode" groupby="true" alias="state"/><order alias="state" descending="true"/></entity></fetch>`);
    expect(jobs).toEqual([{ withTitle: 1, all: 1, state: 1 }, { withTitle: 1, all: 2, state: 0 }]);
    const none = await fetch(h, 'contact', `<fetch aggregate="true"><entity name="contact"><attribute name="contactid" aggregate="count" alias="n"/>
      <attribute name="statecode" aggregate="max" alias="top"/><filter><condition attribute="fullname" operator="eq" value="nobody"/></filter></entity></fetch>`);
    expect(none).toEqual([{ n: 0 }]);
  });

  it('matches the signed-in user and relative dates on the host clock', async () => {
    const mine = await fetch(h, 'account', '<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="ownerid" operator="eq-userid"/></filter></entity></fetch>');
    expect(mine.map((row) => row.name)).toEqual(['Contoso', 'Northwind_Traders']);
    h.host.time = Date.UTC(2026, 10, 22, 9, 0);
    const today = await fetch(h, 'bookableresourcebooking', '<fetch><entity name="bookableresourcebooking"><attribute name="name"/><filter><condition attribute="starttime" operator="today"/></filter></entity></fetch>');
    expect(today.map((row) => row.name)).toEqual(['Visit 1']);
    const week = await fetch(h, 'bookableresourcebooking', '<fetch><entity name="bookableresourcebooking"><attribute name="name"/><filter><condition attribute="starttime" operator="this-week"/></filter></entity></fetch>');
    expect(week.map((row) => row.name)).toEqual(['Visit 1', 'Visit 2']);
  });

  it("matches the user's teams, also after a start offline, from the teams the service named last time", async () => {
    const query = '<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="ownerid" operator="eq-userteams"/></filter></entity></fetch>';
    const store = new MemoryStore();
    const online = await makeEngine({ profile: PROFILE, remote: fieldServiceRemote(), store, identity: { businessUnitId: 'bu-1', teamIds: [OTHER_USER] } });
    expect((await fetch(online, 'account', query)).map((row) => row.name)).toEqual(['Fabrikam']);
    online.engine.dispose();
    const offline = await makeEngine({ profile: PROFILE, remote: fieldServiceRemote(), store });
    expect((await fetch(offline, 'account', query)).map((row) => row.name)).toEqual(['Fabrikam']);
    offline.engine.dispose();
    const never = await makeEngine({ profile: PROFILE, remote: fieldServiceRemote() });
    expect((await rejection(never, 'account', query)).message).toContain("needs the user's teams");
  });

  it("keeps the rows of a FetchXML profile filter by the host's clock when the device filters the download", async () => {
    const today: OfflineProfile = {
      ...PROFILE,
      tables: PROFILE.tables.map((t) =>
        t.logicalName === 'bookableresourcebooking' ? { ...t, filter: { kind: 'custom', fetchXml: '<filter><condition attribute="starttime" operator="today"/></filter>' } } : t,
      ),
    };
    const synced = await makeEngine({ profile: today, remote: fieldServiceRemote() });
    const { entities } = await synced.engine.offline.retrieveMultipleRecords('bookableresourcebooking', '?$select=name');
    expect(synced.host.time).toBe(Date.UTC(2026, 10, 22, 9, 0));
    expect(entities.map((row) => row.name)).toEqual(['Visit 1']);
  });

  it('returns distinct rows for distinct="true"', async () => {
    const cities = await fetch(h, 'account', '<fetch distinct="true"><entity name="account"><attribute name="address1_city"/><order attribute="address1_city"/></entity></fetch>');
    expect(cities).toEqual([{ address1_city: 'Berlin' }, { address1_city: 'Seattle' }]);
  });

  describe('bad input', () => {
    it.each([
      ['malformed XML', '<fetch><entity name="account">', 'Malformed FetchXML'],
      ['an unknown element', '<fetch><entity name="account"><sort attribute="name"/></entity></fetch>', '<sort>'],
      ['an unknown attribute', '<fetch><entity name="account" where="x"/></fetch>', "'where'"],
      ['an unknown operator', '<fetch><entity name="account"><filter><condition attribute="name" operator="contains" value="x"/></filter></entity></fetch>', "'contains'"],
      ['an entity that is not the table', '<fetch><entity name="contact"/></fetch>', '"contact"'],
      ['a link to a table not on the device', '<fetch><entity name="account"><link-entity name="systemuser" from="systemuserid" to="ownerid" alias="u"/></entity></fetch>', '"systemuser"'],
      ['a semi-join to a table not on the device', '<fetch><entity name="account"><filter><link-entity name="incident" from="customerid" to="accountid" link-type="any"/></filter></entity></fetch>', '"incident"'],
      ['a column not on the device', '<fetch><entity name="account"><attribute name="creditlimit"/></entity></fetch>', '"creditlimit"'],
      ['an unknown entityname', '<fetch><entity name="account"><filter><condition entityname="x" attribute="name" operator="null"/></filter></entity></fetch>', '"x"'],
      ['an aggregate without an alias', '<fetch aggregate="true"><entity name="account"><attribute name="accountid" aggregate="count"/></entity></fetch>', 'alias'],
      ['more than 15 link-entities', `<fetch><entity name="account">${'<link-entity name="contact" from="parentcustomerid" to="accountid"/>'.repeat(16)}</entity></fetch>`, 'more than 15'],
    ])('rejects %s with a QueryError naming it, and writes nothing', async (_, fetchXml, named) => {
      const before = await h.store.listOutbox();
      const error = await rejection(h, 'account', fetchXml);
      expect(error.code).toBe('invalid-query');
      expect(error.message).toContain(named);
      expect(await h.store.listOutbox()).toEqual(before);
    });

    it('rejects text that is not URL-encoded correctly', async () => {
      await expect(h.engine.offline.retrieveMultipleRecords('account', '?fetchXml=%E0%A4%A')).rejects.toMatchObject({ code: 'invalid-query' });
    });
  });
});
