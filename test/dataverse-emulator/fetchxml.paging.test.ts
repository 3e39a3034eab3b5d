import { startEmulator, type RunningEmulator } from './index';
import { api, fetchRows, fetchXml, type Json } from './testing';

let emulator: RunningEmulator;

const ANNOTATIONS = { Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"' };
const COOKIE = '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie';
const MORE = '@Microsoft.Dynamics.CRM.morerecords';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 1000 });
});
afterAll(() => emulator.close());

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The next request's page and paging-cookie, read from an answer as the Web API docs say a client should. */
function nextPage(body: Json): { page: number; cookie: string } {
  const outer = String(body[COOKIE]);
  const page = Number(/pagenumber="(\d+)"/.exec(outer)![1]);
  const inner = decodeURIComponent(decodeURIComponent(/pagingcookie="([^"]*)"/.exec(outer)![1]));
  return { page, cookie: inner };
}

async function page(xml: string, headers: Record<string, string> = ANNOTATIONS): Promise<Json> {
  const response = await fetchXml(emulator, 'contacts', xml, headers);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const query = (attributes: string): string => `<fetch ${attributes}><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/></entity></fetch>`;

describe('FetchXML paging', () => {
  it('pages with page and count, saying whether more rows follow', async () => {
    const all = await fetchRows(emulator, 'contacts', query(''));
    const second = await page(query('page="2" count="50"'));
    expect((second.value as Json[]).map((row) => row.contactid)).toEqual(all.slice(50, 100).map((row) => row.contactid));
    expect(second[MORE]).toBe(true);
    const last = await page(query('page="6" count="50"'));
    expect(last.value).toHaveLength(50);
    expect(last[MORE]).toBeUndefined();
    expect(last[COOKIE]).toBeUndefined();
  });

  it('follows the paging cookie through every page with no duplicates or gaps', async () => {
    let body = await page(query('count="70"'));
    const seen: unknown[] = (body.value as Json[]).map((row) => row.contactid);
    let pages = 1;
    while (body[MORE] === true) {
      expect(String(body[COOKIE])).toMatch(/^<cookie pagenumber="\d+" pagingcookie="[^"]+" istracking="False" \/>$/);
      const next = nextPage(body);
      body = await page(query(`count="70" page="${next.page}" paging-cookie="${escapeXml(next.cookie)}"`));
      seen.push(...(body.value as Json[]).map((row) => row.contactid));
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual((await fetchRows(emulator, 'contacts', query(''))).map((row) => row.contactid));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('resumes after the cookie row, so a row deleted from an earlier page does not shift the next', async () => {
    const xml = (extra: string): string => `<fetch count="40" ${extra}><entity name="contact"><attribute name="fullname"/></entity></fetch>`;
    const first = await page(xml(''));
    const before = (await page(xml('page="2"'))).value as Json[];
    const next = nextPage(first);
    await api(emulator, `contacts(${String((first.value as Json[])[0].contactid)})`, { method: 'DELETE' });
    const second = await page(xml(`page="${next.page}" paging-cookie="${escapeXml(next.cookie)}"`));
    expect(second.value).toEqual(before);
  });

  it('leaves the annotations out unless the Prefer header asks, and takes "*"', async () => {
    expect((await page(query('count="10"'), {}))[MORE]).toBeUndefined();
    const all = await page(query('count="10"'), { Prefer: 'odata.include-annotations="*"' });
    expect(all[MORE]).toBe(true);
    expect(all[COOKIE]).toEqual(expect.stringContaining('pagenumber="2"'));
  });

  it('answers at most 5000 rows a page by default', async () => {
    const large = await startEmulator({ port: 0, rows: 20_000 });
    try {
      const response = await fetchXml(large, 'contacts', '<fetch returntotalrecordcount="true"><entity name="contact"><attribute name="fullname"/></entity></fetch>', ANNOTATIONS);
      const body = (await response.json()) as Json;
      expect(body.value).toHaveLength(5000);
      expect(body[MORE]).toBe(true);
      expect(body['@odata.count']).toBe(-1);
      expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(true);
    } finally {
      await large.close();
    }
  });

  it('counts every matching row with returntotalrecordcount', async () => {
    const body = await page(query('count="10" returntotalrecordcount="true"'));
    expect(body['@odata.count']).toBe((await fetchRows(emulator, 'contacts', query(''))).length);
    expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
  });
});

describe('long FetchXML queries', () => {
  const longQuery = (values: number): string => {
    const list = Array.from({ length: values }, (_, index) => `<value>City ${String(index)}</value>`).join('');
    return `<fetch><entity name="contact"><attribute name="fullname"/><filter><condition attribute="address1_city" operator="in"><value>Oslo</value>${list}</condition></filter></entity></fetch>`;
  };
  const oslo = async (): Promise<number> =>
    (await fetchRows(emulator, 'contacts', '<fetch><entity name="contact"><filter><condition attribute="address1_city" operator="eq" value="Oslo"/></filter></entity></fetch>')).length;

  it('answers a GET URL just under 32,768 characters (above Node\'s default header limit)', async () => {
    const xml = longQuery(600);
    const path = `contacts?fetchXml=${encodeURIComponent(xml)}`;
    expect(`/api/data/v9.2/${path}`.length).toBeGreaterThan(20_000);
    expect(`/api/data/v9.2/${path}`.length).toBeLessThanOrEqual(32_768);
    const response = await api(emulator, path);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).value).toHaveLength(await oslo());
  });

  it('refuses a longer URL with 414', async () => {
    const response = await fetchXml(emulator, 'contacts', longQuery(1200));
    expect(response.status).toBe(414);
  });

  it('runs a query of up to 65,536 characters as a GET inside $batch', async () => {
    const url = `contacts?fetchXml=${encodeURIComponent(longQuery(1400))}`;
    expect(url.length).toBeGreaterThan(40_000);
    expect(url.length).toBeLessThanOrEqual(65_536);
    const boundary = 'batch_fetch';
    const part = (target: string): string =>
      `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${emulator.baseUrl}${target} HTTP/1.1\r\nAccept: application/json\r\n\r\n`;
    const tooLong = `contacts?fetchXml=${encodeURIComponent(longQuery(3000))}`;
    const response = await api(emulator, '$batch', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Prefer: 'odata.continue-on-error' },
      body: `${part(url)}${part(tooLong)}--${boundary}--\r\n`,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('HTTP/1.1 200 OK');
    expect(text).toContain('HTTP/1.1 414 URI Too Long');
    const json = JSON.parse(text.slice(text.indexOf('{"@odata.context"'), text.indexOf('}]}') + 3)) as Json;
    expect(json.value).toHaveLength(await oslo());
  });
});
