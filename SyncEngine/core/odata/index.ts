/**
 * The query model over plain rows (filter tree, query tree, evaluation, ordering) and the OData language for
 * it: shared by the engine's offline queries, FetchXML (`../fetchxml`) and the Dataverse emulator.
 */
export type {
  ColumnNode,
  ComparisonOperator,
  FilterNode,
  IdentityOperator,
  LiteralNode,
  OperandNode,
  StringFunction,
} from './FilterNode';
export { COMPARISON_OPERATORS, IDENTITY_OPERATORS, STRING_FUNCTIONS, combine, filterColumns, renameColumns } from './FilterNode';
export {
  AGGREGATE_FUNCTIONS,
  DATE_GROUPINGS,
  LINK_TYPES,
  type AggregateFunction,
  type AttributeNode,
  type DateGrouping,
  type EntityNode,
  type LinkNode,
  type LinkType,
  type OrderNode,
  type QueryTree,
} from './QueryTree';
export { lookupLogicalName, storedColumn } from './lookupNames';
export { parseFilter } from './parseFilter';
export { evaluateFilter, type EvaluationContext } from './evaluateFilter';
export { checkLikePattern, literalPattern, matchesLike } from './wildcard';
export { relativeDateArgument, relativeDateRange, type InstantRange, type RelativeDateOperator } from './relativeDates';
export { parseQueryOptions, type OrderByItem, type QueryOptions } from './parseQueryOptions';
export { compareRows } from './compareRows';
export { compareValues, toInstant } from './compareValues';
export { applySelect } from './applySelect';
export { equalityHint, type EqualityHint } from './equalityHint';
