/**
 * Display metadata of the profile's tables over the Web API: `EntityDefinitions(LogicalName='…')` with the
 * attributes' display names and types, then the choices through the attribute casts Dataverse requires for option
 * sets (`…/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet,GlobalOptionSet`, and the
 * State, Status and Boolean casts). Labels are taken in `language` when the metadata has it, else the user's.
 * Only the profile's columns are kept: a real table has hundreds of attributes.
 */
import type { ColumnDisplay, ColumnKind, TableDisplay } from '../../contracts/displayMetadata';
import type { ProfileTable } from '../../contracts/profile';
import type { ODataHttp } from './ODataHttp';
import { getJson } from './profileRecordsReader';

type Json = Record<string, unknown>;
interface Label {
  LocalizedLabels?: { Label?: unknown; LanguageCode?: unknown }[];
  UserLocalizedLabel?: { Label?: unknown } | null;
}

const KINDS: Readonly<Record<string, ColumnKind>> = {
  Picklist: 'choice', State: 'choice', Status: 'choice', Boolean: 'boolean',
  Lookup: 'lookup', Owner: 'lookup', Customer: 'lookup', DateTime: 'dateTime', Money: 'money',
  Integer: 'number', BigInt: 'number', Decimal: 'number', Double: 'number', Uniqueidentifier: 'id',
};
const LOOKUP_KINDS = new Set(['Lookup', 'Owner', 'Customer']);
const CHOICE_CASTS = ['PicklistAttributeMetadata', 'StateAttributeMetadata', 'StatusAttributeMetadata', 'BooleanAttributeMetadata'];

export function labelText(label: unknown, language: number): string | undefined {
  const value = label as Label | null | undefined;
  const localized = value?.LocalizedLabels?.find((l) => l.LanguageCode === language)?.Label;
  const text = typeof localized === 'string' ? localized : value?.UserLocalizedLabel?.Label;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

function rowColumn(attribute: Json): string {
  const name = String(attribute.LogicalName);
  return LOOKUP_KINDS.has(String(attribute.AttributeType)) ? `_${name}_value` : name;
}

/** Choice labels by value from an attribute's `OptionSet` (booleans: `"true"` / `"false"`). */
function optionLabels(attribute: Json, language: number): Record<string, string> {
  const set = (attribute.OptionSet ?? attribute.GlobalOptionSet) as Json | null | undefined;
  const labels: Record<string, string> = {};
  if (!set) return labels;
  for (const option of Array.isArray(set.Options) ? (set.Options as Json[]) : []) {
    const text = labelText(option.Label, language);
    if (text !== undefined && typeof option.Value === 'number') labels[String(option.Value)] = text;
  }
  for (const [key, value] of [['true', set.TrueOption], ['false', set.FalseOption]] as const) {
    const text = labelText((value as Json | undefined)?.Label, language);
    if (text !== undefined) labels[key] = text;
  }
  return labels;
}

async function choices(http: ODataHttp, name: string, language: number, signal?: AbortSignal): Promise<Map<string, Record<string, string>>> {
  const found = new Map<string, Record<string, string>>();
  const bodies = await Promise.all(
    CHOICE_CASTS.map((cast) => {
      const expand = cast === 'PicklistAttributeMetadata' ? 'OptionSet,GlobalOptionSet' : 'OptionSet';
      return getJson(http, `EntityDefinitions(LogicalName='${name}')/Attributes/Microsoft.Dynamics.CRM.${cast}?$select=LogicalName&$expand=${expand}`, signal);
    }),
  );
  for (const body of bodies) {
    for (const attribute of Array.isArray(body?.value) ? (body.value as Json[]) : []) found.set(String(attribute.LogicalName), optionLabels(attribute, language));
  }
  return found;
}

/** One table's display metadata; null when the server does not know the table (404). */
export async function readTableDisplay(http: ODataHttp, table: ProfileTable, language: number, signal?: AbortSignal): Promise<TableDisplay | null> {
  const name = table.logicalName;
  const [body, options] = await Promise.all([
    getJson(http, `EntityDefinitions(LogicalName='${name}')?$select=LogicalName,DisplayName,DisplayCollectionName&$expand=Attributes($select=LogicalName,DisplayName,AttributeType)`, signal),
    choices(http, name, language, signal),
  ]);
  if (!body) return null;
  const wanted = new Set(table.columns);
  const columns: Record<string, ColumnDisplay> = {};
  for (const attribute of Array.isArray(body.Attributes) ? (body.Attributes as Json[]) : []) {
    const column = rowColumn(attribute);
    if (!wanted.has(column)) continue;
    const type = String(attribute.AttributeType);
    const labels = options.get(String(attribute.LogicalName));
    const display: ColumnDisplay = { kind: KINDS[type] ?? 'text' };
    const text = labelText(attribute.DisplayName, language);
    if (text !== undefined) display.displayName = text;
    if (labels && Object.keys(labels).length > 0) display.options = labels;
    columns[column] = display;
  }
  const one = labelText(body.DisplayName, language);
  const many = labelText(body.DisplayCollectionName, language);
  return { logicalName: name, ...(one ? { displayName: one } : {}), ...(many ? { displayCollectionName: many } : {}), columns };
}
