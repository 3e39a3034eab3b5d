import fc from 'fast-check';
import { QueryError } from '../../../SyncEngine/contracts/errors';
import { parseFetchXml, renderFetchXml, renderFilterXml } from '../../../SyncEngine/core/fetchxml';
import { combine, evaluateFilter, parseFilter, type FilterNode, type LinkNode, type QueryTree } from '../../../SyncEngine/core/odata';
import { filterTree, type FilterTree } from '../../query-table/filterTree';
import { renderOData } from '../../query-table/renderFilter';

const NOW = Date.UTC(2025, 5, 15, 12);
const CONTEXT = { now: NOW, identity: { userId: 'u1', businessUnitId: 'b1', teamIds: ['t1'] } };

/** The filter the parser reads back from `<fetch><entity name="account">{filter}</entity></fetch>`. */
const reparse = (node: FilterNode): FilterNode | undefined => parseFetchXml(`<fetch><entity name="account">${renderFilterXml(node)}</entity></fetch>`).entity.filter;

const column = (name: string) => ({ kind: 'column' as const, name });
const untyped = (value: string | number) => ({ kind: 'literal' as const, type: 'untyped' as const, value: String(value) });
const compare = (operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', name: string, value: string | number): FilterNode => ({ kind: 'compare', operator, left: column(name), right: untyped(value) });
const isNull = (name: string, negated: boolean): FilterNode => ({ kind: 'compare', operator: negated ? 'ne' : 'eq', left: column(name), right: { kind: 'literal', type: 'null', value: null } });

/** The shared generator's tree in the form the FetchXML parser builds: untyped values, `like` patterns, balanced chains. */
function parsedForm(tree: FilterTree): FilterNode {
  switch (tree.kind) {
    case 'and':
    case 'or':
      return combine(tree.kind, tree.parts.map(parsedForm)) as FilterNode;
    case 'compare':
      return compare(tree.operator, tree.column, tree.value);
    case 'null':
      return isNull(tree.column, tree.negated);
    case 'text':
      return { kind: 'like', column: tree.column, pattern: tree.fn === 'contains' ? `%${tree.value}%` : tree.fn === 'startswith' ? `${tree.value}%` : `%${tree.value}` };
    case 'in':
      return combine('or', tree.values.map((value) => compare('eq', tree.column, value))) as FilterNode;
  }
}

const semiJoin = (filter: FilterNode | undefined, alias: string): LinkNode => ({
  name: 'contact', from: 'parentcustomerid', to: 'accountid', alias, type: 'any', attributes: [], allAttributes: false, orders: [], links: [], filter,
});

/** What the shared generator lacks: negations FetchXML spells, semi-joins, user and date operators, GUIDs, valueof. */
const extraLeaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.constantFrom<FilterNode>(
    { kind: 'not', operand: { kind: 'like', column: 'name', pattern: '%Ltd%' } },
    { kind: 'identity', operator: 'eq-useroruserteams', column: 'ownerid' },
    { kind: 'identity', operator: 'ne-businessid', column: 'owningbusinessunit' },
    { kind: 'date', operator: 'last-x-days', column: 'createdon', argument: 30 },
    { kind: 'date', operator: 'on-or-after', column: 'createdon', argument: Date.UTC(2025, 0, 1) },
    { kind: 'date', operator: 'this-month', column: 'modifiedon' },
    { kind: 'compare', operator: 'eq', left: column('_ownerid_value'), right: { kind: 'literal', type: 'guid', value: '8b6a2d4e-1f3c-4e5a-9b7d-0c1e2f3a4b5c' } },
    { kind: 'compare', operator: 'gt', left: column('revenue'), right: column('numberofemployees') },
    { kind: 'not', operand: { kind: 'and', left: compare('ge', 'revenue', 1000), right: compare('le', 'revenue', 5000) } },
    combine('and', [compare('ne', 'name', 'a'), compare('ne', 'name', 'b'), compare('ne', 'name', 'c')]) as FilterNode,
  ),
  filterTree.map((tree) => ({ kind: 'exists' as const, link: semiJoin(parsedForm(tree), 'c1') })),
  filterTree.map((tree) => ({ kind: 'not' as const, operand: { kind: 'exists' as const, link: semiJoin(parsedForm(tree), 'c2') } })),
  fc.constant<FilterNode>({ kind: 'exists', link: semiJoin(undefined, 'c3') }),
);

const node: fc.Arbitrary<FilterNode> = fc.oneof(
  filterTree.map(parsedForm),
  extraLeaf,
  fc.tuple(fc.constantFrom('and' as const, 'or' as const), filterTree.map(parsedForm), extraLeaf).map(([kind, left, right]) => ({ kind, left, right })),
);

describe('renderFetchXml', () => {
  it('is read back by parseFetchXml as the very tree it was given, for random filter trees', () => {
    fc.assert(
      fc.property(node, (tree) => {
        expect(reparse(tree)).toEqual(tree);
      }),
      { numRuns: 400 },
    );
  });

  it('escapes values so any text survives the round trip: quotes, ampersands, angle brackets, tabs and line breaks', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('a&b', '<x>', `"it's"`, 'tab\there', 'two\nlines\r\n', '&amp;', ' padded ', ''));
    fc.assert(
      fc.property(text, (value) => {
        const tree = compare('eq', 'name', value);
        expect(reparse(tree)).toEqual(tree);
        const list = combine('or', [compare('eq', 'name', value), compare('eq', 'name', `${value}!`)]) as FilterNode;
        expect(reparse(list)).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });

  it('spells an or of eqs on one column as in, and alias.column as entityname', () => {
    expect(renderFilterXml(combine('or', [compare('eq', 'name', 'a'), compare('eq', 'name', 'b')]) as FilterNode)).toBe(
      '<filter><condition attribute="name" operator="in"><value>a</value><value>b</value></condition></filter>',
    );
    expect(renderFilterXml(compare('eq', 'c.firstname', 'Ann'))).toBe('<filter><condition attribute="firstname" entityname="c" operator="eq" value="Ann"/></filter>');
  });

  it('renders a whole query tree — options, columns, order, joins, paging cookie — that parses back to itself', () => {
    const tree: QueryTree = {
      entity: {
        name: 'account',
        attributes: [{ name: 'name' }, { name: 'revenue', alias: 'money' }],
        allAttributes: false,
        orders: [{ column: 'name', descending: true }, { column: 'c.fullname', descending: false }],
        filter: { kind: 'and', left: compare('gt', 'revenue', 5), right: { kind: 'exists', link: semiJoin(compare('eq', 'statecode', 0), 'x1') } },
        links: [{ ...semiJoin(undefined, 'c'), type: 'outer', attributes: [{ name: 'fullname' }], links: [{ ...semiJoin(undefined, 'd'), name: 'msdyn_workorder', type: 'inner', allAttributes: true }] }],
      },
      count: 50,
      page: 2,
      pagingCookie: '<cookie page="1"><accountid last="{A}" first="{B}" /></cookie>',
      distinct: true,
      aggregate: false,
      returnTotalRecordCount: true,
    };
    expect(parseFetchXml(renderFetchXml(tree))).toEqual(tree);
    const aggregate: QueryTree = {
      entity: { name: 'account', attributes: [{ name: 'statecode', alias: 's', groupBy: true }, { name: 'revenue', alias: 'r', aggregate: 'sum' }], allAttributes: false, orders: [{ alias: 's', descending: false }], links: [] },
      top: 10,
      distinct: false,
      aggregate: true,
      returnTotalRecordCount: false,
    };
    expect(parseFetchXml(renderFetchXml(aggregate))).toEqual(aggregate);
  });
});

/** Account-like rows with nulls, so null semantics of the negations are exercised too. */
const row = fc.record({
  name: fc.constantFrom('Contoso Ltd 1', 'NORTHWIND', '100% Quality Parts', 'Under_Score Works', 'Zeta', 'mon', null),
  address1_city: fc.constantFrom('Seattle', 'oslo', 'DUBLIN', 'Lyon', null),
  telephone1: fc.constantFrom('+1 425 555 0100', '+1 425 555 9999', null),
  revenue: fc.constantFrom(10000, 250000, 1000000, 1200000, 4990000, null),
  numberofemployees: fc.constantFrom(5, 12, 500, 4999, null),
  industrycode: fc.constantFrom(1, 7, 33, null),
  statecode: fc.constantFrom(0, 1),
});

/** OData filters from the shared generator, with `not` anywhere, so the renderer must push negations down. */
const odata: fc.Arbitrary<string> = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small' },
    filterTree.map(renderOData),
    tie('filter').map((inner) => `not (${inner})`),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([a, kind, b]) => `(${a}) ${kind} (${b})`),
  ),
})).filter;

describe('an OData $filter sent as FetchXML', () => {
  it('selects the same rows as the OData filter does, nots and all', () => {
    fc.assert(
      fc.property(odata, fc.array(row, { minLength: 1, maxLength: 12 }), (source, rows) => {
        const tree = parseFilter(source);
        const sent = reparse(tree) as FilterNode;
        for (const data of rows) expect([source, data, evaluateFilter(sent, data, CONTEXT)]).toEqual([source, data, evaluateFilter(tree, data, CONTEXT)]);
      }),
      { numRuns: 300 },
    );
  });

  it('spells the functions as FetchXML patterns and typed values as text', () => {
    const rendered = renderFilterXml(parseFilter("startswith(name,'Con') and revenue gt 5 and createdon lt 2025-01-01T00:00:00Z and donotemail eq true"));
    expect(rendered).toContain('<condition attribute="name" operator="begins-with" value="Con"/>');
    expect(rendered).toContain('<condition attribute="createdon" operator="lt" value="2025-01-01T00:00:00Z"/>');
    expect(rendered).toContain('<condition attribute="donotemail" operator="eq" value="1"/>');
  });

  it.each([
    ['an ordering against null', 'revenue gt null'],
    ['a comparison of two values', '1 eq 1'],
  ])('refuses with a QueryError what FetchXML cannot say: %s', (_what, source) => {
    expect(() => renderFilterXml(parseFilter(source))).toThrow(QueryError);
  });

  it('refuses a not of team membership or of a relative date, which FetchXML has no spelling for', () => {
    expect(() => renderFilterXml({ kind: 'not', operand: { kind: 'identity', operator: 'eq-userteams', column: 'ownerid' } })).toThrow(QueryError);
    expect(() => renderFilterXml({ kind: 'not', operand: { kind: 'date', operator: 'today', column: 'createdon' } })).toThrow(QueryError);
  });
});
