import { nextCursor, totalCount, withPaging } from '../../SyncEngine/adapters/webapi/fetchXmlPaging';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { MalformedResponseError } from '../../SyncEngine/contracts/errors';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import { startEmulator } from '../dataverse-emulator';
import { readAll } from '../dataverse-emulator/testing';

const accounts: ProfileTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  columns: ['accountid', 'name', 'statecode'],
  syncIntervalMinutes: 15,
  filter: { kind: 'all' },
};

describe('withPaging and nextCursor', () => {
  it('sets count and page on the fetch element, replacing what the query had, and escapes the cookie', () => {
    const query = '<fetch top="3" page="9"><entity name="account"/></fetch>';
    expect(withPaging(query, { page: 1 }, 50)).toBe('<fetch count="50" page="1"><entity name="account"/></fetch>');
    expect(withPaging(query, { page: 2, pagingCookie: '<cookie page="1"><accountid last="{A}" first="{B}" /></cookie>' }, 50)).toBe(
      '<fetch count="50" page="2" paging-cookie="&lt;cookie page=&quot;1&quot;&gt;&lt;accountid last=&quot;{A}&quot; first=&quot;{B}&quot; /&gt;&lt;/cookie&gt;"><entity name="account"/></fetch>',
    );
    expect(withPaging("<fetch distinct='true'><entity name='account'/></fetch>", { page: 3 }, 10)).toBe("<fetch distinct='true' count=\"10\" page=\"3\"><entity name='account'/></fetch>");
  });

  it('asks for the total count when told, replacing any the query had, and reads it only when the server counted every row', () => {
    expect(withPaging('<fetch returntotalrecordcount="false"><entity name="account"/></fetch>', { page: 1 }, 50, true)).toBe(
      '<fetch count="50" page="1" returntotalrecordcount="true"><entity name="account"/></fetch>',
    );
    expect(withPaging('<fetch returntotalrecordcount="true"><entity name="account"/></fetch>', { page: 2 }, 50)).toBe('<fetch count="50" page="2"><entity name="account"/></fetch>');
    expect(totalCount({ '@Microsoft.Dynamics.CRM.totalrecordcount': 1234, '@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded': false })).toBe(1234);
    expect(totalCount({ '@odata.count': 12 })).toBe(12);
    expect(totalCount({ '@Microsoft.Dynamics.CRM.totalrecordcount': -1, '@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded': true })).toBeUndefined();
    expect(totalCount({ '@odata.count': -1 })).toBeUndefined();
    expect(totalCount({})).toBeUndefined();
  });

  it('reads the next page and the twice-encoded inner cookie; the last page has none', () => {
    const inner = '<cookie page="1"><accountid last="{A}" /></cookie>';
    const annotation = `<cookie pagenumber="2" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`;
    expect(nextCursor({ '@Microsoft.Dynamics.CRM.morerecords': true, '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie': annotation }, 1)).toEqual({ page: 2, pagingCookie: inner });
    expect(nextCursor({ '@Microsoft.Dynamics.CRM.morerecords': true }, 4)).toEqual({ page: 5 });
    expect(nextCursor({}, 4)).toBeUndefined();
    expect(() => nextCursor({ '@Microsoft.Dynamics.CRM.morerecords': true, '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie': 7 }, 1)).toThrow(MalformedResponseError);
  });
});

describe('WebApiRemote.fetchXmlPage against the emulator', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rows: 1000 });
  });
  afterAll(() => emulator.close());

  it('counts the rows a query matches with its first page, and every table in one RetrieveTotalRecordCount', async () => {
    const remote = new WebApiRemote({ baseUrl: emulator.baseUrl });
    const fetchXml = '<fetch><entity name="account"><attribute name="accountid"/><filter><condition attribute="statecode" operator="eq" value="0"/></filter></entity></fetch>';
    const active = (await readAll(emulator, 'accounts')).rows.filter((row) => row.statecode === 0).length;
    const first = await remote.fetchXmlPage({ table: accounts, fetchXml, pageSize: 40, countTotal: true });
    expect(first.totalCount).toBe(active);
    expect((await remote.fetchXmlPage({ table: accounts, fetchXml, pageSize: 40 })).totalCount).toBeUndefined();
    const contacts: ProfileTable = { ...accounts, logicalName: 'contact', entitySet: 'contacts', primaryId: 'contactid', columns: ['contactid'] };
    const counts = await remote.countRows([accounts, contacts]);
    expect(counts.get('account')).toBe((await readAll(emulator, 'accounts')).rows.length);
    expect(counts.get('contact')).toBe((await readAll(emulator, 'contacts')).rows.length);
    await expect(remote.countRows([{ ...accounts, logicalName: 'nosuchtable' }])).rejects.toMatchObject({ status: 400 });
  });

  it('pages through a filtered query with the paging cookie: every matching row once, in order', async () => {
    const remote = new WebApiRemote({ baseUrl: emulator.baseUrl });
    const fetchXml = '<fetch><entity name="account"><attribute name="accountid"/><attribute name="name"/><filter><condition attribute="statecode" operator="eq" value="0"/></filter><order attribute="accountid"/></entity></fetch>';
    const seen: Row[] = [];
    let cursor: { page: number; pagingCookie?: string } | undefined;
    let pages = 0;
    do {
      const page = await remote.fetchXmlPage({ table: accounts, fetchXml, cursor, pageSize: 40 });
      seen.push(...page.rows);
      expect(page.bytes).toBeGreaterThan(0);
      if (page.next && pages > 0) expect(page.next.pagingCookie).toContain('accountid');
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 100);
    const expected = (await readAll(emulator, 'accounts')).rows.filter((row) => row.statecode === 0).map((row) => String(row.accountid)).sort();
    expect(expected.length).toBeGreaterThan(120);
    expect(seen.map((row) => String(row.accountid))).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 40));
    expect(seen.every((row) => typeof row['@odata.etag'] === 'string')).toBe(true);
  });
});
