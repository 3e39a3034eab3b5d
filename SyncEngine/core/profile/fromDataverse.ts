import { OfflineProfileError } from '../../contracts/errors';
import { MAX_SYNC_INTERVAL_MINUTES, MIN_SYNC_INTERVAL_MINUTES, type OfflineProfile, type ProfileRelationship, type ProfileTable } from '../../contracts/profile';
import { keyOf, type DataverseProfileRecords, type ProfileItemRecord, type TableMetadata } from './dataverseRecords';
import { itemFilter } from './itemFilter';
import { pruneCycles } from './pruneCycles';

/** A profile mapped from Dataverse, and what had to be left out of it (each problem names its table). */
export interface MappedProfile {
  profile: OfflineProfile;
  problems: OfflineProfileError[];
}

/**
 * Our decision where a published item leaves the interval unset: once a day, the longest interval allowed, so an
 * unset value never syncs more often than the maker could have meant.
 */
export const DEFAULT_ITEM_INTERVAL_MINUTES = MAX_SYNC_INTERVAL_MINUTES;

/**
 * The Dataverse offline profile as our `OfflineProfile`. Pure: the records come from the adapter. An item that
 * cannot be used (unreadable or unknown table, broken rule view, bad settings, circular relationship) leaves the
 * profile with a typed problem, and the other tables stay.
 * @throws OfflineProfileError `profile-empty` when no table is left.
 */
export function fromDataverse(records: DataverseProfileRecords): MappedProfile {
  const problems: OfflineProfileError[] = [];
  const tables: ProfileTable[] = [];
  const tableOfItem = new Map<string, string>();
  for (const item of records.items) {
    const mapped = mapItem(item, records);
    if (mapped instanceof OfflineProfileError) problems.push(mapped);
    else if (!tables.some((t) => t.logicalName === mapped.logicalName)) {
      tables.push(mapped);
      tableOfItem.set(keyOf(item.mobileofflineprofileitemid), mapped.logicalName);
    }
  }
  const relationships = mapAssociations(records, tableOfItem, tables, problems);
  const following = new Set(records.associations.map((a) => tableOfItem.get(keyOf(a._mobileofflineprofileitemid_value))).filter((t): t is string => t !== undefined));
  const pruned = pruneCycles(tables, relationships, following);
  problems.push(...pruned.problems);
  if (pruned.tables.length === 0) {
    const why = problems.map((p) => p.message).join(' ');
    throw new OfflineProfileError('profile-empty', `The offline profile "${records.profile.name}" has no table that can be taken offline. ${why}`.trim(), {
      askMaker: `Ask the app's maker to add tables to the offline profile "${records.profile.name}" and publish it.`,
    });
  }
  return { profile: { name: records.profile.name, tables: pruned.tables, relationships: pruned.relationships }, problems };
}

function mapItem(item: ProfileItemRecord, records: DataverseProfileRecords): ProfileTable | OfflineProfileError {
  const name = keyOf(item.selectedentitytypecode);
  if (records.unreadable.has(name)) {
    return new OfflineProfileError('table-not-readable', `You cannot read the table "${name}" of the offline profile (no read privilege).`, {
      table: name,
      askMaker: `Ask the app's maker or your administrator for a security role that can read ${name}, or to take it out of the offline profile.`,
    });
  }
  const metadata = records.tables.get(name);
  if (!metadata) {
    return new OfflineProfileError('table-unknown', `The offline profile names the table "${name}", which this organisation does not have.`, {
      table: name,
      askMaker: `Ask the app's maker to remove ${name} from the offline profile and publish it again.`,
    });
  }
  const interval = item.syncintervalinminutes ?? DEFAULT_ITEM_INTERVAL_MINUTES;
  const columns = selectedColumns(item.selectedcolumns, metadata);
  if (!Number.isInteger(interval) || interval < MIN_SYNC_INTERVAL_MINUTES || interval > MAX_SYNC_INTERVAL_MINUTES || columns === null) {
    const what = columns === null ? 'its selected columns are not {"Columns":[…]} JSON' : `its sync interval ${String(interval)} is not ${MIN_SYNC_INTERVAL_MINUTES}…${MAX_SYNC_INTERVAL_MINUTES} minutes`;
    return new OfflineProfileError('invalid-item', `Table "${name}" cannot be taken offline: ${what}.`, {
      table: name,
      askMaker: `Ask the app's maker to correct ${name} in the offline profile and publish it again.`,
    });
  }
  const table: ProfileTable = {
    logicalName: metadata.logicalName,
    entitySet: metadata.entitySet,
    primaryId: metadata.primaryId,
    ...(metadata.primaryName ? { primaryName: metadata.primaryName } : {}),
    ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
    columns: unique([metadata.primaryId, ...columns]),
    syncIntervalMinutes: interval,
    filter: { kind: 'all' },
  };
  const filter = itemFilter(item, table, records.ruleViews);
  return filter instanceof OfflineProfileError ? filter : { ...table, filter };
}

/**
 * Logical names → the Web API's column names (lookups as `_x_value`). Columns the metadata no longer has are left
 * out: asking for one would fail every download of the table. No selection at all means every column.
 * `null` when the JSON is not the documented `{"Columns":[…]}` shape.
 */
export function selectedColumns(json: string | null | undefined, metadata: TableMetadata): string[] | null {
  let names: readonly string[] = metadata.attributes;
  if (json !== null && json !== undefined && json.trim() !== '') {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return null;
    }
    const list = (value as { Columns?: unknown } | null)?.Columns;
    if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) return null;
    names = list;
  }
  const attributes = new Set(metadata.attributes.map(keyOf));
  const lookups = new Set(metadata.lookups.map(keyOf));
  return names.map(keyOf).filter((n) => attributes.has(n)).map((n) => (lookups.has(n) ? `_${n}_value` : n));
}

function mapAssociations(records: DataverseProfileRecords, tableOfItem: ReadonlyMap<string, string>, tables: ProfileTable[], problems: OfflineProfileError[]): ProfileRelationship[] {
  const relationships: ProfileRelationship[] = [];
  for (const association of records.associations) {
    const owner = tableOfItem.get(keyOf(association._mobileofflineprofileitemid_value));
    if (owner === undefined) continue;
    const metadata = records.relationships.get(keyOf(association.relationshipname));
    if (!metadata) {
      problems.push(new OfflineProfileError('unknown-relationship', `Table "${owner}" follows the relationship "${association.relationshipname}", which the metadata does not describe.`, {
        table: owner,
        askMaker: `Ask the app's maker to remove the relationship ${association.relationshipname} from ${owner} in the offline profile.`,
      }));
      continue;
    }
    const from = keyOf(metadata.referencingEntity);
    const to = keyOf(metadata.referencedEntity);
    if (from === to) {
      // Self relationships are not allowed in a profile (REFERENCE.md): the relationship goes, the table stays.
      problems.push(new OfflineProfileError('circular-relationship', `Table "${from}" relates to itself through "${association.relationshipname}".`, {
        table: from,
        askMaker: `Ask the app's maker to remove the self relationship ${association.relationshipname} from the offline profile.`,
      }));
      continue;
    }
    const referencing = tables.find((t) => t.logicalName === from);
    // A relationship to a table that is not offline (or left the profile) has nothing to follow on the device.
    if (!referencing || !tables.some((t) => t.logicalName === to)) continue;
    const lookup = `_${keyOf(metadata.referencingAttribute)}_value`;
    if (relationships.some((r) => r.from === from && r.to === to && r.lookup === lookup)) continue;
    if (!referencing.columns.includes(lookup)) referencing.columns.push(lookup);
    relationships.push({ from, to, lookup });
  }
  return relationships;
}

function unique(columns: readonly string[]): string[] {
  return [...new Set(columns)];
}
