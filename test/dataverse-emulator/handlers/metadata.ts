/**
 * The metadata a client needs to map an offline profile onto the Web API, served for the emulator's own tables:
 * `EntityDefinitions(LogicalName='…')` (entity set, primary id and name, display names in the user's language,
 * attributes with their type and display name, choices through the attribute casts) and `RelationshipDefinitions(SchemaName='…')` for the one-to-many relationships between them
 * (REFERENCE.md "Metadata and formatted values"; ReferencingAttribute is the lookup on the referencing table).
 */
import { applySelect, evaluateFilter, parseFilter } from '../../../SyncEngine/core/odata';
import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, HttpError, badRequest, jsonResponse } from '../http';
import { EMULATOR_RELATIONSHIPS, PROFILE_TABLES } from '../profileTables';
import { EMULATOR_TABLES, type EmulatorTable } from '../tables';
import { userLanguage } from '../userSettings';
import { attributesOf, castAttributes, label, tableLabels } from '../metadata/entityDefinition';

type Data = Record<string, unknown>;

export const METADATA_PATH = /^(EntityDefinitions|RelationshipDefinitions)(?:\((\w+)='([^']*)'\))?(?:\/Attributes\/Microsoft\.Dynamics\.CRM\.(\w+))?$/;

const COLLECTION_NAMES: Readonly<Record<string, string>> = {
  account: 'Accounts',
  contact: 'Contacts',
  msdyn_workorder: 'Work Orders',
  bookableresourcebooking: 'Bookable Resource Bookings',
  msdyn_customerasset: 'Customer Assets',
};

function entityDefinition(context: HandlerContext, table: EmulatorTable, index: number, attributes: AttributeExpansion): Data {
  const labels = tableLabels(table, COLLECTION_NAMES[table.logicalName] ?? table.entitySet);
  const language = userLanguage(context);
  const definition: Data = {
    MetadataId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    LogicalName: table.logicalName,
    EntitySetName: table.entitySet,
    PrimaryIdAttribute: table.primaryId,
    PrimaryNameAttribute: table.primaryName,
    DisplayName: label(labels.one, language),
    DisplayCollectionName: label(labels.many, language),
    ChangeTrackingEnabled: !context.store.untracked.has(table.entitySet),
  };
  if (attributes.expanded) definition.Attributes = attributesOf(table, language).map((a) => applySelect(a, attributes.select, []));
  return definition;
}

interface AttributeExpansion {
  expanded: boolean;
  select?: string[];
}

/** `$expand=Attributes` or `$expand=Attributes($select=LogicalName,DisplayName)`. */
function attributeExpansion(expand: string | undefined): AttributeExpansion {
  const match = /^Attributes(?:\(\$select=([^)]*)\))?/.exec(expand ?? '');
  if (!match) return { expanded: false };
  return { expanded: true, select: match.at(1)?.split(',').map((name) => name.trim()) };
}

const ALL_TABLES: readonly EmulatorTable[] = [...EMULATOR_TABLES, ...PROFILE_TABLES];

function tableByLogicalName(logicalName: string): EmulatorTable {
  const table = ALL_TABLES.find((candidate) => candidate.logicalName === logicalName);
  if (!table) throw new HttpError(404, ERROR_CODES.notFound, `Could not find an entity with name ${logicalName}.`);
  return table;
}

/**
 * `EntityDefinitions(LogicalName='…')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet`
 * (and State…, Status…, Boolean…): the table's attributes of that type, with their choices.
 */
function castAttributeCollection(context: HandlerContext, request: ApiRequest, key: { name: string; value: string } | undefined, cast: string): ApiResponse {
  if (key?.name !== 'LogicalName') throw badRequest('Attributes are read per table: EntityDefinitions(LogicalName=\'…\')/Attributes/….');
  const table = tableByLogicalName(key.value);
  const expand = (queryParameter(request.query, '$expand') ?? '').split(',').map((name) => name.trim());
  const select = queryParameter(request.query, '$select')?.split(',').map((name) => name.trim());
  const value = castAttributes(table, cast, userLanguage(context), expand).map((a) => applySelect(a, select, ['MetadataId', 'OptionSet', 'GlobalOptionSet']));
  return jsonResponse(200, { '@odata.context': `${context.baseUrl}$metadata#EntityDefinitions('${table.logicalName}')/Attributes/Microsoft.Dynamics.CRM.${cast}`, value });
}

function queryParameter(query: string, name: string): string | undefined {
  const pair = query.split('&').find((part) => part.startsWith(`${name}=`));
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(name.length + 1));
}

function shape(definition: Data, query: string): Data {
  const select = queryParameter(query, '$select')?.split(',').map((name) => name.trim());
  const keep = 'Attributes' in definition ? ['MetadataId', 'Attributes'] : ['MetadataId'];
  return applySelect(definition, select, keep);
}

function entityDefinitions(context: HandlerContext, request: ApiRequest, key?: { name: string; value: string }): ApiResponse {
  const attributes = attributeExpansion(queryParameter(request.query, '$expand'));
  const all = ALL_TABLES.map((table, index) => entityDefinition(context, table, index, attributes));
  if (key) {
    if (key.name !== 'LogicalName') throw badRequest(`'${key.name}' is not a key of EntityDefinitions.`);
    const found = all.find((definition) => definition.LogicalName === key.value);
    if (!found) throw new HttpError(404, ERROR_CODES.notFound, `Could not find an entity with name ${key.value}.`);
    return jsonResponse(200, { '@odata.context': `${context.baseUrl}$metadata#EntityDefinitions/$entity`, ...shape(found, request.query) });
  }
  const filter = queryParameter(request.query, '$filter');
  const node = filter === undefined ? undefined : parseFilter(filter);
  const value = all.filter((definition) => !node || evaluateFilter(node, definition)).map((definition) => shape(definition, request.query));
  return jsonResponse(200, { '@odata.context': `${context.baseUrl}$metadata#EntityDefinitions`, value });
}

function relationshipDefinition(context: HandlerContext, key: { name: string; value: string }): ApiResponse {
  if (key.name !== 'SchemaName') throw badRequest(`'${key.name}' is not a key of RelationshipDefinitions.`);
  const found = EMULATOR_RELATIONSHIPS.find((relationship) => relationship.SchemaName.toLowerCase() === key.value.toLowerCase());
  if (!found) throw new HttpError(404, ERROR_CODES.notFound, `Could not find a relationship with name ${key.value}.`);
  return jsonResponse(200, {
    '@odata.context': `${context.baseUrl}$metadata#RelationshipDefinitions/$entity`,
    '@odata.type': '#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
    RelationshipType: 'OneToManyRelationship',
    ...found,
  });
}

/** `GET EntityDefinitions…` / `GET RelationshipDefinitions(SchemaName='…')`; metadata is read-only. */
export function handleMetadata(context: HandlerContext, request: ApiRequest, match: RegExpExecArray): ApiResponse {
  if (request.method !== 'GET') throw new HttpError(405, ERROR_CODES.badRequest, `The HTTP method ${request.method} is not allowed on ${request.path}.`);
  const name = match.at(2);
  const key = name === undefined ? undefined : { name, value: match.at(3) ?? '' };
  const cast = match.at(4);
  if (match[1] === 'EntityDefinitions' && cast !== undefined) return castAttributeCollection(context, request, key, cast);
  if (match[1] === 'EntityDefinitions') return entityDefinitions(context, request, key);
  if (!key) throw badRequest('The emulator serves relationships one at a time: RelationshipDefinitions(SchemaName=\'…\').');
  return relationshipDefinition(context, key);
}
