import { OfflineProfileError } from '../../contracts/errors';
import type { ProfileTable, RowFilter } from '../../contracts/profile';
import type { ProfileItemRecord, RuleViewRecord } from './dataverseRecords';
import { profileFetchFilter } from './profileFetchFilter';

/** Distribution criteria of `mobileofflineprofileitem.recorddistributioncriteria` (REFERENCE.md). */
export const DISTRIBUTION = { relatedOnly: 0, allRecords: 1, otherFilter: 2, customFilter: 3 } as const;

type Owned = { me: boolean; team: boolean; businessUnit: boolean };

/**
 * The row filter of one profile item. "Other data filter" maps to our owner scopes where one says exactly the
 * same: me alone → `user`; me and my teams → `team` (`eq-useroruserteams`); my business unit alone →
 * `businessUnit`. Any other combination becomes FetchXML, an `or` of the owner operators, so no combination is
 * widened or narrowed.
 */
export function itemFilter(item: ProfileItemRecord, table: ProfileTable, ruleViews: ReadonlyMap<string, RuleViewRecord>): RowFilter | OfflineProfileError {
  switch (item.recorddistributioncriteria) {
    case DISTRIBUTION.relatedOnly:
      return { kind: 'related' };
    case DISTRIBUTION.allRecords:
      return { kind: 'all' };
    case DISTRIBUTION.otherFilter:
      return ownedFilter(table, { me: item.recordsownedbyme === true, team: item.recordsownedbymyteam === true, businessUnit: item.recordsownedbymybusinessunit === true });
    case DISTRIBUTION.customFilter:
      return ruleViewFilter(item, table, ruleViews);
    default:
      return new OfflineProfileError('invalid-item', `Table "${table.logicalName}" has no known distribution criteria (${String(item.recorddistributioncriteria)}).`, {
        table: table.logicalName,
        askMaker: `Ask the app's maker to choose which ${table.logicalName} rows go offline in the offline profile and publish it again.`,
      });
  }
}

function ownedFilter(table: ProfileTable, owned: Owned): RowFilter | OfflineProfileError {
  const { me, team, businessUnit } = owned;
  if (!me && !team && !businessUnit) {
    return new OfflineProfileError('invalid-item', `Table "${table.logicalName}" filters by owner but names no owner (me, my teams, my business unit).`, {
      table: table.logicalName,
      askMaker: `Ask the app's maker to pick at least one owner filter for ${table.logicalName} in the offline profile.`,
    });
  }
  if (me && !team && !businessUnit) return { kind: 'owner', scope: 'user' };
  if (me && team && !businessUnit) return { kind: 'owner', scope: 'team' };
  if (!me && !team && businessUnit) return { kind: 'owner', scope: 'businessUnit' };
  const conditions = [
    ...(me ? ['<condition attribute="ownerid" operator="eq-userid" />'] : []),
    ...(team ? ['<condition attribute="ownerid" operator="eq-userteams" />'] : []),
    ...(businessUnit ? ['<condition attribute="owningbusinessunit" operator="eq-businessid" />'] : []),
  ];
  return { kind: 'custom', fetchXml: `<filter type="or">${conditions.join('')}</filter>` };
}

function ruleViewFilter(item: ProfileItemRecord, table: ProfileTable, ruleViews: ReadonlyMap<string, RuleViewRecord>): RowFilter | OfflineProfileError {
  const askMaker = `Ask the app's maker to fix the rule view of ${table.logicalName} in the offline profile and publish it again.`;
  const viewId = item._profileitemrule_value?.toLowerCase();
  const fetchXml = viewId === undefined ? undefined : ruleViews.get(viewId)?.fetchxml?.trim();
  if (!fetchXml) {
    return new OfflineProfileError('invalid-view', `Table "${table.logicalName}" uses a custom data filter, but its rule view is missing or empty.`, { table: table.logicalName, askMaker });
  }
  try {
    // Checked here, per item, so one broken view takes its own table out of the profile and no other.
    profileFetchFilter(table, fetchXml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new OfflineProfileError('invalid-view', `The rule view of table "${table.logicalName}" is not valid FetchXML for it: ${reason}`, { table: table.logicalName, askMaker, cause: error });
  }
  return { kind: 'custom', fetchXml };
}
