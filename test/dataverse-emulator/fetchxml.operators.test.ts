import { startEmulator, type RunningEmulator } from './index';
import { EMULATOR_USER, EMULATOR_USER_TEAMS } from './tables';
import { fetchRows, getJson, readAll, sendJson, type Json } from './testing';

let emulator: RunningEmulator;
let accounts: Json[];
let contacts: Json[];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const accountIds = (rows: readonly Json[]): unknown[] => rows.map((row) => row.accountid);
const sorted = (rows: readonly Json[]): string[] => rows.map((row) => String(row.accountid)).sort();
const present = (value: unknown): boolean => value !== null && value !== undefined;
const time = (row: Json, column: string): number => Date.parse(String(row[column]));

async function accountsWhere(condition: string): Promise<unknown[]> {
  return accountIds(await fetchRows(emulator, 'accounts', `<fetch><entity name="account"><attribute name="name"/><filter>${condition}</filter></entity></fetch>`));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 1000 });
  await sendJson(emulator, 'POST', 'accounts', { name: '100% [Pure]_Co', description: null });
  await sendJson(emulator, 'POST', 'accounts', { name: '100 Pure Co', description: null });
  accounts = (await readAll(emulator, 'accounts')).rows;
  contacts = (await readAll(emulator, 'contacts')).rows;
});
afterAll(() => emulator.close());

describe('FetchXML comparison, list and null operators', () => {
  const first = (): Json => accounts[0];
  const cases: [string, () => string, (row: Json) => boolean][] = [
    ['eq, case-insensitively', () => `<condition attribute="name" operator="eq" value="${String(first().name).toUpperCase()}"/>`, (row) => row.name === first().name],
    ['eq on a lookup written in braces', () => `<condition attribute="ownerid" operator="eq" value="{${EMULATOR_USER.userId.toUpperCase()}}"/>`, (row) => row._ownerid_value === EMULATOR_USER.userId],
    ['ne, which matches null too, as Dataverse\'s does', () => '<condition attribute="address1_city" operator="ne" value="seattle"/>', (row) => row.address1_city !== 'Seattle'],
    ['neq', () => '<condition attribute="address1_city" operator="neq" value="Seattle"/>', (row) => row.address1_city !== 'Seattle'],
    ['gt', () => '<condition attribute="revenue" operator="gt" value="2000000"/>', (row) => Number(row.revenue) > 2000000],
    ['ge', () => '<condition attribute="revenue" operator="ge" value="2000000"/>', (row) => Number(row.revenue) >= 2000000],
    ['lt', () => '<condition attribute="revenue" operator="lt" value="2000000"/>', (row) => present(row.revenue) && Number(row.revenue) < 2000000],
    ['le', () => '<condition attribute="revenue" operator="le" value="2000000"/>', (row) => present(row.revenue) && Number(row.revenue) <= 2000000],
    ['between, inclusive', () => '<condition attribute="numberofemployees" operator="between"><value>1000</value><value>2000</value></condition>',
      (row) => present(row.numberofemployees) && Number(row.numberofemployees) >= 1000 && Number(row.numberofemployees) <= 2000],
    ['not-between', () => '<condition attribute="numberofemployees" operator="not-between"><value>1000</value><value>2000</value></condition>',
      (row) => !present(row.numberofemployees) || Number(row.numberofemployees) < 1000 || Number(row.numberofemployees) > 2000],
    ['in', () => '<condition attribute="address1_city" operator="in"><value>Oslo</value><value>LEEDS</value></condition>', (row) => ['Oslo', 'Leeds'].includes(String(row.address1_city))],
    ['not-in', () => '<condition attribute="address1_city" operator="not-in"><value>Oslo</value><value>leeds</value></condition>',
      (row) => !['Oslo', 'Leeds'].includes(String(row.address1_city))],
    ['null', () => '<condition attribute="description" operator="null"/>', (row) => row.description === null],
    ['not-null', () => '<condition attribute="description" operator="not-null"/>', (row) => present(row.description)],
    ['eq on a date-time', () => `<condition attribute="createdon" operator="eq" value="${String(first().createdon)}"/>`, (row) => row.createdon === first().createdon],
    ['on', () => `<condition attribute="createdon" operator="on" value="${String(first().createdon).slice(0, 10)}"/>`,
      (row) => String(row.createdon).slice(0, 10) === String(first().createdon).slice(0, 10)],
    ['on-or-after', () => `<condition attribute="createdon" operator="on-or-after" value="${String(first().createdon).slice(0, 10)}"/>`,
      (row) => present(row.createdon) && String(row.createdon).slice(0, 10) >= String(first().createdon).slice(0, 10)],
    ['on-or-before', () => `<condition attribute="createdon" operator="on-or-before" value="${String(first().createdon).slice(0, 10)}"/>`,
      (row) => present(row.createdon) && String(row.createdon).slice(0, 10) <= String(first().createdon).slice(0, 10)],
    ['olderthan-x-days', () => '<condition attribute="createdon" operator="olderthan-x-days" value="500"/>', (row) => present(row.createdon) && time(row, 'createdon') < Date.now() - 500 * DAY],
  ];

  it.each(cases)('%s', async (_name, condition, predicate) => {
    const expected = sorted(accounts.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(await accountsWhere(condition())).toEqual(expected);
  });

  it('reads booleans as 1/0/true/false', async () => {
    const where = async (value: string): Promise<number> =>
      (await fetchRows(emulator, 'contacts', `<fetch><entity name="contact"><filter><condition attribute="donotemail" operator="eq" value="${value}"/></filter></entity></fetch>`)).length;
    const yes = contacts.filter((row) => row.donotemail === true).length;
    expect([await where('1'), await where('true')]).toEqual([yes, yes]);
    expect([await where('0'), await where('false')]).toEqual([contacts.length - yes, contacts.length - yes]);
  });
});

describe('FetchXML string operators and wildcards', () => {
  const matching = (expression: RegExp) => (row: Json): boolean => typeof row.name === 'string' && expression.test(row.name);
  const cases: [string, string, (row: Json) => boolean][] = [
    ['like with %', '<condition attribute="name" operator="like" value="%SKI%"/>', matching(/ski/i)],
    ['not-like', '<condition attribute="name" operator="not-like" value="%ski%"/>', (row) => !matching(/ski/i)(row)],
    ['begins-with', '<condition attribute="name" operator="begins-with" value="contoso"/>', matching(/^contoso/i)],
    ['not-begin-with', '<condition attribute="name" operator="not-begin-with" value="contoso"/>', (row) => !matching(/^contoso/i)(row)],
    ['ends-with', '<condition attribute="name" operator="ends-with" value=" 7"/>', matching(/ 7$/)],
    ['not-end-with', '<condition attribute="name" operator="not-end-with" value=" 7"/>', (row) => !matching(/ 7$/)(row)],
    ['_ for one character', '<condition attribute="name" operator="ends-with" value=" 1_"/>', matching(/ 1.$/)],
    ['a set [LI]', '<condition attribute="name" operator="like" value="Contoso [LI]%"/>', matching(/^contoso [li]/i)],
    ['a range [a-f]', '<condition attribute="name" operator="begins-with" value="[a-f]"/>', matching(/^[a-f]/i)],
    ['a negated set [^C]', '<condition attribute="name" operator="like" value="[^C]%"/>', matching(/^[^c]/i)],
    ['wildcards matched literally in brackets', '<condition attribute="name" operator="like" value="100[%] [[]Pure][_]Co"/>', (row) => row.name === '100% [Pure]_Co'],
    ['a wildcard in begins-with', '<condition attribute="name" operator="begins-with" value="100_ "/>', (row) => row.name === '100% [Pure]_Co'],
  ];

  it.each(cases)('%s', async (_name, condition, predicate) => {
    const expected = sorted(accounts.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(await accountsWhere(condition)).toEqual(expected);
  });

  it('gives OData contains, startswith and endswith the same wildcards', async () => {
    const odata = async (filter: string): Promise<string[]> =>
      ((await getJson(emulator, `accounts?$select=name&$filter=${encodeURIComponent(filter)}`)).value as Json[]).map((row) => String(row.accountid)).sort();
    expect(await odata("contains(name,'Ski%Foods')")).toEqual(sorted(accounts.filter(matching(/ski.*foods/i))));
    expect(await odata("startswith(name,'[CF]o')")).toEqual(sorted(accounts.filter(matching(/^[cf]o/i))));
    expect(await odata("endswith(name,'Ltd _')")).toEqual(sorted(accounts.filter(matching(/ltd .$/i))));
    expect(await odata("contains(name,'[%]')")).toEqual(sorted(accounts.filter((row) => String(row.name).includes('%'))));
  });
});

describe('FetchXML user, team and business unit operators', () => {
  const cases: [string, string, (row: Json) => boolean][] = [
    ['eq-userid', '<condition attribute="ownerid" operator="eq-userid"/>', (row) => row._ownerid_value === EMULATOR_USER.userId],
    ['ne-userid', '<condition attribute="ownerid" operator="ne-userid"/>', (row) => row._ownerid_value !== EMULATOR_USER.userId],
    ['eq-userteams', '<condition attribute="ownerid" operator="eq-userteams"/>', (row) => EMULATOR_USER_TEAMS.includes(String(row._ownerid_value))],
    ['eq-useroruserteams', '<condition attribute="ownerid" operator="eq-useroruserteams"/>',
      (row) => row._ownerid_value === EMULATOR_USER.userId || EMULATOR_USER_TEAMS.includes(String(row._ownerid_value))],
    ['eq-businessid', '<condition attribute="owningbusinessunit" operator="eq-businessid"/>', (row) => row._owningbusinessunit_value === EMULATOR_USER.businessUnitId],
    ['ne-businessid', '<condition attribute="owningbusinessunit" operator="ne-businessid"/>', (row) => row._owningbusinessunit_value !== EMULATOR_USER.businessUnitId],
  ];

  it.each(cases)('%s', async (_name, condition, predicate) => {
    const expected = sorted(accounts.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(accounts.length);
    expect(await accountsWhere(condition)).toEqual(expected);
  });
});

describe('FetchXML relative date operators (UTC, weeks from Sunday)', () => {
  const OFFSETS: Record<string, number> = {
    '-400d': -400 * DAY, '-40d': -40 * DAY, '-10d': -10 * DAY, '-6d': -6 * DAY, '-3d': -3 * DAY, '-2h': -2 * HOUR, '-30m': -HOUR / 2,
    '+30m': HOUR / 2, '+2h': 2 * HOUR, '+3d': 3 * DAY, '+6d': 6 * DAY, '+10d': 10 * DAY, '+40d': 40 * DAY, '+400d': 400 * DAY,
  };
  const starts = new Map<string, number>();

  beforeAll(async () => {
    const now = Date.now();
    for (const [label, offset] of Object.entries(OFFSETS)) {
      starts.set(label, now + offset);
      await sendJson(emulator, 'POST', 'bookableresourcebookings', { name: `DateCase ${label}`, starttime: new Date(now + offset).toISOString() });
    }
  });

  async function labelsWhere(condition: string): Promise<string[]> {
    const xml = `<fetch><entity name="bookableresourcebooking"><attribute name="name"/><filter>
      <condition attribute="name" operator="begins-with" value="DateCase "/>${condition}</filter></entity></fetch>`;
    return (await fetchRows(emulator, 'bookableresourcebookings', xml)).map((row) => String(row.name).slice('DateCase '.length)).sort();
  }
  const labels = (predicate: (start: number) => boolean): string[] => [...starts].filter(([, start]) => predicate(start)).map(([label]) => label).sort();
  const condition = (operator: string, value?: string): string =>
    `<condition attribute="starttime" operator="${operator}"${value === undefined ? '' : ` value="${value}"`}/>`;

  const durations: [string, string | undefined, string[]][] = [
    ['last-x-hours', '3', ['-2h', '-30m']],
    ['next-x-hours', '3', ['+30m', '+2h']],
    ['last-x-days', '5', ['-3d', '-2h', '-30m']],
    ['next-x-days', '5', ['+30m', '+2h', '+3d']],
    ['last-seven-days', undefined, ['-6d', '-3d', '-2h', '-30m']],
    ['next-seven-days', undefined, ['+30m', '+2h', '+3d', '+6d']],
    ['last-x-weeks', '2', ['-10d', '-6d', '-3d', '-2h', '-30m']],
    ['next-x-weeks', '2', ['+30m', '+2h', '+3d', '+6d', '+10d']],
    ['last-x-months', '2', ['-40d', '-10d', '-6d', '-3d', '-2h', '-30m']],
    ['next-x-months', '2', ['+30m', '+2h', '+3d', '+6d', '+10d', '+40d']],
    ['last-x-years', '1', ['-40d', '-10d', '-6d', '-3d', '-2h', '-30m']],
    ['next-x-years', '1', ['+30m', '+2h', '+3d', '+6d', '+10d', '+40d']],
    ['olderthan-x-minutes', '10', ['-400d', '-40d', '-10d', '-6d', '-3d', '-2h', '-30m']],
    ['olderthan-x-hours', '1', ['-400d', '-40d', '-10d', '-6d', '-3d', '-2h']],
    ['olderthan-x-days', '5', ['-400d', '-40d', '-10d', '-6d']],
    ['olderthan-x-weeks', '2', ['-400d', '-40d']],
    ['olderthan-x-months', '1', ['-400d', '-40d']],
    ['olderthan-x-years', '1', ['-400d']],
  ];

  it.each(durations)('%s %s', async (operator, value, expected) => {
    expect(await labelsWhere(condition(operator, value))).toEqual([...expected].sort());
  });

  const sunday = (instant: number): number => Math.floor(instant / DAY) * DAY - new Date(instant).getUTCDay() * DAY;
  const monthIndex = (instant: number): number => new Date(instant).getUTCFullYear() * 12 + new Date(instant).getUTCMonth();
  const year = (instant: number): number => new Date(instant).getUTCFullYear();
  const day = (instant: number): string => new Date(instant).toISOString().slice(0, 10);
  const calendar: [string, (start: number, now: number) => boolean][] = [
    ['today', (start, now) => day(start) === day(now)],
    ['yesterday', (start, now) => day(start) === day(now - DAY)],
    ['tomorrow', (start, now) => day(start) === day(now + DAY)],
    ['this-week', (start, now) => sunday(start) === sunday(now)],
    ['last-week', (start, now) => sunday(start) === sunday(now) - 7 * DAY],
    ['next-week', (start, now) => sunday(start) === sunday(now) + 7 * DAY],
    ['this-month', (start, now) => monthIndex(start) === monthIndex(now)],
    ['last-month', (start, now) => monthIndex(start) === monthIndex(now) - 1],
    ['next-month', (start, now) => monthIndex(start) === monthIndex(now) + 1],
    ['this-year', (start, now) => year(start) === year(now)],
    ['last-year', (start, now) => year(start) === year(now) - 1],
    ['next-year', (start, now) => year(start) === year(now) + 1],
  ];

  it.each(calendar)('%s', async (operator, predicate) => {
    const now = Date.now();
    expect(await labelsWhere(condition(operator))).toEqual(labels((start) => predicate(start, now)));
  });

  it('finds rows on, on or after, and on or before a day', async () => {
    const target = day(starts.get('+3d')!);
    expect(await labelsWhere(condition('on', target))).toEqual(labels((start) => day(start) === target));
    expect(await labelsWhere(condition('on-or-after', target))).toEqual(labels((start) => day(start) >= target));
    expect(await labelsWhere(condition('on-or-before', target))).toEqual(labels((start) => day(start) <= target));
  });
});
