import type { OfflineProfile, ProfileRelationship, ProfileTable } from '../../contracts/profile';
import { requiredColumns } from './rowFilter';

/**
 * A fingerprint of what decides a table's device copy: its entity set, key, columns and filter, and for a table
 * of related rows the filters of every table it is reached through, with the relationships between them. When a
 * maker republishes the profile and a table's fingerprint changes, its rows on the device were chosen (or shaped)
 * by the old profile, so the table downloads again in full (see `adoptProfile`). A change elsewhere in the profile
 * (another table's interval, a table in no chain with it) leaves the fingerprint as it is.
 */
export function tableShapes(profile: OfflineProfile): Map<string, string> {
  const component = components(profile);
  const shapes = new Map<string, string>();
  for (const table of profile.tables) {
    const chain = table.filter.kind === 'related' ? component.get(table.logicalName) ?? [] : [];
    const members = new Set(chain.map((t) => t.logicalName));
    const spelled = JSON.stringify({
      set: table.entitySet,
      key: table.primaryId,
      columns: [...new Set(requiredColumns(table))].sort(),
      filter: table.filter,
      chain: chain.filter((t) => t !== table).map((t) => [t.logicalName, t.filter]).sort(byFirst),
      relationships: profile.relationships
        .filter((r) => members.has(r.from) && members.has(r.to))
        .map(spellRelationship)
        .sort(),
    });
    shapes.set(table.logicalName, hash(spelled));
  }
  return shapes;
}

function spellRelationship(r: ProfileRelationship): string {
  return `${r.from}.${r.lookup}>${r.to}`;
}

function byFirst(a: unknown[], b: unknown[]): number {
  return String(a[0]).localeCompare(String(b[0]));
}

/** The tables joined by relationships, each table's group in profile order. */
function components(profile: OfflineProfile): Map<string, ProfileTable[]> {
  const leader = new Map(profile.tables.map((t) => [t.logicalName, t.logicalName]));
  const root = (name: string): string => {
    let at = name;
    while (leader.get(at) !== at) at = leader.get(at) ?? at;
    return at;
  };
  for (const r of profile.relationships) {
    if (leader.has(r.from) && leader.has(r.to)) leader.set(root(r.from), root(r.to));
  }
  const groups = new Map<string, ProfileTable[]>();
  for (const table of profile.tables) {
    const key = root(table.logicalName);
    groups.set(key, [...(groups.get(key) ?? []), table]);
  }
  return new Map(profile.tables.map((t) => [t.logicalName, groups.get(root(t.logicalName)) ?? [t]]));
}

/** Two 32-bit FNV-1a variants side by side: a short, stable spelling of the fingerprint. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
