import type { OfflineProfile, ProfileRelationship, ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RowPredicate } from '../profile/rowFilter';
import { downloadOrder } from '../profile/sliceQuery';

interface RelatedDeps {
  store: RecordStore;
  state: { profile: OfflineProfile };
  tables: ReadonlyMap<string, ProfileTable>;
}

const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** A relationship a related table's rows are chosen through, and the table at its other end. */
export interface ParentLink {
  rel: ProfileRelationship;
  /** The table at the other end: downloaded before the related table, its device rows choose the related rows. */
  parent: string;
  /** `rel.from` is the related table: its rows point at the parent's (else the parent's rows point at them). */
  pointsAtParent: boolean;
}

/**
 * The relationships through which "related rows only" `table` gets its rows on the device: those with a table
 * earlier in the download order, as in the server's slice (`sliceQuery`). Two related tables pointing at each
 * other would otherwise keep each other on the device after their parent left.
 */
export function parentLinks(profile: OfflineProfile, table: string): ParentLink[] {
  const order = downloadOrder(profile);
  const earlier = (name: string): boolean => order.indexOf(name) < order.indexOf(table);
  const links: ParentLink[] = [];
  for (const rel of profile.relationships) {
    if (rel.from === table && earlier(rel.to)) links.push({ rel, parent: rel.to, pointsAtParent: true });
    else if (rel.to === table && earlier(rel.from)) links.push({ rel, parent: rel.from, pointsAtParent: false });
  }
  return links;
}

/**
 * "Related rows only": keep a row when it points at a row of a related table on the device, or a row of a
 * related table on the device points at it. Built from the device's copy of the tables it is reached through
 * (`parentLinks`), which the pass downloads first.
 */
export async function relatedPredicate(table: ProfileTable, deps: RelatedDeps): Promise<RowPredicate> {
  const checks: RowPredicate[] = [];
  for (const { rel, parent, pointsAtParent } of parentLinks(deps.state.profile, table.logicalName)) {
    if (pointsAtParent) {
      const parentTable = deps.tables.get(parent);
      if (!parentTable) continue;
      const rows = await deps.store.queryRows(parentTable.logicalName, {});
      const ids = new Set(rows.map((r) => lower(r[parentTable.primaryId])));
      checks.push((row) => ids.has(lower(row[rel.lookup])));
    } else {
      const rows = await deps.store.queryRows(parent, {});
      const ids = new Set(rows.map((r) => lower(r[rel.lookup])));
      checks.push((row) => ids.has(lower(row[table.primaryId])));
    }
  }
  return (row) => checks.some((check) => check(row));
}
