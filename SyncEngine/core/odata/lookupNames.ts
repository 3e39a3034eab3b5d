/**
 * Lookups have two names: queries (FetchXML, `$select` of a lookup's logical name) say `parentcustomerid`, the Web
 * API's rows and the device keep `_parentcustomerid_value`. These turn one into the other, in one place.
 */

/** `_parentcustomerid_value` → `parentcustomerid`; any other column as it is. */
export function lookupLogicalName(column: string): string {
  return /^_(.+)_value$/.exec(column)?.[1] ?? column;
}

/** The column a table keeps for a name a query wrote: the name itself, or its `_x_value` lookup form; else undefined. */
export function storedColumn(columns: readonly string[], name: string): string | undefined {
  if (columns.includes(name)) return name;
  const lookup = `_${name}_value`;
  return columns.includes(lookup) ? lookup : undefined;
}
