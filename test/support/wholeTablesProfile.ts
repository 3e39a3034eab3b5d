import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import type { OfflineProfile, ProfileTable, RowFilter } from '../../SyncEngine/contracts/profile';

const FILTERS: Readonly<Record<string, RowFilter>> = {
  account: { kind: 'all' },
  contact: { kind: 'related' },
  msdyn_workorder: { kind: 'all' },
  bookableresourcebooking: { kind: 'owner', scope: 'user' },
  msdyn_customerasset: { kind: 'related' },
};

/**
 * The built-in profile's tables, columns and relationships with the filters it had before it followed Field
 * Service Mobile's chain: every account and work order, the user's bookings, and the accounts' contacts and
 * assets. For tests of sync behaviour (conflicts, retries, queries over the device copy) that want every account
 * on the device, whatever the seed's dates.
 */
export const WHOLE_TABLES_PROFILE: OfflineProfile = {
  ...DEFAULT_PROFILE,
  name: 'Tests - whole accounts and work orders',
  tables: Object.entries(FILTERS).map(([name, filter]): ProfileTable => {
    const table = DEFAULT_PROFILE.tables.find((candidate) => candidate.logicalName === name);
    if (!table) throw new Error(`DEFAULT_PROFILE has no ${name}`);
    return { ...table, filter };
  }),
};
