import { QueryError } from '../../../SyncEngine/contracts/errors';
import { parseFetchXml } from '../../../SyncEngine/core/fetchxml';
import { evaluateFilter, literalPattern, matchesLike, parseFilter, type EvaluationContext } from '../../../SyncEngine/core/odata';

const NOW = Date.UTC(2026, 10, 25, 15, 30); // Wednesday 25 November 2026, 15:30 UTC
const USER = '11111111-1111-4111-8111-111111111111';
const TEAM = '33333333-3333-4333-8333-333333333333';
const UNIT = '44444444-4444-4444-8444-444444444444';
const context: EvaluationContext = { now: NOW, identity: { userId: USER, teamIds: [TEAM], businessUnitId: UNIT } };

function matches(condition: string, row: Record<string, unknown>, given: EvaluationContext = context): boolean {
  const filter = parseFetchXml(`<fetch><entity name="account"><filter>${condition}</filter></entity></fetch>`).entity.filter;
  if (!filter) throw new Error('no filter');
  return evaluateFilter(filter, row, given);
}

const on = (operator: string, value: string, extra = '') => `<condition attribute="d" operator="${operator}"${extra === '' ? '' : ` value="${extra}"`}/>`.replace('VALUE', value);

describe('matchesLike', () => {
  it.each([
    ['Contoso', 'contoso', true],
    ['Contoso', 'con%', true],
    ['Contoso', '%TOSO', true],
    ['Contoso', '%nto%', true],
    ['Contoso', 'c_ntoso', true],
    ['Contoso', 'c_toso', false],
    ['Contoso', '[bc]ontoso', true],
    ['Contoso', '[a-b]ontoso', false],
    ['Contoso', '[^a-b]ontoso', true],
    ['Contoso', '[^c]ontoso', false],
    ['100% sure', '100[%] sure', true],
    ['100x sure', '100[%] sure', false],
    ['a_b', 'a[_]b', true],
    ['axb', 'a[_]b', false],
    ['[x]', '[[]x]', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['line\nbreak', 'line%', true],
    ['(1+1)', '(1+1)', true],
    ['abc', 'ab', false],
  ])('"%s" like "%s" is %s', (text, pattern, expected) => {
    expect(matchesLike(text, pattern)).toBe(expected);
  });

  it('escapes a literal so that it only matches itself', () => {
    expect(matchesLike('50%_off[1]', literalPattern('50%_off[1]'))).toBe(true);
    expect(matchesLike('50x-off[1]', literalPattern('50%_off[1]'))).toBe(false);
  });
});

describe('OData string functions use the same wildcards (as Dataverse documents)', () => {
  const row = { name: 'Contoso_Ltd 100%' };
  it.each([
    ["contains(name, 'so_l')", true],
    ["contains(name, 'so[_]l')", true],
    ["contains(name, 'sox[_]l')", false],
    ["startswith(name, 'c%ltd')", true],
    ["startswith(name, '[a-c]on')", true],
    ["startswith(name, '[^c]on')", false],
    ["endswith(name, '100[%]')", true],
    ["endswith(name, '_00%')", true],
    ["contains(name, 'CONTOSO')", true],
  ])('%s is %s', (filter, expected) => {
    expect(evaluateFilter(parseFilter(filter), row)).toBe(expected);
  });
});

describe('FetchXML conditions over rows', () => {
  it('reads an untyped value as the type of the column it is compared with', () => {
    const row = { revenue: 12000, statecode: 0, donotemail: true, accountnumber: '0012', name: 'Contoso' };
    expect(matches('<condition attribute="revenue" operator="gt" value="5000"/>', row)).toBe(true);
    expect(matches('<condition attribute="revenue" operator="lt" value="5000"/>', row)).toBe(false);
    expect(matches('<condition attribute="statecode" operator="eq" value="0"/>', row)).toBe(true);
    expect(matches('<condition attribute="donotemail" operator="eq" value="1"/>', row)).toBe(true);
    expect(matches('<condition attribute="donotemail" operator="eq" value="false"/>', row)).toBe(false);
    expect(matches('<condition attribute="accountnumber" operator="eq" value="12"/>', row)).toBe(false);
    expect(matches('<condition attribute="name" operator="eq" value="CONTOSO"/>', row)).toBe(true);
    expect(matches('<condition attribute="revenue" operator="eq" value="lots"/>', row)).toBe(false);
  });

  it('compares dates as instants', () => {
    const row = { d: '2026-11-25T10:00:00Z' };
    expect(matches('<condition attribute="d" operator="gt" value="2026-11-25"/>', row)).toBe(true);
    expect(matches('<condition attribute="d" operator="eq" value="2026-11-25T10:00:00.000Z"/>', row)).toBe(true);
  });

  it('tests null with null and not-null; ordering and in comparisons never match a null', () => {
    expect(matches('<condition attribute="name" operator="null"/>', { name: null })).toBe(true);
    expect(matches('<condition attribute="name" operator="null"/>', {})).toBe(true);
    expect(matches('<condition attribute="name" operator="not-null"/>', { name: 'x' })).toBe(true);
    expect(matches('<condition attribute="revenue" operator="gt" value="0"/>', {})).toBe(false);
    expect(matches('<condition attribute="revenue" operator="in"><value>1</value></condition>', {})).toBe(false);
  });

  it('matches in, not-in, between and not-between', () => {
    const row = { statecode: 1, revenue: 15 };
    expect(matches('<condition attribute="statecode" operator="in"><value>0</value><value>1</value></condition>', row)).toBe(true);
    expect(matches('<condition attribute="statecode" operator="not-in"><value>0</value><value>1</value></condition>', row)).toBe(false);
    expect(matches('<condition attribute="revenue" operator="between"><value>10</value><value>15</value></condition>', row)).toBe(true);
    expect(matches('<condition attribute="revenue" operator="not-between"><value>16</value><value>20</value></condition>', row)).toBe(true);
  });

  it('compares two columns with valueof', () => {
    expect(matches('<condition attribute="a" operator="lt" valueof="b"/>', { a: 1, b: 2 })).toBe(true);
    expect(matches('<condition attribute="a" operator="eq" valueof="b"/>', { a: 'X', b: 'x' })).toBe(true);
  });

  it('matches nothing comparing two columns when either is null, as SQL (and the server) does', () => {
    expect(matches('<condition attribute="a" operator="eq" valueof="b"/>', {})).toBe(false);
    expect(matches('<condition attribute="a" operator="ne" valueof="b"/>', { a: 1 })).toBe(false);
    expect(matches('<condition attribute="a" operator="ne" valueof="b"/>', { a: 1, b: 2 })).toBe(true);
  });

  it('matches the signed-in user, their teams and their business unit, GUIDs case-insensitively', () => {
    const owned = (id: string) => ({ ownerid: id });
    expect(matches('<condition attribute="ownerid" operator="eq-userid"/>', owned(USER.toUpperCase()))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="ne-userid"/>', owned(USER))).toBe(false);
    expect(matches('<condition attribute="ownerid" operator="ne-userid"/>', owned(TEAM))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="eq-userteams"/>', owned(TEAM))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="eq-userteams"/>', owned(USER))).toBe(false);
    expect(matches('<condition attribute="ownerid" operator="eq-useroruserteams"/>', owned(USER))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="eq-useroruserteams"/>', owned(TEAM))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="eq-useroruserteams"/>', owned(UNIT))).toBe(false);
    expect(matches('<condition attribute="ownerid" operator="eq-businessid"/>', owned(UNIT))).toBe(true);
    expect(matches('<condition attribute="ownerid" operator="ne-businessid"/>', owned(UNIT))).toBe(false);
  });

  it('fails with a QueryError, not a wrong answer, when the identity is not known', () => {
    expect(() => matches('<condition attribute="ownerid" operator="eq-userid"/>', {}, { now: NOW })).toThrow(QueryError);
    expect(() => matches('<condition attribute="ownerid" operator="eq-businessid"/>', {}, { now: NOW, identity: { userId: USER } })).toThrow(/business unit/);
    expect(() => matches('<condition attribute="ownerid" operator="eq-userteams"/>', { ownerid: TEAM }, { identity: { userId: USER } })).toThrow(/teams/);
    expect(matches('<condition attribute="ownerid" operator="eq-userteams"/>', { ownerid: TEAM }, { identity: { userId: USER, teamIds: [] } })).toBe(false);
    expect(() => matches('<condition attribute="d" operator="today"/>', {}, { identity: { userId: USER } })).toThrow(/current time/);
  });

  it.each([
    ['today', '', '2026-11-25T00:00:00Z', '2026-11-24T23:59:59Z'],
    ['yesterday', '', '2026-11-24T12:00:00Z', '2026-11-25T00:00:00Z'],
    ['tomorrow', '', '2026-11-26T23:59:59Z', '2026-11-27T00:00:00Z'],
    ['last-seven-days', '', '2026-11-18T00:00:00Z', '2026-11-17T23:59:59Z'],
    ['next-seven-days', '', '2026-12-02T23:00:00Z', '2026-12-03T00:00:00Z'],
    ['this-week', '', '2026-11-22T00:00:00Z', '2026-11-29T00:00:00Z'],
    ['last-week', '', '2026-11-15T00:00:00Z', '2026-11-22T00:00:00Z'],
    ['next-week', '', '2026-12-05T23:59:59Z', '2026-11-28T23:59:59Z'],
    ['this-month', '', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
    ['last-month', '', '2026-10-31T23:59:59Z', '2026-11-01T00:00:00Z'],
    ['next-month', '', '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z'],
    ['this-year', '', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z'],
    ['last-year', '', '2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['next-year', '', '2027-12-31T00:00:00Z', '2028-01-01T00:00:00Z'],
    ['last-x-hours', '2', '2026-11-25T13:30:00Z', '2026-11-25T13:29:59Z'],
    ['last-x-days', '2', '2026-11-23T00:00:00Z', '2026-11-22T23:59:59Z'],
    ['last-x-weeks', '1', '2026-11-18T00:00:00Z', '2026-11-25T15:31:00Z'],
    ['last-x-months', '1', '2026-10-25T00:00:00Z', '2026-10-24T23:59:59Z'],
    ['last-x-years', '1', '2025-11-25T00:00:00Z', '2025-11-24T00:00:00Z'],
    ['next-x-hours', '2', '2026-11-25T17:29:00Z', '2026-11-25T17:31:00Z'],
    ['next-x-days', '2', '2026-11-27T23:59:59Z', '2026-11-28T00:00:00Z'],
    ['next-x-weeks', '1', '2026-12-02T23:59:59Z', '2026-12-03T00:00:00Z'],
    ['next-x-months', '1', '2026-12-25T23:59:59Z', '2026-11-25T15:00:00Z'],
    ['next-x-years', '1', '2027-11-25T12:00:00Z', '2027-11-26T00:00:00Z'],
    ['olderthan-x-minutes', '30', '2026-11-25T14:59:59Z', '2026-11-25T15:00:00Z'],
    ['olderthan-x-hours', '1', '2026-11-25T14:29:59Z', '2026-11-25T14:30:00Z'],
    ['olderthan-x-days', '2', '2026-11-22T23:59:59Z', '2026-11-23T00:00:00Z'],
    ['olderthan-x-weeks', '1', '2026-11-17T23:59:59Z', '2026-11-18T00:00:00Z'],
    ['olderthan-x-months', '1', '2026-10-24T23:59:59Z', '2026-10-25T00:00:00Z'],
    ['olderthan-x-years', '1', '2025-11-24T23:59:59Z', '2025-11-25T00:00:00Z'],
    ['on', '2026-11-20', '2026-11-20T23:59:59Z', '2026-11-21T00:00:00Z'],
    ['on-or-after', '2026-11-20', '2026-11-20T00:00:00Z', '2026-11-19T23:59:59Z'],
    ['on-or-before', '2026-11-20', '2026-11-20T23:59:59Z', '2026-11-21T00:00:00Z'],
  ])('%s %s (UTC days, weeks from Sunday) takes %s and not %s', (operator, value, inside, outside) => {
    const condition = on(operator, value, value);
    expect(matches(condition, { d: inside })).toBe(true);
    expect(matches(condition, { d: outside })).toBe(false);
    expect(matches(condition, {})).toBe(false);
  });
});
