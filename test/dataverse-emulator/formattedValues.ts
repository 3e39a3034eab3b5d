/**
 * Annotations Dataverse adds to rows when asked with `Prefer: odata.include-annotations="…"`: each value's
 * `@OData.Community.Display.V1.FormattedValue` (a choice's label, a lookup's primary name, a date in the user's
 * format, money with its currency, numbers grouped), and for lookups `@Microsoft.Dynamics.CRM.lookuplogicalname`
 * and `@Microsoft.Dynamics.CRM.associatednavigationproperty`. Written in the user's UI language (`usersettings`);
 * dates in UTC, the emulated user's time zone.
 */
import type { HandlerContext } from './context';
import { attributeType, LOOKUPS } from './metadata/attributes';
import { languageIndex } from './metadata/labels';
import { BOOLEANS, PICKLISTS, STATE_OPTIONS, STATUS_OPTIONS, type OptionDefinition } from './metadata/optionSets';
import type { TableState } from './store';
import { EMULATOR_USER, EMULATOR_USER_TEAMS, OTHER_BUSINESS_UNIT, OTHER_USERS, type EmulatorTable } from './tables';
import { userLanguage } from './userSettings';

type Data = Record<string, unknown>;

export const FORMATTED = '@OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME = '@Microsoft.Dynamics.CRM.lookuplogicalname';
export const NAVIGATION_PROPERTY = '@Microsoft.Dynamics.CRM.associatednavigationproperty';

/** Which annotations a `Prefer: odata.include-annotations` value asks for (`*` and `Namespace.*` wildcards). */
export interface AnnotationChoice {
  formatted: boolean;
  lookups: boolean;
}

export function annotationChoice(value: string | undefined): AnnotationChoice | undefined {
  if (value === undefined) return undefined;
  const terms = value.split(',').map((term) => term.trim());
  const wants = (name: string): boolean =>
    terms.some((term) => term === '*' || term === name || (term.endsWith('.*') && name.startsWith(term.slice(0, -1))));
  const choice = {
    formatted: wants('OData.Community.Display.V1.FormattedValue'),
    lookups: wants('Microsoft.Dynamics.CRM.lookuplogicalname') || wants('Microsoft.Dynamics.CRM.associatednavigationproperty'),
  };
  return choice.formatted || choice.lookups ? choice : undefined;
}

const LOCALES: Readonly<Record<number, string>> = { 1033: 'en-US', 1031: 'de-DE', 1036: 'fr-FR' };

/** Names of the users, teams, business units and resources rows point at: the emulator keeps no rows of those. */
const PRINCIPAL_NAMES: ReadonlyMap<string, string> = new Map([
  [EMULATOR_USER.userId, 'Emulator User'],
  ...EMULATOR_USER_TEAMS.map((id, index): [string, string] => [id, `Emulator team ${String(index + 1)}`]),
  ...OTHER_USERS.map((id, index): [string, string] => [id, ['Alex Wu', 'Sam Berg', 'Kim Lee'][index] ?? `User ${String(index + 1)}`]),
  [EMULATOR_USER.businessUnitId, 'Contoso Field Service'],
  [OTHER_BUSINESS_UNIT, 'Contoso Sales'],
]);

function optionsOf(table: EmulatorTable, column: string): readonly OptionDefinition[] {
  const type = attributeType(table, column);
  if (type === 'State') return STATE_OPTIONS;
  if (type === 'Status') return STATUS_OPTIONS;
  return PICKLISTS[column] ?? [];
}

/** The row a lookup points at, and its table: the first table of the lookup's targets that holds the id. */
function lookupTarget(context: HandlerContext, column: string, id: string): { logicalName: string; name?: string } {
  const targets = LOOKUPS[column]?.targets ?? [];
  if (column === '_ownerid_value') return { logicalName: EMULATOR_USER_TEAMS.includes(id) ? 'team' : 'systemuser', name: PRINCIPAL_NAMES.get(id) };
  for (const logicalName of targets) {
    const state = [...context.store.tables.values()].find((candidate) => candidate.table.logicalName === logicalName);
    const row = state?.rows.get(id);
    const name = state && row ? row.data[state.table.primaryName] : undefined;
    if (state && row) return { logicalName, name: typeof name === 'string' ? name : '' };
  }
  return { logicalName: targets[0] ?? 'unknown', name: PRINCIPAL_NAMES.get(id) };
}

function formatted(context: HandlerContext, table: EmulatorTable, column: string, value: unknown, language: number): string | undefined {
  const locale = LOCALES[language] ?? 'en-US';
  const index = languageIndex(language) ?? 0;
  switch (attributeType(table, column)) {
    case 'Picklist':
    case 'State':
    case 'Status':
      return optionsOf(table, column).find((option) => option.value === value)?.labels[index];
    case 'Boolean':
      return typeof value === 'boolean' ? BOOLEANS[column]?.[value ? 1 : 0][index] : undefined;
    case 'Money':
      return typeof value === 'number' ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(value) : undefined;
    case 'Integer':
    case 'Double':
      return typeof value === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 5 }).format(value) : undefined;
    case 'DateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) return undefined;
      return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' }).format(time);
    }
    case 'Lookup':
    case 'Owner':
    case 'Customer':
      return typeof value === 'string' ? lookupTarget(context, column, value).name : undefined;
    default:
      return undefined;
  }
}

/** The row with the annotations asked for, each in front of its column as Dataverse writes them. */
export function annotateRow(context: HandlerContext, state: TableState, row: Data, choice: AnnotationChoice): Data {
  const language = userLanguage(context);
  const out: Data = {};
  for (const [column, value] of Object.entries(row)) {
    if (state.table.columns.includes(column) && value !== null) {
      const text = choice.formatted ? formatted(context, state.table, column, value, language) : undefined;
      if (text !== undefined) out[`${column}${FORMATTED}`] = text;
      const lookup = LOOKUPS[column];
      if (choice.lookups && lookup && typeof value === 'string') {
        out[`${column}${NAVIGATION_PROPERTY}`] = lookup.navigation;
        out[`${column}${LOOKUP_LOGICAL_NAME}`] = lookupTarget(context, column, value).logicalName;
      }
    }
    out[column] = value;
  }
  return out;
}
