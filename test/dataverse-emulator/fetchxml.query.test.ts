import { startEmulator, type RunningEmulator } from './index';
import { api, fetchRows, readAll, sendJson, type Json } from './testing';

let emulator: RunningEmulator;
let accounts: Json[];
let contacts: Json[];

const ids = (rows: readonly Json[], key: string): unknown[] => rows.map((row) => row[key]);
const sortedIds = (rows: readonly Json[], key: string): string[] => rows.map((row) => String(row[key])).sort();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 1000 });
  accounts = (await readAll(emulator, 'accounts')).rows;
  contacts = (await readAll(emulator, 'contacts')).rows;
});
afterAll(() => emulator.close());

describe('FetchXML columns', () => {
  it('returns the selected columns, the etag and primary key, lookups as _x_value, in primary key order', async () => {
    const rows = await fetchRows(emulator, 'contacts', '<fetch><entity name="contact"><attribute name="fullname"/><attribute name="parentcustomerid"/></entity></fetch>');
    expect(rows).toHaveLength(300);
    expect(ids(rows, 'contactid')).toEqual(sortedIds(contacts, 'contactid'));
    const withParent = rows.find((row) => row._parentcustomerid_value !== undefined)!;
    expect(Object.keys(withParent).sort()).toEqual(['@odata.etag', '_parentcustomerid_value', 'contactid', 'fullname']);
  });

  it('leaves null columns out', async () => {
    const created = await sendJson(emulator, 'POST', 'contacts', { fullname: 'No Parent', jobtitle: null });
    const id = String(created.headers.get('odata-entityid')).slice(-37, -1);
    const xml = `<fetch><entity name="contact"><attribute name="fullname"/><attribute name="jobtitle"/><attribute name="parentcustomerid"/>
      <filter><condition attribute="contactid" operator="eq" value="{${id.toUpperCase()}}"/></filter></entity></fetch>`;
    const rows = await fetchRows(emulator, 'contacts', xml);
    expect(Object.keys(rows[0]).sort()).toEqual(['@odata.etag', 'contactid', 'fullname']);
    await sendJson(emulator, 'DELETE', `contacts(${id})`, {});
  });

  it('returns every column with <all-attributes/> or with no attribute element', async () => {
    for (const body of ['<all-attributes/>', '']) {
      const [row] = await fetchRows(emulator, 'accounts', `<fetch top="1"><entity name="account">${body}</entity></fetch>`);
      expect(row).toMatchObject({ name: expect.any(String), revenue: expect.any(Number), _ownerid_value: expect.any(String) });
    }
  });

  it('keys an aliased attribute by its alias', async () => {
    const [row] = await fetchRows(emulator, 'accounts', '<fetch top="1"><entity name="account"><attribute name="name" alias="title"/></entity></fetch>');
    expect(row).toHaveProperty('title');
    expect(row).not.toHaveProperty('name');
  });

  it('drops duplicate rows with distinct, leaving out the primary key', async () => {
    const rows = await fetchRows(emulator, 'accounts', '<fetch distinct="true"><entity name="account"><attribute name="address1_city"/><order attribute="address1_city"/></entity></fetch>');
    const cities = [...new Set(accounts.map((row) => String(row.address1_city)))].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(rows).toEqual(cities.map((city) => ({ address1_city: city })));
  });

  it('stops at top', async () => {
    expect(await fetchRows(emulator, 'accounts', '<fetch top="7" no-lock="true"><entity name="account"><attribute name="name"/></entity></fetch>')).toHaveLength(7);
  });
});

describe('FetchXML as XML', () => {
  it('reads entities, character references, CDATA, comments and a declaration', async () => {
    const name = `Tailspin & Co AB<>"'`;
    const created = await sendJson(emulator, 'POST', 'accounts', { name });
    const xml = `<?xml version="1.0"?><!-- query --><fetch><entity name='account'><attribute name="name"/><!-- the filter -->
      <filter type="or"><condition attribute="name" operator="eq" value="Tailspin &amp; Co &#x41;&#66;&lt;&gt;&quot;&apos;"/>
      <condition attribute="name" operator="in"><value><![CDATA[Tailspin & Co AB<>"']]></value></condition></filter></entity></fetch>`;
    expect((await fetchRows(emulator, 'accounts', xml)).map((row) => row.name)).toEqual([name]);
    await api(emulator, String(created.headers.get('odata-entityid')), { method: 'DELETE' });
  });
});

describe('FetchXML order', () => {
  it('orders by several columns, ascending and descending, ties by primary key', async () => {
    const xml = '<fetch><entity name="account"><attribute name="address1_city"/><attribute name="revenue"/><order attribute="address1_city"/><order attribute="revenue" descending="true"/></entity></fetch>';
    const rows = await fetchRows(emulator, 'accounts', xml);
    const expected = [...accounts].sort((a, b) =>
      String(a.address1_city).localeCompare(String(b.address1_city)) || Number(b.revenue) - Number(a.revenue) || String(a.accountid).localeCompare(String(b.accountid)));
    expect(ids(rows, 'accountid')).toEqual(ids(expected, 'accountid'));
  });

  it('orders by an attribute alias', async () => {
    const rows = await fetchRows(emulator, 'accounts', '<fetch><entity name="account"><attribute name="revenue" alias="r"/><order alias="r" descending="true"/></entity></fetch>');
    const revenues = rows.map((row) => Number(row.r));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });
});

describe('FetchXML filters', () => {
  it('combines nested and/or filters', async () => {
    const xml = `<fetch><entity name="account"><attribute name="name"/><filter type="or">
      <filter><condition attribute="address1_city" operator="eq" value="seattle"/><condition attribute="revenue" operator="gt" value="2000000"/></filter>
      <condition attribute="industrycode" operator="eq" value="7"/></filter></entity></fetch>`;
    const expected = accounts.filter((row) => (row.address1_city === 'Seattle' && Number(row.revenue) > 2000000) || row.industrycode === 7);
    expect(ids(await fetchRows(emulator, 'accounts', xml), 'accountid')).toEqual(sortedIds(expected, 'accountid'));
  });

  it('compares two columns of a row with valueof', async () => {
    const xml = '<fetch><entity name="account"><filter><condition attribute="modifiedon" operator="gt" valueof="createdon"/></filter></entity></fetch>';
    const expected = accounts.filter((row) => Date.parse(String(row.modifiedon)) > Date.parse(String(row.createdon)));
    expect(ids(await fetchRows(emulator, 'accounts', xml), 'accountid')).toEqual(sortedIds(expected, 'accountid'));
  });
});

describe('FetchXML link-entity', () => {
  const accountOf = (contact: Json): Json | undefined => accounts.find((account) => account.accountid === contact._parentcustomerid_value);

  it('inner-joins, keying the linked columns alias.column and lookups by logical name', async () => {
    const xml = `<fetch><entity name="contact"><attribute name="fullname"/>
      <link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="name"/><attribute name="ownerid"/>
      <filter><condition attribute="address1_city" operator="eq" value="Oslo"/></filter></link-entity></entity></fetch>`;
    const rows = await fetchRows(emulator, 'contacts', xml);
    const expected = contacts.filter((contact) => accountOf(contact)?.address1_city === 'Oslo');
    expect(ids(rows, 'contactid')).toEqual(sortedIds(expected, 'contactid'));
    const first = rows[0];
    const account = accountOf(contacts.find((contact) => contact.contactid === first.contactid)!)!;
    expect(first).toMatchObject({ 'acc.name': account.name, 'acc.ownerid': account._ownerid_value });
  });

  it('names an unaliased link-entity {logicalname}{N}, N counting link-entities from 1', async () => {
    const xml = `<fetch top="3"><entity name="bookableresourcebooking"><attribute name="name"/>
      <link-entity name="msdyn_workorder" from="msdyn_workorderid" to="msdyn_workorder"><attribute name="msdyn_name"/>
        <link-entity name="account" from="accountid" to="msdyn_serviceaccount"><attribute name="name"/></link-entity>
      </link-entity></entity></fetch>`;
    const [row] = await fetchRows(emulator, 'bookableresourcebookings', xml);
    expect(row).toHaveProperty(['msdyn_workorder1.msdyn_name']);
    expect(row).toHaveProperty(['account2.name']);
  });

  it('repeats a row for each match of a one-to-many inner join', async () => {
    const xml = '<fetch><entity name="account"><attribute name="name"/><link-entity name="contact" from="parentcustomerid" to="accountid" alias="c"><attribute name="fullname"/></link-entity></entity></fetch>';
    const rows = await fetchRows(emulator, 'accounts', xml);
    expect(rows).toHaveLength(contacts.filter((contact) => contact._parentcustomerid_value !== null).length);
  });

  it('keeps unmatched rows of an outer join, and finds them with a null condition through entityname', async () => {
    const xml = `<fetch><entity name="account"><attribute name="name"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="outer"/>
      <filter><condition entityname="c" attribute="contactid" operator="null"/></filter></entity></fetch>`;
    const parents = new Set(contacts.map((contact) => contact._parentcustomerid_value));
    const expected = accounts.filter((account) => !parents.has(account.accountid));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await fetchRows(emulator, 'accounts', xml), 'accountid')).toEqual(sortedIds(expected, 'accountid'));
  });

  it('keeps each row once with exists and in, without the linked columns', async () => {
    const parents = new Set(contacts.map((contact) => contact._parentcustomerid_value));
    const expected = sortedIds(accounts.filter((account) => parents.has(account.accountid)), 'accountid');
    for (const type of ['exists', 'in']) {
      const xml = `<fetch><entity name="account"><attribute name="name"/><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="${type}" alias="c"><attribute name="fullname"/></link-entity></entity></fetch>`;
      const rows = await fetchRows(emulator, 'accounts', xml);
      expect(ids(rows, 'accountid')).toEqual(expected);
      expect(rows[0]).not.toHaveProperty('c.fullname');
    }
  });

  it('filters with any and not any link-entities inside a filter', async () => {
    const managers = new Set(contacts.filter((contact) => contact.jobtitle === 'Plant Engineer').map((contact) => contact._parentcustomerid_value));
    const link = (type: string): string => `<fetch><entity name="account"><filter><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="${type}">
      <filter><condition attribute="jobtitle" operator="eq" value="plant engineer"/></filter></link-entity></filter></entity></fetch>`;
    expect(ids(await fetchRows(emulator, 'accounts', link('any')), 'accountid')).toEqual(sortedIds(accounts.filter((a) => managers.has(a.accountid)), 'accountid'));
    expect(ids(await fetchRows(emulator, 'accounts', link('not any')), 'accountid')).toEqual(sortedIds(accounts.filter((a) => !managers.has(a.accountid)), 'accountid'));
  });

  it('orders by a link-entity column after the entity own orders', async () => {
    const xml = '<fetch><entity name="contact"><attribute name="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="a"><attribute name="name"/><order attribute="name" descending="true"/></link-entity></entity></fetch>';
    const names = (await fetchRows(emulator, 'contacts', xml)).map((row) => String(row['a.name']).toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });
});
