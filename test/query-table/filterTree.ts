import fc from 'fast-check';

/**
 * A language-neutral filter tree for the property test: and/or (no not), comparisons, null checks, the string
 * functions with and without wildcards, and `in` lists, over the account table. `renderOData` and
 * `renderFetchXml` spell the same tree in both languages.
 */
export type FilterTree =
  | { kind: 'and' | 'or'; parts: FilterTree[] }
  | { kind: 'compare'; column: string; operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; value: string | number }
  | { kind: 'null'; column: string; negated: boolean }
  | { kind: 'text'; fn: 'contains' | 'startswith' | 'endswith'; column: string; value: string }
  | { kind: 'in'; column: string; values: (string | number)[] };

/** Values near the seeded data (and the fixture rows), so comparisons cut the table somewhere interesting. */
const NUMBERS: Record<string, readonly number[]> = {
  revenue: [10000, 250000, 1000000, 1200000, 2500000, 4990000],
  numberofemployees: [5, 7, 12, 40, 500, 2500, 4999],
  industrycode: [1, 7, 16, 17, 33],
  statecode: [0, 1],
};
const TEXTS: Record<string, readonly string[]> = {
  name: ['Contoso Ltd 1', 'm', 'NORTHWIND', '100% Quality Parts', 'Under_Score Works', 'Zeta'],
  address1_city: ['Seattle', 'oslo', 'DUBLIN', 'Munich', 'Lyon', 'Nowhere'],
  telephone1: ['+1 425 555 0100', '+1 425 555 5', '+1 425 555 9999'],
};
/** Plain fragments and Dataverse wildcard patterns (`_`, `%`, `[…]`, `[^…]`, a bracketed wildcard). */
const FRAGMENTS: readonly string[] = ['on', 'ltd', 'SEA', 'Works', ' 1', '5', 'o_', 'C_n', '[A-C]', '%o', '[^a]e', '1[0-9]', '[%]', '[_]', 'i[ln]'];

const numberColumn = fc.constantFrom(...Object.keys(NUMBERS));
const textColumn = fc.constantFrom(...Object.keys(TEXTS));
const operator = fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le' as const);

const numberCompare = numberColumn.chain((column) =>
  fc.record({ kind: fc.constant('compare' as const), column: fc.constant(column), operator, value: fc.constantFrom(...NUMBERS[column]) }));
const textCompare = textColumn.chain((column) =>
  fc.record({ kind: fc.constant('compare' as const), column: fc.constant(column), operator, value: fc.constantFrom(...TEXTS[column]) }));
const nullCheck = fc.record({
  kind: fc.constant('null' as const),
  column: fc.constantFrom('telephone1', 'revenue', 'industrycode', 'address1_city'),
  negated: fc.boolean(),
});
const textFunction = fc.record({
  kind: fc.constant('text' as const),
  fn: fc.constantFrom('contains', 'startswith', 'endswith' as const),
  column: fc.constantFrom('name', 'address1_city'),
  value: fc.constantFrom(...FRAGMENTS),
});
const inList = fc.oneof(
  numberColumn.chain((column) => fc.record({ kind: fc.constant('in' as const), column: fc.constant(column), values: fc.uniqueArray(fc.constantFrom(...NUMBERS[column]), { minLength: 1, maxLength: 4 }) })),
  textColumn.chain((column) => fc.record({ kind: fc.constant('in' as const), column: fc.constant(column), values: fc.uniqueArray(fc.constantFrom(...TEXTS[column]), { minLength: 1, maxLength: 4 }) })),
);

const leaf: fc.Arbitrary<FilterTree> = fc.oneof(numberCompare, textCompare, nullCheck, textFunction, inList);

/** Trees up to three levels of and/or deep, two to four parts each. */
export const filterTree: fc.Arbitrary<FilterTree> = fc.letrec<{ tree: FilterTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constantFrom('and', 'or' as const), parts: fc.array(tie('tree'), { minLength: 2, maxLength: 4 }) }),
  ),
})).tree;
