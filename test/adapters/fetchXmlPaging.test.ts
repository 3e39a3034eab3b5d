import { nextCursor, withPaging } from '../../SyncEngine/adapters/webapi/fetchXmlPaging';
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
