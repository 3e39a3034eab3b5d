import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import type { OfflineProfile, ProfileTable } from '../../SyncEngine/contracts/profile';

export const PAGE_SIZE = 5000;

/**
 * DEFAULT_PROFILE with every filter set to `all`: the benchmark measures storage throughput, so every seeded row
 * must land on the device (owner/related filters would drop a different share per table).
 */
export const BENCH_PROFILE: OfflineProfile = {
  ...DEFAULT_PROFILE,
  name: 'Benchmark - every row',
  tables: DEFAULT_PROFILE.tables.map((t): ProfileTable => ({ ...t, filter: { kind: 'all' } })),
};

export function tableByName(name: string): ProfileTable {
  const table = BENCH_PROFILE.tables.find((t) => t.logicalName === name);
  if (!table) throw new Error(`Unknown table ${name}`);
  return table;
}
