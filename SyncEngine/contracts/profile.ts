/** The mobile offline profile: which tables live on the device, which rows, and how often they sync. */

/** Which rows of a table the device keeps. */
export type RowFilter =
  | { kind: 'all' }
  /** Only rows referenced by, or referencing, rows of related tables already on the device. */
  | { kind: 'related' }
  /** Rows owned by the user, one of the user's teams, or the user's business unit. */
  | { kind: 'owner'; scope: 'user' | 'team' | 'businessUnit' }
  /** An OData `$filter` expression evaluated against each row. */
  | { kind: 'custom'; filter: string }
  /**
   * A FetchXML filter, as a profile item's rule view holds it: a whole `<fetch>` of this table (a `savedquery`'s
   * `fetchxml`) or its `<filter>` element. Its conditions, link-entities included, select the rows.
   */
  | { kind: 'custom'; fetchXml: string };

export interface ProfileTable {
  /** Logical name, e.g. `account`. */
  logicalName: string;
  /** Web API entity set name, e.g. `accounts`. */
  entitySet: string;
  /** Primary key column, e.g. `accountid`. */
  primaryId: string;
  /** Primary name column shown to users, e.g. `name`. */
  primaryName?: string;
  /** Display name for the status page; defaults to the logical name. */
  displayName?: string;
  /** Columns kept offline. Lookups use their `_x_value` form. Must include the primary id. */
  columns: string[];
  /** 5…1440. */
  syncIntervalMinutes: number;
  filter: RowFilter;
}

/** `from` rows point at `to` rows through the lookup column `lookup` (e.g. contact._parentcustomerid_value → account). */
export interface ProfileRelationship {
  from: string;
  to: string;
  lookup: string;
}

export interface OfflineProfile {
  name: string;
  tables: ProfileTable[];
  relationships: ProfileRelationship[];
}

export const MIN_SYNC_INTERVAL_MINUTES = 5;
export const MAX_SYNC_INTERVAL_MINUTES = 1440;
export const MAX_RELATIONSHIPS_PER_TABLE = 15;

/** What the maker allows end users to change (the profile's Features tab). */
export interface MakerSettings {
  /** Conflict detection for mobile offline synchronization: false (default) device wins, true server wins. */
  conflictDetection: boolean;
  allowUserFrequency: boolean;
  allowWifiOnly: boolean;
  allowOnlineMode: boolean;
}

export interface UserSettings {
  wifiOnly: boolean;
  /** No automatic sync; only "Sync now" / "Check for updates". */
  onDemand: boolean;
  /** While connected, reads come from the server; syncing continues in the background. */
  onlineMode: boolean;
  /** User-chosen interval (minutes) replacing every table's own, when the maker allows it. */
  frequencyMinutes: number | null;
}

export const DEFAULT_MAKER_SETTINGS: MakerSettings = {
  conflictDetection: false,
  allowUserFrequency: false,
  allowWifiOnly: false,
  allowOnlineMode: false,
};

export const DEFAULT_USER_SETTINGS: UserSettings = {
  wifiOnly: false,
  onDemand: false,
  onlineMode: false,
  frequencyMinutes: null,
};
