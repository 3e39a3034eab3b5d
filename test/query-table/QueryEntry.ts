/** One entry of the shared FetchXML query table, run both against the emulator and against engine.offline. */
export interface QueryEntry {
  /** Unique; the test's name. */
  name: string;
  /** The Web API entity set the query is sent to over HTTP (`GET <entitySet>?fetchXml=`). */
  entitySet: string;
  /** The table's logical name, as engine.offline.retrieveMultipleRecords takes it; equals `<entity name>`. */
  table: string;
  fetchXml: string;
  /**
   * The answer has at least this many rows on the seeded data (default 1), so two empty answers cannot pass
   * for agreement. 0 marks a query that is deliberately empty; `maxRows` then bounds it too.
   */
  minRows?: number;
  /** Guards against a filter that selects everything: the answer has at most this many rows. */
  maxRows?: number;
  /**
   * Read every page, not just the one the query names: by page number on the device (offline paging has no
   * cookie) and by the paging cookie against the emulator, as an app would.
   */
  allPages?: boolean;
}

/** The five emulator tables: logical name → entity set. */
export const ENTITY_SETS: Readonly<Record<string, string>> = {
  account: 'accounts',
  contact: 'contacts',
  msdyn_workorder: 'msdyn_workorders',
  bookableresourcebooking: 'bookableresourcebookings',
  msdyn_customerasset: 'msdyn_customerassets',
};

/** An entry over `table` from a FetchXML body; keeps entries one line of XML each in the table files. */
export function entry(name: string, table: string, fetchXml: string, extra: Partial<QueryEntry> = {}): QueryEntry {
  const entitySet = ENTITY_SETS[table] as string | undefined;
  if (entitySet === undefined) throw new Error(`No entity set for table ${table}.`);
  return { name, table, entitySet, fetchXml: fetchXml.replace(/>\s+</g, '><').trim(), ...extra };
}
