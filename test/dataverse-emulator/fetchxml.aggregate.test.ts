import { startEmulator, type RunningEmulator } from './index';
import { fetchRows, readAll, type Json } from './testing';

let emulator: RunningEmulator;
let accounts: Json[];
let contacts: Json[];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 1000 });
  accounts = (await readAll(emulator, 'accounts')).rows;
  contacts = (await readAll(emulator, 'contacts')).rows;
});
afterAll(() => emulator.close());

const aggregate = (body: string): Promise<Json[]> => fetchRows(emulator, 'accounts', `<fetch aggregate="true"><entity name="account">${body}</entity></fetch>`);

describe('FetchXML aggregates', () => {
  it('counts rows and columns, sums, averages and finds the extremes, keyed by alias', async () => {
    const [row] = await aggregate(`<attribute name="accountid" aggregate="count" alias="rows"/>
      <attribute name="address1_city" aggregate="countcolumn" alias="cities"/>
      <attribute name="address1_city" aggregate="countcolumn" distinct="true" alias="distinctcities"/>
      <attribute name="revenue" aggregate="sum" alias="total"/><attribute name="revenue" aggregate="avg" alias="mean"/>
      <attribute name="revenue" aggregate="min" alias="least"/><attribute name="revenue" aggregate="max" alias="most"/>`);
    const revenues = accounts.map((account) => Number(account.revenue));
    const total = revenues.reduce((sum, revenue) => sum + revenue, 0);
    expect(row).toEqual({
      rows: accounts.length, cities: accounts.length, distinctcities: new Set(accounts.map((account) => account.address1_city)).size,
      total, mean: total / accounts.length, least: Math.min(...revenues), most: Math.max(...revenues),
    });
  });

  it('groups by a column, ordered by an aggregate alias', async () => {
    const rows = await aggregate('<attribute name="address1_city" groupby="true" alias="city"/><attribute name="accountid" aggregate="count" alias="n"/><order alias="n" descending="true"/>');
    const counts = new Map<string, number>();
    for (const account of accounts) counts.set(String(account.address1_city), (counts.get(String(account.address1_city)) ?? 0) + 1);
    expect(rows).toHaveLength(counts.size);
    for (const row of rows) expect(row.n).toBe(counts.get(String(row.city)));
    expect(rows.map((row) => row.n)).toEqual(rows.map((row) => Number(row.n)).sort((a, b) => b - a));
  });

  it('groups by date parts in UTC', async () => {
    const rows = await aggregate(`<attribute name="createdon" groupby="true" dategrouping="year" alias="y"/>
      <attribute name="createdon" groupby="true" dategrouping="quarter" alias="q"/><attribute name="accountid" aggregate="count" alias="n"/>`);
    const expected = new Map<string, number>();
    for (const account of accounts) {
      const date = new Date(String(account.createdon));
      const key = `${date.getUTCFullYear()}-${Math.floor(date.getUTCMonth() / 3) + 1}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(rows.map((row) => [`${String(row.y)}-${String(row.q)}`, row.n]))).toEqual(expected);
  });

  it.each([
    ['day', (date: Date) => date.getUTCDate()],
    ['month', (date: Date) => date.getUTCMonth() + 1],
    ['week', (date: Date) => {
      const january1 = Date.UTC(date.getUTCFullYear(), 0, 1);
      return Math.floor(((date.getTime() - january1) / 86_400_000 + new Date(january1).getUTCDay()) / 7) + 1;
    }],
  ] as const)('groups by %s of the date', async (grouping, part) => {
    const rows = await aggregate(`<attribute name="createdon" groupby="true" dategrouping="${grouping}" alias="g"/><attribute name="accountid" aggregate="count" alias="n"/>`);
    const expected = new Map<number, number>();
    for (const account of accounts) {
      const key = part(new Date(String(account.createdon)));
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(rows.map((row) => [row.g, row.n]))).toEqual(expected);
  });

  it('groups across a link-entity', async () => {
    const xml = `<fetch aggregate="true"><entity name="contact"><attribute name="contactid" aggregate="count" alias="n"/>
      <link-entity name="account" from="accountid" to="parentcustomerid" alias="a"><attribute name="address1_city" groupby="true" alias="city"/></link-entity></entity></fetch>`;
    const rows = await fetchRows(emulator, 'contacts', xml);
    const cityOf = new Map(accounts.map((account) => [account.accountid, String(account.address1_city)]));
    const expected = new Map<string, number>();
    for (const contact of contacts) {
      const city = cityOf.get(contact._parentcustomerid_value);
      if (city !== undefined) expected.set(city, (expected.get(city) ?? 0) + 1);
    }
    expect(new Map(rows.map((row) => [row.city, row.n]))).toEqual(expected);
  });

  it('answers a count of 0 and no other values over no rows', async () => {
    const rows = await aggregate('<attribute name="accountid" aggregate="count" alias="n"/><attribute name="revenue" aggregate="sum" alias="s"/><filter><condition attribute="name" operator="eq" value="nobody"/></filter>');
    expect(rows).toEqual([{ n: 0 }]);
  });
});
