import { OfflineProfileError } from '../../contracts/errors';
import type { ProfileRelationship, ProfileTable } from '../../contracts/profile';

export interface PrunedProfile {
  tables: ProfileTable[];
  relationships: ProfileRelationship[];
  problems: OfflineProfileError[];
}

/**
 * Offline profiles allow no circular relationships (REFERENCE.md "Mobile offline profile"). Rather than refuse the
 * whole profile, the tables on a cycle leave it, each with a `circular-relationship` problem, and so does any
 * "related rows only" table left with nothing to relate to (`related-table-left`): every other table keeps
 * syncing. `following`: tables whose item names relationships, mapped or not (the other end may have left).
 */
export function pruneCycles(tables: readonly ProfileTable[], relationships: readonly ProfileRelationship[], following: ReadonlySet<string> = new Set()): PrunedProfile {
  let kept = [...tables];
  let links = [...relationships];
  const problems: OfflineProfileError[] = [];
  for (let cycle = findCycle(links); cycle; cycle = findCycle(links)) {
    const onCycle = new Set(cycle);
    const path = [...cycle, cycle[0]].join(' → ');
    for (const table of cycle) {
      problems.push(new OfflineProfileError('circular-relationship', `Table "${table}" is on a circular relationship: ${path}.`, {
        table,
        askMaker: `Ask the app's maker to remove one of the relationships ${path} from the offline profile.`,
      }));
    }
    kept = kept.filter((t) => !onCycle.has(t.logicalName));
    links = links.filter((r) => !onCycle.has(r.from) && !onCycle.has(r.to));
  }
  const followed = (name: string): boolean => following.has(name) || relationships.some((r) => r.from === name || r.to === name);
  const reached = reachable(kept, links);
  for (const table of kept.filter((t) => !reached.has(t.logicalName) && followed(t.logicalName))) {
    problems.push(new OfflineProfileError('related-table-left', `Table "${table.logicalName}" has related rows only, and no table it relates to brings rows any more.`, {
      table: table.logicalName,
      askMaker: `Ask the app's maker to fix the tables ${table.logicalName} relates to in the offline profile, or give it a filter of its own.`,
    }));
  }
  kept = kept.filter((t) => reached.has(t.logicalName) || !followed(t.logicalName));
  links = links.filter((r) => reached.has(r.from) && reached.has(r.to));
  return { tables: kept, relationships: links, problems };
}

/**
 * Tables whose rows something brings: every table with a filter of its own, and every "related rows only" table
 * linked (either way) to one of those, directly or through other related tables.
 */
function reachable(tables: readonly ProfileTable[], links: readonly ProfileRelationship[]): Set<string> {
  const reached = new Set(tables.filter((t) => t.filter.kind !== 'related').map((t) => t.logicalName));
  const present = new Set(tables.map((t) => t.logicalName));
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of links) {
      if (!present.has(r.from) || !present.has(r.to) || reached.has(r.from) === reached.has(r.to)) continue;
      reached.add(reached.has(r.from) ? r.to : r.from);
      grew = true;
    }
  }
  return reached;
}

/** The tables around one directed cycle (referencing → referenced), or null. */
function findCycle(relationships: readonly ProfileRelationship[]): string[] | null {
  const edges = new Map<string, string[]>();
  for (const r of relationships) edges.set(r.from, [...(edges.get(r.from) ?? []), r.to]);
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = path.indexOf(node);
    if (at >= 0) return path.slice(at);
    if (done.has(node)) return null;
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    done.add(node);
    return null;
  };
  for (const node of edges.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}
