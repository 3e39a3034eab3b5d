import { ConfigError } from '../../contracts/errors';
import {
  MAX_RELATIONSHIPS_PER_TABLE,
  MAX_SYNC_INTERVAL_MINUTES,
  MIN_SYNC_INTERVAL_MINUTES,
  type OfflineProfile,
  type ProfileTable,
} from '../../contracts/profile';
import { filterColumns, parseFilter, type FilterNode } from '../odata';
import { deviceColumn } from './fetchXmlPredicate';
import { profileFetchFilter } from './profileFetchFilter';

export interface ProfileIssue {
  table?: string;
  field: string;
  message: string;
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Every problem in a profile, each naming the table and field at fault. Empty when the profile is valid. */
export function profileIssues(profile: OfflineProfile): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (profile.tables.length === 0) issues.push({ field: 'tables', message: 'The offline profile has no tables.' });
  const seen = new Set<string>();
  for (const table of profile.tables) {
    if (seen.has(table.logicalName)) {
      issues.push({ table: table.logicalName, field: 'logicalName', message: `Table "${table.logicalName}" appears twice.` });
    }
    seen.add(table.logicalName);
    issues.push(...tableIssues(table));
  }
  issues.push(...relationshipIssues(profile, seen));
  return issues;
}

/** Throws a `ConfigError` listing every issue. */
export function assertValidProfile(profile: OfflineProfile): void {
  const issues = profileIssues(profile);
  if (issues.length === 0) return;
  const lines = issues.map((i) => (i.table ? `${i.table}.${i.field}: ${i.message}` : `${i.field}: ${i.message}`));
  throw new ConfigError(`Invalid offline profile "${profile.name}":\n${lines.join('\n')}`);
}

function tableIssues(table: ProfileTable): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const at = (field: string, message: string): void => {
    issues.push({ table: table.logicalName, field, message });
  };
  const shape = shapeIssue(table);
  if (shape) {
    at(shape, `is missing or of the wrong type.`);
    return issues;
  }
  if (!NAME.test(table.logicalName)) at('logicalName', `"${table.logicalName}" is not a lower-case logical name.`);
  if (!NAME.test(table.entitySet)) at('entitySet', `"${table.entitySet}" is not a valid entity set name.`);
  if (!NAME.test(table.primaryId)) at('primaryId', `"${table.primaryId}" is not a valid column name.`);
  const interval = table.syncIntervalMinutes;
  if (!Number.isInteger(interval) || interval < MIN_SYNC_INTERVAL_MINUTES || interval > MAX_SYNC_INTERVAL_MINUTES) {
    at('syncIntervalMinutes', `must be a whole number from ${MIN_SYNC_INTERVAL_MINUTES} to ${MAX_SYNC_INTERVAL_MINUTES}, not ${String(interval)}.`);
  }
  if (!table.columns.includes(table.primaryId)) at('columns', `must include the primary id "${table.primaryId}".`);
  for (const column of table.columns) {
    if (!NAME.test(column)) at('columns', `"${column}" is not a lower-case column name.`);
  }
  if (table.filter.kind === 'custom') {
    const filter = table.filter;
    try {
      if ('fetchXml' in filter) for (const message of fetchXmlIssues(table, filter.fetchXml)) at('filter', message);
      else parseFilter(filter.filter);
    } catch (error) {
      at('filter', error instanceof Error ? error.message : String(error));
    }
  }
  return issues;
}

/**
 * A FetchXML filter must parse, be of this table and read only columns the device keeps, since the device checks
 * it on every downloaded row. Its link-entities may join any table: they are run by the server, not the device.
 */
function fetchXmlIssues(table: ProfileTable, source: string): string[] {
  const filter = profileFetchFilter(table, source);
  if (!filter) return [];
  return [...new Set(rowColumns(filter))]
    .filter((column) => !table.columns.includes(deviceColumn(table, column)))
    .map((column) => `The FetchXML filter reads "${column}", which is not one of the table's columns; add it so the device can check the filter.`);
}

/** The columns the device reads to check a filter on a row: none for a link-entity, which only the server decides. */
function rowColumns(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...rowColumns(node.left), ...rowColumns(node.right)];
    case 'not':
      return rowColumns(node.operand);
    case 'exists':
      return [];
    default:
      return filterColumns(node);
  }
}

/** Profiles arrive as maker-written JSON: check the shape before reading it. */
function shapeIssue(table: ProfileTable): string | null {
  const loose = table as unknown as Record<string, unknown>;
  for (const field of ['logicalName', 'entitySet', 'primaryId']) if (typeof loose[field] !== 'string') return field;
  if (typeof loose.syncIntervalMinutes !== 'number') return 'syncIntervalMinutes';
  if (!Array.isArray(loose.columns) || !loose.columns.every((c) => typeof c === 'string')) return 'columns';
  const filter = loose.filter as { kind?: unknown; filter?: unknown; fetchXml?: unknown; scope?: unknown } | undefined;
  if (typeof filter !== 'object' || !['all', 'related', 'owner', 'custom'].includes(String(filter.kind))) return 'filter';
  if (filter.kind === 'custom' && typeof filter.filter !== 'string' && typeof filter.fetchXml !== 'string') return 'filter';
  if (filter.kind === 'owner' && !['user', 'team', 'businessUnit'].includes(String(filter.scope))) return 'filter';
  return null;
}

function relationshipIssues(profile: OfflineProfile, tables: Set<string>): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const perTable = new Map<string, number>();
  for (const rel of profile.relationships) {
    if (rel.from === rel.to) {
      issues.push({ table: rel.from, field: 'relationships', message: `Self relationship through "${rel.lookup}" is not allowed.` });
      continue;
    }
    for (const end of [rel.from, rel.to]) {
      if (!tables.has(end)) issues.push({ table: end, field: 'relationships', message: `Relationship names table "${end}", which is not in the profile.` });
      perTable.set(end, (perTable.get(end) ?? 0) + 1);
    }
    const from = profile.tables.find((t) => t.logicalName === rel.from);
    if (from && !from.columns.includes(rel.lookup)) {
      issues.push({ table: rel.from, field: 'relationships', message: `Lookup "${rel.lookup}" is not one of the table's columns.` });
    }
  }
  for (const [table, count] of perTable) {
    if (count > MAX_RELATIONSHIPS_PER_TABLE) {
      issues.push({ table, field: 'relationships', message: `${count} relationships; at most ${MAX_RELATIONSHIPS_PER_TABLE} are allowed.` });
    }
  }
  const cycle = findCycle(profile);
  if (cycle) issues.push({ table: cycle[0], field: 'relationships', message: `Circular relationship: ${cycle.join(' → ')}.` });
  return issues;
}

/** A directed cycle among relationships (from → to), as the list of tables around it, or null. */
function findCycle(profile: OfflineProfile): string[] | null {
  const edges = new Map<string, string[]>();
  for (const rel of profile.relationships) {
    if (rel.from !== rel.to) edges.set(rel.from, [...(edges.get(rel.from) ?? []), rel.to]);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}
