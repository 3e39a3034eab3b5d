import { startEmulator, type RunningEmulator } from './index';
import { errorCode, errorMessage, fetchXml, type Json } from './testing';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 200 });
});
afterAll(() => emulator.close());

const entity = (body: string, fetch = ''): string => `<fetch${fetch}><entity name="account">${body}</entity></fetch>`;
const links = (count: number, type = 'exists'): string =>
  Array.from({ length: count }, (_, index) => `<link-entity name="contact" from="parentcustomerid" to="accountid" link-type="${type}" alias="c${String(index)}"/>`).join('');

/** [what, query, code, a name the message must contain] */
const BAD: [string, string, string, string][] = [
  ['unclosed element', '<fetch><entity name="account"></fetch>', '0x80040203', '</fetch>'],
  ['text after the root', `${entity('')}<extra/>`, '0x80040203', 'after the root'],
  ['unquoted attribute', '<fetch top=5><entity name="account"/></fetch>', '0x80040203', 'top'],
  ['duplicate attribute', '<fetch top="5" top="6"><entity name="account"/></fetch>', '0x80040203', 'top'],
  ['bare ampersand', entity('<filter><condition attribute="name" operator="eq" value="A & B"/></filter>'), '0x80040203', '&'],
  ['unknown entity reference', entity('<filter><condition attribute="name" operator="eq" value="&nbsp;"/></filter>'), '0x80040203', '&nbsp;'],
  ['invalid character reference', entity('<filter><condition attribute="name" operator="eq" value="&#0;"/></filter>'), '0x80040203', '&#0;'],
  ['"--" in a comment', entity('<!-- a -- b -->'), '0x80040203', 'comment'],
  ['a DOCTYPE', `<!DOCTYPE fetch>${entity('')}`, '0x80040203', 'DOCTYPE'],
  ['not XML at all', 'select * from account', '0x80040203', 'position'],
  ['unknown element', entity('<column name="name"/>'), '0x8004111C', 'column'],
  ['unknown root element', '<query><entity name="account"/></query>', '0x8004111C', 'query'],
  ['unknown XML attribute', entity('<attribute name="name" width="3"/>'), '0x80040203', 'width'],
  ['unknown operator', entity('<filter><condition attribute="name" operator="contains" value="x"/></filter>'), '0x80041120', 'contains'],
  ['entity not matching the entity set', '<fetch><entity name="contact"/></fetch>', '0x80041128', 'contact'],
  ['link-entity to an unknown table', entity('<link-entity name="systemuser" from="systemuserid" to="ownerid"/>'), '0x80041102', 'systemuser'],
  ['unknown attribute', entity('<attribute name="nosuchcolumn"/>'), '0x80041103', 'nosuchcolumn'],
  ['unknown attribute in a condition', entity('<filter><condition attribute="nosuch" operator="null"/></filter>'), '0x80041103', 'nosuch'],
  ['unknown attribute in a link-entity', entity('<link-entity name="contact" from="nosuchkey" to="accountid"/>'), '0x80041103', 'nosuchkey'],
  ['unknown order attribute', entity('<order attribute="nosuchorder"/>'), '0x80041103', 'nosuchorder'],
  ['16 link-entities', entity(links(16)), '0x8004430D', '16'],
  ['unknown link-type', entity('<link-entity name="contact" from="parentcustomerid" to="accountid" link-type="sideways"/>'), '0x80041117', 'sideways'],
  ['any outside a filter', entity('<link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any"/>'), '0x80041117', 'any'],
  ['unknown filter type', entity('<filter type="xor"/>'), '0x80041122', 'xor'],
  ['unknown entityname', entity('<filter><condition entityname="ghost" attribute="name" operator="null"/></filter>'), '0x8004110A', 'ghost'],
  ['unknown order alias', entity('<attribute name="name"/><order alias="ghost"/>'), '0x8004110A', 'ghost'],
  ['a value on null', entity('<filter><condition attribute="name" operator="null" value="x"/></filter>'), '0x80041108', 'null'],
  ['between with one value', entity('<filter><condition attribute="revenue" operator="between" value="1"/></filter>'), '0x80041108', 'between'],
  ['in without values', entity('<filter><condition attribute="revenue" operator="in"/></filter>'), '0x80041108', 'in'],
  ['last-x-days without a number', entity('<filter><condition attribute="createdon" operator="last-x-days" value="few"/></filter>'), '0x80041108', 'few'],
  ['on without a date', entity('<filter><condition attribute="createdon" operator="on" value="soon"/></filter>'), '0x80041108', 'soon'],
  ['a number column compared with text', entity('<filter><condition attribute="revenue" operator="gt" value="lots"/></filter>'), '0x80041108', 'lots'],
  ['a backwards wildcard range', entity('<filter><condition attribute="name" operator="like" value="[z-a]%"/></filter>'), '0x80041108', '[z-a]'],
  ['top over 5000', entity('', ' top="5001"'), '0x80040203', 'top'],
  ['top with page', entity('', ' top="5" page="2"'), '0x80040203', 'top'],
  ['top with count', entity('', ' top="5" count="2"'), '0x80040203', 'top'],
  ['top with returntotalrecordcount', entity('', ' top="5" returntotalrecordcount="true"'), '0x80040203', 'returntotalrecordcount'],
  ['count over 5000', entity('', ' count="5001"'), '0x80040203', 'count'],
  ['a zero count', entity('', ' count="0"'), '0x80041127', 'count'],
  ['a garbled paging-cookie', entity('', ' page="2" paging-cookie="not a cookie"'), '0x80040203', 'paging-cookie'],
  ['aggregate without alias', entity('<attribute name="accountid" aggregate="count"/>', ' aggregate="true"'), '0x8004110B', 'accountid'],
  ['unknown aggregate', entity('<attribute name="revenue" aggregate="median" alias="m"/>', ' aggregate="true"'), '0x8004111A', 'median'],
  ['aggregate in a plain fetch', entity('<attribute name="revenue" aggregate="sum" alias="s"/>'), '0x8004111A', 'revenue'],
  ['unknown dategrouping', entity('<attribute name="createdon" groupby="true" dategrouping="decade" alias="d"/>', ' aggregate="true"'), '0x8004111A', 'decade'],
  ['a flag that is not a boolean', entity('', ' distinct="maybe"'), '0x80040203', 'distinct'],
  ['two entities', '<fetch><entity name="account"/><entity name="account"/></fetch>', '0x8004111C', 'entity'],
];

describe('FetchXML the emulator refuses', () => {
  it.each(BAD)('%s → 400', async (_what, xml, code, name) => {
    const response = await fetchXml(emulator, 'accounts', xml);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Json;
    expect(errorCode(body)).toBe(code);
    expect(errorMessage(body)).toContain(name);
  });

  it('accepts 15 link-entities', async () => {
    expect((await fetchXml(emulator, 'accounts', entity(`<attribute name="name"/>${links(15)}`, ' top="1"'))).status).toBe(200);
  });

  it('refuses joins that multiply past the emulator\'s limit instead of running out of memory', async () => {
    const response = await fetchXml(emulator, 'accounts', entity(links(15, 'outer')));
    expect(response.status).toBe(400);
    expect(errorMessage((await response.json()) as Json)).toContain('joins more than');
  });

  it('refuses a fetchXml parameter that is not URL-encoded properly, or empty', async () => {
    for (const raw of ['%E0%A4%A', '']) {
      const response = await fetch(`${emulator.baseUrl}accounts?fetchXml=${raw}`);
      expect(response.status).toBe(400);
      expect(errorMessage((await response.json()) as Json)).toContain('fetchXml');
    }
  });

  it('refuses elements nested too deep without exhausting the stack', async () => {
    const deep = `${'<filter>'.repeat(500)}${'</filter>'.repeat(500)}`;
    const response = await fetchXml(emulator, 'accounts', entity(deep));
    expect(response.status).toBe(400);
    expect(errorMessage((await response.json()) as Json)).toContain('deeper');
  });
});
