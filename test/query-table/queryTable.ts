import { dateQueries } from './dateQueries';
import { AGGREGATE_QUERIES, ELEMENT_QUERIES } from './elementQueries';
import { LINK_QUERIES } from './linkQueries';
import type { QueryEntry } from './QueryEntry';
import { COMPARISON_QUERIES, STRING_QUERIES } from './conditionQueries';

/**
 * The shared table of FetchXML queries (issue #14, item 5): every element and operator the suite supports, each
 * with a non-empty answer on the seeded data plus the fixture rows. Relative dates depend on `now`, the clock
 * both the engine and the emulator read.
 */
export function queryTable(now: number): QueryEntry[] {
  const all = [...ELEMENT_QUERIES, ...AGGREGATE_QUERIES, ...COMPARISON_QUERIES, ...STRING_QUERIES, ...LINK_QUERIES, ...dateQueries(now)];
  const names = new Set<string>();
  for (const query of all) {
    if (names.has(query.name)) throw new Error(`Two query-table entries are named "${query.name}".`);
    names.add(query.name);
  }
  return all;
}

/** The fetch attributes and elements of issue #14 item 1, each as a pattern some query must contain. */
const ELEMENTS: Record<string, RegExp> = {
  top: /<fetch[^>]*\btop="/, count: /<fetch[^>]*\bcount="/, page: /<fetch[^>]*\bpage="/, distinct: /<fetch[^>]*\bdistinct="true"/,
  returntotalrecordcount: /returntotalrecordcount="true"/, aggregate: /aggregate="true"/,
  'aggregate count': /aggregate="count"/, countcolumn: /aggregate="countcolumn"/, 'countcolumn distinct': /aggregate="countcolumn" distinct="true"/,
  sum: /aggregate="sum"/, avg: /aggregate="avg"/, min: /aggregate="min"/, max: /aggregate="max"/, groupby: /groupby="true"/,
  attribute: /<attribute name=/, 'attribute alias': /<attribute name="[^"]*" alias=/, 'all-attributes': /<all-attributes\/>/,
  'order descending': /<order [^>]*descending="true"/, 'order alias': /<order alias=/, 'order entityname': /<order entityname=/,
  'filter and': /<filter type="and">/, 'filter or': /<filter type="or">/, 'nested filter': /<filter[^>]*><filter/,
  '<value> list': /<value>/, entityname: /<condition entityname=/, valueof: /valueof=/,
  'link inner (default)': /<link-entity (?![^>]*link-type)/, 'link outer': /link-type="outer"/, 'link any': /link-type="any"/,
  'link not any': /link-type="not any"/, 'link exists': /link-type="exists"/, 'link in': /link-type="in"/,
  'link in a filter': /<filter[^>]*>(<condition[^>]*\/>)*<link-entity/, 'nested link-entity': /<link-entity[^>]*>(?:(?!<\/link-entity>).)*<link-entity/,
  'link filter': /<link-entity[^>]*>(?:(?!<\/link-entity>).)*<filter/,
  'wildcard %': /value="[^"]*%/, 'wildcard _': /value="[^"]*_/, 'wildcard [..]': /value="[^"]*\[[^^\]]+\]/, 'wildcard [^..]': /value="[^"]*\[\^/,
};

/** The condition operators of issue #14 item 2 (with `x` written out as the table uses it). */
const OPERATORS = [
  'eq', 'ne', 'neq', 'gt', 'ge', 'lt', 'le', 'between', 'not-between', 'in', 'not-in', 'null', 'not-null', 'like', 'not-like',
  'begins-with', 'not-begin-with', 'ends-with', 'not-end-with', 'eq-userid', 'ne-userid', 'eq-userteams', 'eq-useroruserteams',
  'eq-businessid', 'ne-businessid', 'today', 'yesterday', 'tomorrow', 'last-seven-days', 'next-seven-days',
  'this-week', 'last-week', 'next-week', 'this-month', 'last-month', 'next-month', 'this-year', 'last-year', 'next-year',
  ...['hours', 'days', 'weeks', 'months', 'years'].flatMap((unit) => [`last-x-${unit}`, `next-x-${unit}`, `olderthan-x-${unit}`]),
  'olderthan-x-minutes', 'on', 'on-or-after', 'on-or-before',
];

/** What the table misses of issue #14 items 1–2; empty when every element and operator has a query. */
export function requiredCoverage(table: readonly QueryEntry[]): string[] {
  const xml = table.map((query) => query.fetchXml);
  const missingElements = Object.entries(ELEMENTS).filter(([, pattern]) => !xml.some((text) => pattern.test(text))).map(([name]) => name);
  const missingOperators = OPERATORS.filter((operator) => !xml.some((text) => text.includes(`operator="${operator}"`))).map((operator) => `operator ${operator}`);
  return [...missingElements, ...missingOperators];
}
