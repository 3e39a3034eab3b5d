import { QueryError } from '../../../SyncEngine/contracts/errors';
import { parseFetchXml } from '../../../SyncEngine/core/fetchxml';
import type { FilterNode } from '../../../SyncEngine/core/odata';

function filterOf(conditions: string, entity = 'account'): FilterNode | undefined {
  return parseFetchXml(`<fetch><entity name="${entity}"><filter>${conditions}</filter></entity></fetch>`).entity.filter;
}

function rejection(fetchXml: string): QueryError {
  try {
    parseFetchXml(fetchXml);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('parseFetchXml accepted the query');
}

const column = (name: string) => ({ kind: 'column', name });
const untyped = (value: string) => ({ kind: 'literal', type: 'untyped', value });

describe('parseFetchXml', () => {
  it('reads the fetch options: top, count, page, paging-cookie, distinct, returntotalrecordcount, aggregate', () => {
    const tree = parseFetchXml(`<fetch version="1.0" mapping="logical" count="10" page="3" paging-cookie="&lt;cookie/&gt;" distinct="true" returntotalrecordcount="true" aggregate="false" no-lock="true"><entity name="account"/></fetch>`);
    expect(tree).toMatchObject({ count: 10, page: 3, pagingCookie: '<cookie/>', distinct: true, returnTotalRecordCount: true, aggregate: false });
    expect(parseFetchXml('<fetch top="7"><entity name="account"/></fetch>').top).toBe(7);
  });

  it('reads attributes, all-attributes and several orders in document order', () => {
    const { entity } = parseFetchXml(`<fetch><entity name="account">
        <attribute name="name"/><attribute name="revenue" alias="money"/><all-attributes/>
        <order attribute="name" descending="true"/><order attribute="revenue"/><order alias="money" descending="false"/>
      </entity></fetch>`);
    expect(entity.attributes).toEqual([{ name: 'name' }, { name: 'revenue', alias: 'money' }]);
    expect(entity.allAttributes).toBe(true);
    expect(entity.orders).toEqual([{ column: 'name', descending: true }, { column: 'revenue', descending: false }, { alias: 'money', descending: false }]);
  });

  it('compiles nested and/or filters into the same tree an OData $filter makes', () => {
    expect(filterOf(`<condition attribute="statecode" operator="eq" value="0"/>
      <filter type="or"><condition attribute="name" operator="eq" value="A"/><condition attribute="name" operator="ne" value="B"/></filter>`)).toEqual({
      kind: 'and',
      left: { kind: 'compare', operator: 'eq', left: column('statecode'), right: untyped('0') },
      right: {
        kind: 'or',
        left: { kind: 'compare', operator: 'eq', left: column('name'), right: untyped('A') },
        right: { kind: 'compare', operator: 'ne', left: column('name'), right: untyped('B') },
      },
    });
  });

  it.each([
    ['eq', 'eq'], ['ne', 'ne'], ['neq', 'ne'], ['gt', 'gt'], ['ge', 'ge'], ['lt', 'lt'], ['le', 'le'],
  ])('compiles the comparison operator %s', (operator, compiled) => {
    expect(filterOf(`<condition attribute="revenue" operator="${operator}" value="5"/>`)).toEqual({ kind: 'compare', operator: compiled, left: column('revenue'), right: untyped('5') });
  });

  it('types a GUID value, so it compares as a key, and keeps other values untyped', () => {
    expect(filterOf('<condition attribute="accountid" operator="eq" value="{AAAAAAAA-0000-4000-8000-000000000001}"/>')).toEqual({
      kind: 'compare', operator: 'eq', left: column('accountid'), right: { kind: 'literal', type: 'guid', value: 'aaaaaaaa-0000-4000-8000-000000000001' },
    });
  });

  it('compiles valueof as a column-to-column comparison and entityname as alias.column', () => {
    expect(filterOf('<condition attribute="name" operator="eq" valueof="accountnumber"/>')).toEqual({ kind: 'compare', operator: 'eq', left: column('name'), right: column('accountnumber') });
    expect(filterOf('<condition entityname="c" attribute="fullname" operator="null"/>')).toEqual({
      kind: 'compare', operator: 'eq', left: column('c.fullname'), right: { kind: 'literal', type: 'null', value: null },
    });
  });

  it.each([
    ['like', '%a_c%', { kind: 'like', column: 'name', pattern: '%a_c%' }],
    ['not-like', 'x%', { kind: 'not', operand: { kind: 'like', column: 'name', pattern: 'x%' } }],
    ['begins-with', 'Con', { kind: 'like', column: 'name', pattern: 'Con%' }],
    ['not-begin-with', 'Con', { kind: 'not', operand: { kind: 'like', column: 'name', pattern: 'Con%' } }],
    ['ends-with', 'Ltd', { kind: 'like', column: 'name', pattern: '%Ltd' }],
    ['not-end-with', 'Ltd', { kind: 'not', operand: { kind: 'like', column: 'name', pattern: '%Ltd' } }],
  ])('compiles the string operator %s to a wildcard pattern', (operator, value, expected) => {
    expect(filterOf(`<condition attribute="name" operator="${operator}" value="${value}"/>`)).toEqual(expected);
  });

  it('compiles null, not-null, in, not-in, between and not-between', () => {
    const isNull = { kind: 'literal', type: 'null', value: null };
    expect(filterOf('<condition attribute="name" operator="null"/>')).toEqual({ kind: 'compare', operator: 'eq', left: column('name'), right: isNull });
    expect(filterOf('<condition attribute="name" operator="not-null"/>')).toEqual({ kind: 'compare', operator: 'ne', left: column('name'), right: isNull });
    const eq = (value: string) => ({ kind: 'compare', operator: 'eq', left: column('statecode'), right: untyped(value) });
    const ne = (value: string) => ({ kind: 'compare', operator: 'ne', left: column('statecode'), right: untyped(value) });
    expect(filterOf('<condition attribute="statecode" operator="in"><value>0</value><value>1</value></condition>')).toEqual({ kind: 'or', left: eq('0'), right: eq('1') });
    expect(filterOf('<condition attribute="statecode" operator="not-in"><value>0</value><value>1</value></condition>')).toEqual({ kind: 'and', left: ne('0'), right: ne('1') });
    const inside = {
      kind: 'and',
      left: { kind: 'compare', operator: 'ge', left: column('revenue'), right: untyped('10') },
      right: { kind: 'compare', operator: 'le', left: column('revenue'), right: untyped('20') },
    };
    expect(filterOf('<condition attribute="revenue" operator="between"><value>10</value><value>20</value></condition>')).toEqual(inside);
    expect(filterOf('<condition attribute="revenue" operator="not-between"><value>10</value><value>20</value></condition>')).toEqual({ kind: 'not', operand: inside });
  });

  it('keeps a long in list shallow', () => {
    const values = Array.from({ length: 1024 }, (_, i) => `<value>${String(i)}</value>`).join('');
    let depth = 0;
    let node = filterOf(`<condition attribute="statecode" operator="in">${values}</condition>`);
    while (node?.kind === 'or') {
      depth += 1;
      node = node.left;
    }
    expect(depth).toBe(10);
  });

  it.each(['eq-userid', 'ne-userid', 'eq-userteams', 'eq-useroruserteams', 'eq-businessid', 'ne-businessid'])('compiles the identity operator %s', (operator) => {
    expect(filterOf(`<condition attribute="ownerid" operator="${operator}"/>`)).toEqual({ kind: 'identity', operator, column: 'ownerid' });
  });

  it.each([
    'today', 'yesterday', 'tomorrow', 'last-seven-days', 'next-seven-days', 'this-week', 'last-week', 'next-week',
    'this-month', 'last-month', 'next-month', 'this-year', 'last-year', 'next-year',
  ])('compiles the date operator %s', (operator) => {
    expect(filterOf(`<condition attribute="createdon" operator="${operator}"/>`)).toEqual({ kind: 'date', operator, column: 'createdon' });
  });

  it.each([
    'last-x-hours', 'last-x-days', 'last-x-weeks', 'last-x-months', 'last-x-years',
    'next-x-hours', 'next-x-days', 'next-x-weeks', 'next-x-months', 'next-x-years',
    'olderthan-x-minutes', 'olderthan-x-hours', 'olderthan-x-days', 'olderthan-x-weeks', 'olderthan-x-months', 'olderthan-x-years',
  ])('compiles the counted date operator %s with its count', (operator) => {
    expect(filterOf(`<condition attribute="createdon" operator="${operator}" value="3"/>`)).toEqual({ kind: 'date', operator, column: 'createdon', argument: 3 });
  });

  it.each(['on', 'on-or-after', 'on-or-before'])('compiles the date operator %s with its day', (operator) => {
    expect(filterOf(`<condition attribute="createdon" operator="${operator}" value="2026-11-22"/>`)).toEqual({ kind: 'date', operator, column: 'createdon', argument: Date.UTC(2026, 10, 22) });
  });

  it('compiles inner and outer link-entities as joins with their own columns, filter, orders and nested links', () => {
    const { entity } = parseFetchXml(`<fetch><entity name="contact">
      <link-entity name="account" from="accountid" to="parentcustomerid" alias="a" link-type="outer">
        <attribute name="name"/><order attribute="name"/>
        <filter><condition attribute="statecode" operator="eq" value="0"/></filter>
        <link-entity name="systemuser" from="systemuserid" to="ownerid"/>
      </link-entity></entity></fetch>`);
    expect(entity.links).toHaveLength(1);
    expect(entity.links[0]).toMatchObject({ name: 'account', from: 'accountid', to: 'parentcustomerid', alias: 'a', type: 'outer', attributes: [{ name: 'name' }], orders: [{ column: 'name', descending: false }] });
    expect(entity.links[0].filter).toMatchObject({ kind: 'compare', left: column('statecode') });
    expect(entity.links[0].links[0]).toMatchObject({ name: 'systemuser', type: 'inner', alias: 'systemuser2' });
  });

  it('compiles any, exists and in links to semi-joins, and not any to their negation', () => {
    const link = (type: string) => `<link-entity name="contact" from="parentcustomerid" to="accountid" link-type="${type}"><filter><condition attribute="statecode" operator="eq" value="0"/></filter></link-entity>`;
    expect(filterOf(link('any'))).toMatchObject({ kind: 'exists', link: { name: 'contact', from: 'parentcustomerid', to: 'accountid', type: 'any' } });
    expect(filterOf(link('not any'))).toMatchObject({ kind: 'not', operand: { kind: 'exists', link: { name: 'contact' } } });
    for (const type of ['exists', 'in']) {
      const { entity } = parseFetchXml(`<fetch><entity name="account">${link(type)}</entity></fetch>`);
      expect(entity.links).toEqual([]);
      expect(entity.filter).toMatchObject({ kind: 'exists', link: { type, filter: { kind: 'compare' } } });
    }
  });

  describe('bad input', () => {
    it.each([
      ['malformed XML', '<fetch><entity name="account"></fetch>', 'Malformed FetchXML'],
      ['another root', '<query/>', '<query>'],
      ['an unknown element', '<fetch><entity name="account"><colum name="x"/></entity></fetch>', '<colum>'],
      ['an element in the wrong place', '<fetch><entity name="account"><value>1</value></entity></fetch>', '<value> is not allowed inside <entity>'],
      ['an unknown attribute', '<fetch><entity name="account"><attribute name="name" sort="asc"/></entity></fetch>', "'sort'"],
      ['an unknown operator', '<fetch><entity name="account"><filter><condition attribute="name" operator="equals" value="x"/></filter></entity></fetch>', "'equals'"],
      ['an unsupported operator', '<fetch><entity name="account"><filter><condition attribute="accountid" operator="under" value="x"/></filter></entity></fetch>', "'under' is not supported offline"],
      ['an unknown link-type', '<fetch><entity name="account"><link-entity name="contact" from="a" to="b" link-type="left"/></entity></fetch>', "'left'"],
      ['an any link outside a filter', '<fetch><entity name="account"><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any"/></entity></fetch>', 'must sit inside a <filter>'],
      ['a not any link outside a filter', '<fetch><entity name="account"><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="not any"/></entity></fetch>', "'not any'"],
      ['an all link', '<fetch><entity name="account"><filter><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="all"/></filter></entity></fetch>', "'all' (on <link-entity name=\"contact\">) is not supported offline"],
      ['an unknown filter type', '<fetch><entity name="account"><filter type="xor"/></entity></fetch>', "'xor'"],
      ['an unknown aggregate', '<fetch aggregate="true"><entity name="account"><attribute name="revenue" aggregate="median" alias="m"/></entity></fetch>', "'median'"],
      ['no entity', '<fetch/>', 'exactly one <entity>'],
      ['a missing entity name', '<fetch><entity/></fetch>', "'name'"],
      ['a missing operator', '<fetch><entity name="account"><filter><condition attribute="name"/></filter></entity></fetch>', "'operator'"],
      ['a non-number count', '<fetch count="ten"><entity name="account"/></fetch>', "'ten'"],
      ['top with page', '<fetch top="5" page="2"><entity name="account"/></fetch>', "'top'"],
      ['top with a total count', '<fetch top="5" returntotalrecordcount="true"><entity name="account"/></fetch>', "'top'"],
      ['a top over 5,000', '<fetch top="5001"><entity name="account"/></fetch>', 'at most 5000'],
      ['a page over 5,000', '<fetch count="5001"><entity name="account"/></fetch>', "'count' is 5001"],
      ['an element named like an object member', '<fetch><entity name="account"><constructor/></entity></fetch>', '<constructor>'],
      ['an operator named like an object member', '<fetch><entity name="account"><filter><condition attribute="name" operator="constructor" value="x"/></filter></entity></fetch>', "'constructor'"],
      ['an entity named like an object member', '<fetch><entity name="a&toString;"/></fetch>', '&toString;'],
      ['a between with one value', '<fetch><entity name="account"><filter><condition attribute="revenue" operator="between"><value>1</value></condition></filter></entity></fetch>', 'exactly two'],
      ['an in with no values', '<fetch><entity name="account"><filter><condition attribute="statecode" operator="in"/></filter></entity></fetch>', 'at least one'],
      ['a last-x-days without a count', '<fetch><entity name="account"><filter><condition attribute="createdon" operator="last-x-days" value="many"/></filter></entity></fetch>', "'many'"],
      ['an on without a date', '<fetch><entity name="account"><filter><condition attribute="createdon" operator="on" value="soon"/></filter></entity></fetch>', "'soon'"],
      ['a backwards wildcard range', '<fetch><entity name="account"><filter><condition attribute="name" operator="like" value="[z-a]%"/></filter></entity></fetch>', '[z-a]'],
    ])('rejects %s with a QueryError naming it', (_, fetchXml, named) => {
      const error = rejection(fetchXml);
      expect(error.code).toBe('invalid-query');
      expect(error.message).toContain(named);
    });

    it('rejects a sixteenth link-entity, naming it and the Dataverse error', () => {
      const links = Array.from({ length: 16 }, (_, i) => `<link-entity name="t${String(i + 1)}" from="a" to="b"/>`).join('');
      const error = rejection(`<fetch><entity name="account">${links}</entity></fetch>`);
      expect(error.message).toContain('more than 15');
      expect(error.message).toContain('t16');
      expect(() => parseFetchXml(`<fetch><entity name="account">${links.replace(/<link-entity name="t16"[^>]*>/, '')}</entity></fetch>`)).not.toThrow();
    });
  });
});
