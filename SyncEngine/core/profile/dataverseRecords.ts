/**
 * The Dataverse records an offline profile is made of, as the Web API returns them (REFERENCE.md "Mobile offline
 * profile as stored in Dataverse"), plus the metadata needed to map them: which the adapter reads, and which
 * `fromDataverse` maps, without either knowing the other's side.
 */

export interface ProfileRecord {
  mobileofflineprofileid: string;
  name: string;
}

/** `mobileofflineprofileitem`: one table of the profile. Nulls are what the Web API sends for unset columns. */
export interface ProfileItemRecord {
  mobileofflineprofileitemid: string;
  /** The table's logical name. */
  selectedentitytypecode: string;
  /** 0 related data only, 1 all records, 2 other data filter (owned by…), 3 custom data filter (rule view). */
  recorddistributioncriteria: number | null;
  recordsownedbyme?: boolean | null;
  recordsownedbymyteam?: boolean | null;
  recordsownedbymybusinessunit?: boolean | null;
  getrelatedentityrecords?: boolean | null;
  /** The rule view (`savedquery`) of a custom data filter. */
  _profileitemrule_value?: string | null;
  syncintervalinminutes?: number | null;
  /** JSON text `{"Columns":[…]}` of logical column names. */
  selectedcolumns?: string | null;
}

/** `mobileofflineprofileitemassociation`: a relationship the item's table follows to reach its rows. */
export interface ProfileAssociationRecord {
  _mobileofflineprofileitemid_value: string;
  /** The relationship's schema name, e.g. `contact_customer_accounts`. */
  relationshipname: string;
}

/** A `savedquery` used as a rule view. */
export interface RuleViewRecord {
  savedqueryid: string;
  fetchxml?: string | null;
}

/** What `EntityDefinitions(LogicalName='…')` says about a table. */
export interface TableMetadata {
  logicalName: string;
  entitySet: string;
  primaryId: string;
  primaryName?: string;
  displayName?: string;
  /** Logical names of every attribute, and of those that are lookups (Lookup, Customer, Owner). */
  attributes: readonly string[];
  lookups: readonly string[];
}

/** A one-to-many relationship: `referencingEntity.referencingAttribute` points at a `referencedEntity` row. */
export interface RelationshipMetadata {
  schemaName: string;
  referencingEntity: string;
  referencingAttribute: string;
  referencedEntity: string;
}

/** Everything read for one profile. Maps are keyed by id (rule views), logical name (tables), lower-case schema name. */
export interface DataverseProfileRecords {
  profile: ProfileRecord;
  items: readonly ProfileItemRecord[];
  associations: readonly ProfileAssociationRecord[];
  ruleViews: ReadonlyMap<string, RuleViewRecord>;
  tables: ReadonlyMap<string, TableMetadata>;
  /** Tables the user may not read (the probe answered 403). */
  unreadable: ReadonlySet<string>;
  relationships: ReadonlyMap<string, RelationshipMetadata>;
}

/** Tables, lookups and views are compared as Dataverse does: case-insensitively. */
export function keyOf(name: string): string {
  return name.toLowerCase();
}
