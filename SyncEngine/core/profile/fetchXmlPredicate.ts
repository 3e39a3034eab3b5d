import { QueryError } from '../../contracts/errors';
import type { Identity } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { Row } from '../../contracts/rows';
import { evaluateFilter, renameColumns, storedColumn, type EvaluationContext, type FilterNode } from '../odata';
import { profileFetchFilter } from './profileFetchFilter';

/** Kleene's three values: a part the device cannot decide is `unknown`, not a guess. */
type Truth = boolean | 'unknown';

/**
 * A custom FetchXML profile filter as a device predicate over downloaded rows; `null` when it keeps every row.
 *
 * A row carries only its own columns, so a link-entity (a semi-join into another table) cannot be decided from
 * it: the linked rows may not be on the device at all, and where they are, the device holds its slice of that
 * table, not the server's whole table the filter means. Guessing either way is wrong — `false` would silently
 * drop rows the server selects, `true` would keep rows it rejects for their own columns. So the predicate keeps
 * a row unless the filter is certainly false for it: link-entities (and conditions the device cannot evaluate,
 * such as team membership when it does not know the user's teams) count as unknown, and/or/not combine the
 * three values as Kleene logic does. A filter without link-entities is therefore evaluated exactly; one with
 * them keeps a superset, which is exact as soon as the server runs the filter (the slice query,
 * `sliceQuery.ts`), because the device then only sees rows the server selected.
 */
export function fetchXmlPredicate(table: ProfileTable, source: string, identity: Identity, now: () => number): ((row: Row) => boolean) | null {
  const logical = profileFetchFilter(table, source);
  if (!logical) return null;
  const filter = renameColumns(logical, (name) => deviceColumn(table, name));
  const identityContext = { userId: identity.userId, businessUnitId: identity.businessUnitId, teamIds: identity.teamIds };
  return (row) => truth(filter, row, { now: now(), identity: identityContext }) !== false;
}

/** The column the device keeps for a logical name: itself, or the `_x_value` form of a lookup. */
export function deviceColumn(table: ProfileTable, name: string): string {
  return storedColumn(table.columns, name) ?? name;
}

function truth(node: FilterNode, row: Row, context: EvaluationContext): Truth {
  switch (node.kind) {
    case 'and': {
      const left = truth(node.left, row, context);
      if (left === false) return false;
      const right = truth(node.right, row, context);
      return right === false ? false : left === true && right === true ? true : 'unknown';
    }
    case 'or': {
      const left = truth(node.left, row, context);
      if (left === true) return true;
      const right = truth(node.right, row, context);
      return right === true ? true : left === false && right === false ? false : 'unknown';
    }
    case 'not': {
      const operand = truth(node.operand, row, context);
      return operand === 'unknown' ? 'unknown' : !operand;
    }
    case 'exists':
      return 'unknown';
    default:
      try {
        return evaluateFilter(node, row, context);
      } catch (error) {
        if (error instanceof QueryError) return 'unknown';
        throw error;
      }
  }
}
