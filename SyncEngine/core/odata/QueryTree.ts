import type { FilterNode } from './FilterNode';

/**
 * The one query model: what to read (columns or aggregates), which rows (filter), joins, order and paging.
 * FetchXML compiles to it (`parseFetchXml`) and the device runs it (`runQuery`); an OData `$filter` compiles to
 * the same filter tree (`parseFilter`), so both languages share one evaluator (`evaluateFilter`). Column names
 * are as the query wrote them (logical names); binding them to a table's stored columns (`parentcustomerid` →
 * `_parentcustomerid_value`) is the runner's business.
 */
export interface QueryTree {
  entity: EntityNode;
  /** At most this many rows; not with `page`/`count`. */
  top?: number;
  /** 1-based page number of `count`-sized pages. */
  page?: number;
  count?: number;
  distinct: boolean;
  aggregate: boolean;
  returnTotalRecordCount: boolean;
  /** Kept verbatim: only the server interprets paging cookies; offline paging uses `page`. */
  pagingCookie?: string;
}

export interface EntityNode {
  name: string;
  /** Columns to return; empty with `allAttributes` false means every column too, as in FetchXML. */
  attributes: AttributeNode[];
  allAttributes: boolean;
  filter?: FilterNode;
  orders: OrderNode[];
  /** Joins that add rows or columns (`inner`, `outer`). Semi-joins are `exists` nodes of the filter. */
  links: LinkNode[];
}

export type LinkType = 'inner' | 'outer' | 'any' | 'not any' | 'exists' | 'in';
export const LINK_TYPES: readonly LinkType[] = ['inner', 'outer', 'any', 'not any', 'exists', 'in'];

/** A joined table: its rows whose `from` column equals the parent row's `to` column. */
export interface LinkNode extends EntityNode {
  type: LinkType;
  from: string;
  to: string;
  /** How its columns are keyed in results (`alias.column`); Dataverse's generated `{name}{N}` when absent. */
  alias: string;
}

export type AggregateFunction = 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max';
export const AGGREGATE_FUNCTIONS: readonly AggregateFunction[] = ['count', 'countcolumn', 'sum', 'avg', 'min', 'max'];
export type DateGrouping = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const DATE_GROUPINGS: readonly DateGrouping[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface AttributeNode {
  name: string;
  alias?: string;
  aggregate?: AggregateFunction;
  groupBy?: boolean;
  /** `countcolumn` counts distinct values. */
  distinct?: boolean;
  dateGrouping?: DateGrouping;
}

/** By a column of the entity it sits in, or (aggregates) by an attribute alias. */
export type OrderNode = { column: string; descending: boolean } | { alias: string; descending: boolean };
