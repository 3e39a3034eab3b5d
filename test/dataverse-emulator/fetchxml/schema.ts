import { EMULATOR_TABLES, type EmulatorTable } from '../tables';
import { FETCH_ERRORS, fetchError } from './errors';
import type { XmlElement } from './readXml';

/** The XML attributes each FetchXML element may carry; anything else is refused, as Dataverse's schema does. */
const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  fetch: [
    'version', 'top', 'count', 'page', 'paging-cookie', 'distinct', 'returntotalrecordcount', 'aggregate', 'no-lock',
    'mapping', 'output-format', 'utc-offset', 'min-active-row-version', 'latematerialize', 'aggregatelimit',
    'useraworderby', 'datasource', 'options',
  ],
  entity: ['name'],
  'link-entity': ['name', 'from', 'to', 'alias', 'link-type', 'visible', 'intersect'],
  attribute: ['name', 'alias', 'aggregate', 'groupby', 'distinct', 'dategrouping', 'usertimezone', 'build'],
  'all-attributes': [],
  order: ['attribute', 'alias', 'descending', 'entityname'],
  filter: ['type', 'isquickfindfields', 'overridequickfindrecordlimitenabled', 'overridequickfindrecordlimitdisabled'],
  condition: ['attribute', 'operator', 'value', 'valueof', 'entityname', 'column', 'uiname', 'uitype', 'uihidden'],
  value: ['uiname', 'uitype'],
};

/** Which child elements each element may hold. */
const ALLOWED_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  fetch: ['entity'],
  entity: ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  'link-entity': ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  attribute: [],
  'all-attributes': [],
  order: [],
  filter: ['condition', 'filter', 'link-entity'],
  condition: ['value'],
  value: [],
};

/** Refuses unknown elements and attributes anywhere in the tree, before any of it is interpreted. */
export function checkElement(element: XmlElement, parent?: string): void {
  const allowed = parent === undefined ? ['fetch'] : ALLOWED_CHILDREN[parent];
  if (!allowed.includes(element.name)) {
    const where = parent === undefined ? 'as the root' : `inside <${parent}>`;
    throw fetchError(FETCH_ERRORS.invalidNode, `The element '${element.name}' is not allowed ${where} in FetchXML.`);
  }
  for (const name of element.attributes.keys()) {
    if (!ALLOWED_ATTRIBUTES[element.name].includes(name)) {
      throw fetchError(FETCH_ERRORS.invalidArgument, `The '${name}' attribute is not declared on the FetchXML element '${element.name}'.`);
    }
  }
  if (element.name !== 'value' && element.text.trim() !== '') {
    throw fetchError(FETCH_ERRORS.invalidArgument, `The FetchXML element '${element.name}' cannot contain text.`);
  }
  for (const child of element.children) checkElement(child, element.name);
}

export function tableByName(name: string): EmulatorTable {
  const table = EMULATOR_TABLES.find((candidate) => candidate.logicalName === name);
  if (!table) {
    throw fetchError(FETCH_ERRORS.noEntity, `The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`);
  }
  return table;
}

/** The stored column behind a logical attribute name: lookups are stored in `_x_value` form, as the Web API shows them. */
export function columnOf(table: EmulatorTable, name: string): string {
  if (table.columns.includes(name) && !/^_.*_value$/.test(name)) return name;
  const lookup = `_${name}_value`;
  if (table.columns.includes(lookup)) return lookup;
  throw fetchError(FETCH_ERRORS.noAttribute, `'${table.logicalName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`);
}

/** The logical name of a stored column: `_ownerid_value` → `ownerid`. */
export function logicalNameOf(column: string): string {
  const lookup = /^_(.+)_value$/.exec(column);
  return lookup ? lookup[1] : column;
}

export function required(element: XmlElement, name: string): string {
  const value = element.attributes.get(name);
  if (value === undefined || value === '') {
    throw fetchError(FETCH_ERRORS.invalidArgument, `The FetchXML element '${element.name}' needs the '${name}' attribute.`);
  }
  return value;
}

export function flag(element: XmlElement, name: string): boolean {
  const value = element.attributes.get(name);
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw fetchError(FETCH_ERRORS.invalidArgument, `The '${name}' attribute of '${element.name}' must be true or false, not '${value}'.`);
}

/** A positive integer attribute, or undefined when absent. */
export function positiveInteger(element: XmlElement, name: string): number | undefined {
  const value = element.attributes.get(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw fetchError(FETCH_ERRORS.invalidArgument, `The '${name}' attribute of '${element.name}' must be an integer, not '${value}'.`);
  }
  const number = Number(value);
  if (number <= 0) throw fetchError(FETCH_ERRORS.topCountGreaterThanZero, `The '${name}' attribute of '${element.name}' must be greater than zero.`);
  return number;
}

/** What the parser knows about the whole query while it reads one part: every entity alias and its table. */
export interface ParseScope {
  /** Entity alias ('' for the queried table) → its table. */
  tables: Map<string, EmulatorTable>;
  /** Each link-entity element → its alias, given or `{name}{N}`, assigned before parsing so conditions can refer ahead. */
  aliasOf: Map<XmlElement, string>;
}
