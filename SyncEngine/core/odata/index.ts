/** OData query options over plain rows: shared by the engine's offline queries and the Dataverse emulator. */
export type {
  ColumnNode,
  ComparisonOperator,
  FilterNode,
  LiteralNode,
  OperandNode,
  StringFunction,
} from './FilterNode';
export { COMPARISON_OPERATORS, STRING_FUNCTIONS, filterColumns } from './FilterNode';
export { parseFilter } from './parseFilter';
export { evaluateFilter } from './evaluateFilter';
export { parseQueryOptions, type OrderByItem, type QueryOptions } from './parseQueryOptions';
export { compareRows } from './compareRows';
export { compareValues, toInstant } from './compareValues';
export { applySelect } from './applySelect';
export { equalityHint, type EqualityHint } from './equalityHint';
