import type { EmulatorTable } from '../tables';

/**
 * A FetchXML query as the emulator evaluates it: names already resolved to stored columns and validated
 * against the tables, so evaluation never has to refuse anything but a badly typed value.
 */
export interface FetchQuery {
  entity: EntityNode;
  top?: number;
  count?: number;
  page?: number;
  pagingCookie?: string;
  distinct: boolean;
  aggregate: boolean;
  returnTotalRecordCount: boolean;
}

export interface EntityNode {
  table: EmulatorTable;
  /** '' for the queried table; a link-entity's alias, or `{name}{N}` when it has none. */
  alias: string;
  attributes: AttributeNode[];
  allAttributes: boolean;
  filter?: FilterNode;
  orders: OrderNode[];
  links: LinkNode[];
}

export type JoinType = 'inner' | 'outer' | 'exists' | 'in';
export type SemiJoinType = 'any' | 'not any';

export interface LinkNode extends EntityNode {
  linkType: JoinType | SemiJoinType;
  /** Column of the linked table, and of the parent, that must be equal. */
  fromColumn: string;
  toColumn: string;
  parentAlias: string;
}

export type AggregateFunction = 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max';
export type DateGrouping = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface AttributeNode {
  /** The logical name written in the query (`ownerid`). */
  name: string;
  /** The stored column (`_ownerid_value`). */
  column: string;
  alias?: string;
  aggregate?: AggregateFunction;
  groupBy: boolean;
  distinct: boolean;
  dateGrouping?: DateGrouping;
}

export interface OrderNode {
  /** Whose column: an entity alias ('' for the queried table). Unset when ordering by an attribute alias. */
  owner?: string;
  column?: string;
  alias?: string;
  descending: boolean;
}

export type FilterNode =
  | { kind: 'filter'; type: 'and' | 'or'; items: FilterNode[] }
  | ConditionNode
  | { kind: 'semijoin'; link: LinkNode };

export interface ConditionNode {
  kind: 'condition';
  /** The entity alias the column belongs to. */
  owner: string;
  column: string;
  /** The attribute name as written, for messages. */
  attribute: string;
  operator: string;
  values: string[];
  /** `valueof`: compare with another column of the same entity instead of a value. */
  otherColumn?: string;
}
