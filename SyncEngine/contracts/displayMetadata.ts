/**
 * What the UI needs from Dataverse metadata to speak the user's language: table and column display names, choice
 * labels, and which columns are lookups, dates or money. Read once per profile and language (`EntityDefinitions`,
 * REFERENCE.md "Metadata and formatted values") and kept in the offline database, so it is there offline. Every
 * part is optional: whatever is missing shows as the logical name.
 */

/** The Dataverse attribute types the UI formats differently; anything else shows as it is. */
export type ColumnKind = 'choice' | 'boolean' | 'lookup' | 'dateTime' | 'money' | 'number' | 'text' | 'id';

export interface ColumnDisplay {
  /** The attribute's display name in the user's language. */
  displayName?: string;
  kind?: ColumnKind;
  /** Choice labels by value (choices, state, status; booleans as `"true"` / `"false"`). */
  options?: Readonly<Record<string, string>>;
}

export interface TableDisplay {
  logicalName: string;
  /** `DisplayName`: one row ("Account"). */
  displayName?: string;
  /** `DisplayCollectionName`: the table ("Accounts"), what the status page lists. */
  displayCollectionName?: string;
  /** By the column's name in rows: `_x_value` for lookups. */
  columns: Readonly<Partial<Record<string, ColumnDisplay>>>;
}

export interface DisplayMetadata {
  /** LCID of the labels (the user's UI language when it was read). */
  language: number;
  /** Fingerprint of the profile tables it was read for: another profile reads it again. */
  profileKey: string;
  /** Epoch ms. */
  fetchedAt: number;
  tables: Readonly<Partial<Record<string, TableDisplay>>>;
}

/** The `RecordStore` value key the cached metadata lives under (`getValue` / `setValue`). */
export const DISPLAY_METADATA_KEY = 'displayMetadata';
