/**
 * `EntityDefinitions` entries and attribute metadata in Dataverse's shapes: labels carry every language the org
 * has (`LocalizedLabels`) and the one of the calling user's UI language (`UserLocalizedLabel`); choices come with
 * their option sets when the attributes are cast to their metadata type (REFERENCE.md "Metadata and formatted
 * values").
 */
import type { EmulatorTable } from '../tables';
import { attributeType, LOOKUPS, metadataTypeName, type AttributeType } from './attributes';
import { COLUMN_LABELS, LANGUAGES, TABLE_LABELS, languageIndex, type Labels } from './labels';
import { BOOLEANS, PICKLISTS, STATE_OPTIONS, STATUS_OPTIONS, type OptionDefinition } from './optionSets';

type Data = Record<string, unknown>;

/** A label in Dataverse's shape; a user language without a pack gets the org's base language (English). */
export function label(labels: Labels, userLanguage: number): Data {
  const localized = LANGUAGES.map((LanguageCode, index) => ({ Label: labels[index], LanguageCode }));
  return { LocalizedLabels: localized, UserLocalizedLabel: localized[languageIndex(userLanguage) ?? 0] };
}

function same(text: string): Labels {
  return [text, text, text];
}

/** The row-form column (`_x_value`) as its attribute's logical name (`x`). */
export function attributeName(column: string): string {
  return column.replace(/^_(.+)_value$/, '$1');
}

function attributeMetadata(table: EmulatorTable, column: string, language: number, index: number): Data {
  const type = attributeType(table, column);
  const attribute: Data = {
    '@odata.type': `#Microsoft.Dynamics.CRM.${metadataTypeName(type)}`,
    MetadataId: `00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`,
    LogicalName: attributeName(column),
    AttributeType: type,
    DisplayName: label(COLUMN_LABELS[column] ?? same(attributeName(column)), language),
  };
  const lookup = LOOKUPS[column];
  if (lookup) attribute.Targets = lookup.targets;
  return attribute;
}

/** The table's attributes, in column order. */
export function attributesOf(table: EmulatorTable, language: number): Data[] {
  return table.columns.map((column, index) => attributeMetadata(table, column, language, index));
}

export function tableLabels(table: EmulatorTable, fallbackCollection: string): { one: Labels; many: Labels } {
  return TABLE_LABELS[table.logicalName] ?? { one: same(fallbackCollection.replace(/s$/, '')), many: same(fallbackCollection) };
}

function option(definition: OptionDefinition, language: number): Data {
  const entry: Data = { Value: definition.value, Label: label(definition.labels, language) };
  if (definition.state !== undefined) entry.State = definition.state;
  return entry;
}

function optionSet(table: EmulatorTable, column: string, type: AttributeType, language: number): Data | null {
  const name = `${table.logicalName}_${attributeName(column)}`;
  if (type === 'Picklist') return { Name: name, IsGlobal: false, OptionSetType: 'Picklist', Options: (PICKLISTS[column] ?? []).map((o) => option(o, language)) };
  if (type === 'State') return { Name: name, IsGlobal: false, OptionSetType: 'State', Options: STATE_OPTIONS.map((o) => option(o, language)) };
  if (type === 'Status') return { Name: name, IsGlobal: false, OptionSetType: 'Status', Options: STATUS_OPTIONS.map((o) => option(o, language)) };
  const pair = BOOLEANS[column];
  if (type === 'Boolean' && pair) {
    return {
      Name: name, IsGlobal: false, OptionSetType: 'Boolean',
      FalseOption: { Value: 0, Label: label(pair[0], language) },
      TrueOption: { Value: 1, Label: label(pair[1], language) },
    };
  }
  return null;
}

/**
 * `EntityDefinitions(…)/Attributes/Microsoft.Dynamics.CRM.<cast>`: the attributes of that metadata type, each with
 * its `OptionSet` (local) and `GlobalOptionSet` (none here) when expanded.
 */
export function castAttributes(table: EmulatorTable, cast: string, language: number, expand: readonly string[]): Data[] {
  return table.columns.flatMap((column, index) => {
    const type = attributeType(table, column);
    if (metadataTypeName(type) !== cast) return [];
    const attribute = attributeMetadata(table, column, language, index);
    if (expand.includes('OptionSet')) attribute.OptionSet = optionSet(table, column, type, language);
    if (expand.includes('GlobalOptionSet')) attribute.GlobalOptionSet = null;
    return [attribute];
  });
}
