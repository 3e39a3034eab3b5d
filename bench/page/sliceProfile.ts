import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import type { OfflineProfile, ProfileTable, RowFilter } from '../../SyncEngine/contracts/profile';
import { SLICE_WINDOW } from '../../test/dataverse-emulator/seed';

/**
 * The bookings rule of the slice benchmark: the user's own bookings starting inside the seed's window, written
 * with fixed dates (the emulator's seeded bookings sit around 2025-01-01, so `next-seven-days` would find none).
 */
export const SLICE_BOOKINGS_FILTER = [
  '<filter type="and">',
  '<condition attribute="ownerid" operator="eq-userid" />',
  `<condition attribute="starttime" operator="ge" value="${SLICE_WINDOW.from}" />`,
  `<condition attribute="starttime" operator="lt" value="${SLICE_WINDOW.to}" />`,
  '</filter>',
].join('');

/** Field Service Mobile's chain: the user's bookings, their work orders, those work orders' accounts, the accounts' contacts and assets. */
const CHAIN: readonly { table: string; filter: RowFilter }[] = [
  { table: 'bookableresourcebooking', filter: { kind: 'custom', fetchXml: SLICE_BOOKINGS_FILTER } },
  { table: 'msdyn_workorder', filter: { kind: 'related' } },
  { table: 'account', filter: { kind: 'related' } },
  { table: 'contact', filter: { kind: 'related' } },
  { table: 'msdyn_customerasset', filter: { kind: 'related' } },
];

function table(name: string): ProfileTable {
  const found = DEFAULT_PROFILE.tables.find((t) => t.logicalName === name);
  if (!found) throw new Error(`DEFAULT_PROFILE has no ${name}`);
  return found;
}

/**
 * DEFAULT_PROFILE's tables, columns and relationships, in chain order (related-rows tables download in profile
 * order, each after the table it hangs off), with the chain's filters.
 */
export const SLICE_PROFILE: OfflineProfile = {
  name: 'Benchmark - Field Service chain, 1% slice',
  tables: CHAIN.map(({ table: name, filter }): ProfileTable => ({ ...table(name), filter })),
  relationships: DEFAULT_PROFILE.relationships,
};
