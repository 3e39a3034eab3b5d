import type { Identity } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { Row } from '../../contracts/rows';
import { evaluateFilter, parseFilter } from '../odata';
import { fetchXmlPredicate } from './fetchXmlPredicate';

export type RowPredicate = (row: Row) => boolean;

const OWNER = '_ownerid_value';
const BUSINESS_UNIT = '_owningbusinessunit_value';

/**
 * The profile's row filter as a predicate over downloaded rows. Change tracking rejects `$filter`, so every
 * change of the table comes down and the device keeps only the rows that pass. `null` means keep every row
 * ("all rows", and "related rows only", which the sync cycle decides from the related tables). A FetchXML
 * filter's link-entities cannot be decided from a row alone: `fetchXmlPredicate` keeps what it cannot decide,
 * and `now` is the clock its relative-date conditions read.
 */
export function rowPredicate(table: ProfileTable, identity: Identity, now: () => number): RowPredicate | null {
  const filter = table.filter;
  switch (filter.kind) {
    case 'all':
    case 'related':
      return null;
    case 'custom': {
      if ('fetchXml' in filter) return fetchXmlPredicate(table, filter.fetchXml, identity, now);
      const node = parseFilter(filter.filter);
      return (row) => evaluateFilter(node, row);
    }
    case 'owner':
      return ownerPredicate(filter.scope, identity);
  }
}

function ownerPredicate(scope: 'user' | 'team' | 'businessUnit', identity: Identity): RowPredicate {
  if (scope === 'businessUnit') {
    const unit = normalise(identity.businessUnitId);
    return (row) => normalise(row[BUSINESS_UNIT]) === unit;
  }
  const owners = new Set([normalise(identity.userId)]);
  if (scope === 'team') for (const team of identity.teamIds ?? []) owners.add(normalise(team));
  return (row) => owners.has(normalise(row[OWNER]));
}

/** Columns the download must ask for beyond the maker's list, so the filter can be evaluated on the device. */
export function requiredColumns(table: ProfileTable): string[] {
  const columns = new Set(table.columns);
  if (table.filter.kind === 'owner') columns.add(table.filter.scope === 'businessUnit' ? BUSINESS_UNIT : OWNER);
  return [...columns];
}

function normalise(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}
