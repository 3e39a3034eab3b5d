import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { OfflineProfile } from '../../contracts/profile';
import type { RowPredicate } from '../profile/rowFilter';
import { downloadOrder } from '../profile/sliceQuery';

interface RelatedDeps {
  store: RecordStore;
  state: { profile: OfflineProfile };
  tables: ReadonlyMap<string, ProfileTable>;
}

const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);

/**
 * "Related rows only": keep a row when it points at a row of a related table on the device, or a row of a
 * related table on the device points at it. Built from the device's copy of the related tables, which the pass
 * downloads first. Only tables earlier in the download order count, as in the server's slice (`sliceQuery`): two
 * related tables pointing at each other would otherwise keep each other on the device after their parent left.
 */
export async function relatedPredicate(table: ProfileTable, deps: RelatedDeps): Promise<RowPredicate> {
  const checks: RowPredicate[] = [];
  const order = downloadOrder(deps.state.profile);
  const earlier = (name: string): boolean => order.indexOf(name) < order.indexOf(table.logicalName);
  for (const rel of deps.state.profile.relationships) {
    if (rel.from === table.logicalName && earlier(rel.to)) {
      const parent = deps.tables.get(rel.to);
      if (!parent) continue;
      const rows = await deps.store.queryRows(parent.logicalName, {});
      const ids = new Set(rows.map((r) => lower(r[parent.primaryId])));
      checks.push((row) => ids.has(lower(row[rel.lookup])));
    } else if (rel.to === table.logicalName && earlier(rel.from)) {
      const rows = await deps.store.queryRows(rel.from, {});
      const ids = new Set(rows.map((r) => lower(r[rel.lookup])));
      checks.push((row) => ids.has(lower(row[table.primaryId])));
    }
  }
  return (row) => checks.some((check) => check(row));
}
