import type { OfflineProfile } from '../../contracts/profile';

export interface EffectiveInterval {
  table: string;
  /** The table's own interval (or the user's frequency when that replaces it). */
  ownMinutes: number;
  effectiveMinutes: number;
  /** The table whose shorter interval drives this one, when one does. */
  drivenBy?: string;
}

/**
 * Dependency analysis, as the mobile app does it: a table whose rows are chosen by their relationships
 * ("related rows only") must sync at least as often as the tables it is related to, or it would miss the rows
 * that newly related rows need. The pull is transitive along chains of related-rows tables.
 */
export function effectiveIntervals(profile: OfflineProfile, userFrequencyMinutes: number | null = null): Map<string, EffectiveInterval> {
  const result = new Map<string, EffectiveInterval>();
  for (const table of profile.tables) {
    const own = userFrequencyMinutes ?? table.syncIntervalMinutes;
    result.set(table.logicalName, { table: table.logicalName, ownMinutes: own, effectiveMinutes: own });
  }
  const dependsOn = relatedTablesOf(profile);
  // Bellman-Ford style relaxation: at most one pass per table reaches the fixpoint.
  for (let pass = 0; pass < profile.tables.length; pass++) {
    let changed = false;
    for (const [table, deps] of dependsOn) {
      const mine = result.get(table);
      if (!mine) continue;
      for (const dep of deps) {
        const other = result.get(dep);
        if (other && other.effectiveMinutes < mine.effectiveMinutes) {
          mine.effectiveMinutes = other.effectiveMinutes;
          mine.drivenBy = other.drivenBy ?? other.table;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return result;
}

/** For each "related rows only" table, the tables it shares a relationship with. */
function relatedTablesOf(profile: OfflineProfile): Map<string, string[]> {
  const related = new Map<string, string[]>();
  for (const table of profile.tables) {
    if (table.filter.kind !== 'related') continue;
    const name = table.logicalName;
    const others = profile.relationships.flatMap((r) => (r.from === name ? [r.to] : r.to === name ? [r.from] : []));
    related.set(name, [...new Set(others)]);
  }
  return related;
}
