import type { OfflineProfile } from '../../SyncEngine/contracts/profile';

/** Accounts and contacts, whole: the profile the committed store fixtures were written with, and opened with. */
export const UPGRADE_PROFILE: OfflineProfile = {
  name: 'Upgrade fixtures',
  tables: [
    {
      logicalName: 'account',
      entitySet: 'accounts',
      primaryId: 'accountid',
      primaryName: 'name',
      columns: ['accountid', 'name', 'accountnumber', 'revenue', 'description', 'statecode', 'modifiedon'],
      syncIntervalMinutes: 1440,
      filter: { kind: 'all' },
    },
    {
      logicalName: 'contact',
      entitySet: 'contacts',
      primaryId: 'contactid',
      primaryName: 'fullname',
      columns: ['contactid', 'fullname', 'firstname', 'lastname', 'emailaddress1', '_parentcustomerid_value', 'statecode', 'modifiedon'],
      syncIntervalMinutes: 1440,
      filter: { kind: 'all' },
    },
  ],
  relationships: [],
};

/** The database name the fixtures were written under (one organisation and user). */
export const UPGRADE_DB = 'offline-sync-upgrade-fixture';
/** Emulator rows across its tables: small, so a fixture stays a few hundred KB. */
export const UPGRADE_ROWS = 400;
