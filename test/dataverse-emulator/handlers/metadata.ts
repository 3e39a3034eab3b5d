/**
 * The metadata a client needs to map an offline profile onto the Web API, served for the emulator's own tables:
 * `EntityDefinitions(LogicalName='…')` (entity set, primary id and name, display names, attributes with their
 * type) and `RelationshipDefinitions(SchemaName='…')` for the one-to-many relationships between them
 * (REFERENCE.md "Metadata and formatted values"; ReferencingAttribute is the lookup on the referencing table).
 */
import { applySelect, evaluateFilter, parseFilter } from '../../../SyncEngine/core/odata';
import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, HttpError, badRequest, jsonResponse } from '../http';
import { EMULATOR_RELATIONSHIPS, PROFILE_TABLES } from '../profileTables';
import { EMULATOR_TABLES, type EmulatorTable } from '../tables';

type Data = Record<string, unknown>;

export const METADATA_PATH = /^(EntityDefinitions|RelationshipDefinitions)(?:\((\w+)='([^']*)'\))?$/;

const COLLECTION_NAMES: Readonly<Record<string, string>> = {
  account: 'Accounts',
  contact: 'Contacts',
  msdyn_workorder: 'Work Orders',
  bookableresourcebooking: 'Bookable Resource Bookings',
  msdyn_customerasset: 'Customer Assets',
};

function label(text: string): Data {
  const localized = { Label: text, LanguageCode: 1033 };
  return { LocalizedLabels: [localized], UserLocalizedLabel: localized };
}

/**
 * Only what clients read is typed: the key, lookups (Owner, Customer, Lookup), state and status. The emulator keeps
 * no other type information, so every other column is reported as String.
 */
function attributeType(table: EmulatorTable, column: string): string {
  if (column === table.primaryId) return 'Uniqueidentifier';
  if (column === '_ownerid_value') return 'Owner';
  if (column === '_parentcustomerid_value') return 'Customer';
  if (/^_.+_value$/.test(column)) return 'Lookup';
  if (column === 'statecode') return 'State';
  if (column === 'statuscode') return 'Status';
  return 'String';
}

function entityDefinition(context: HandlerContext, table: EmulatorTable, index: number, withAttributes: boolean): Data {
  const collection = COLLECTION_NAMES[table.logicalName] ?? table.entitySet;
  const definition: Data = {
    MetadataId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    LogicalName: table.logicalName,
    EntitySetName: table.entitySet,
    PrimaryIdAttribute: table.primaryId,
    PrimaryNameAttribute: table.primaryName,
    DisplayName: label(collection.replace(/s$/, '')),
    DisplayCollectionName: label(collection),
    ChangeTrackingEnabled: !context.store.untracked.has(table.entitySet),
  };
  if (withAttributes) {
    definition.Attributes = table.columns.map((column) => ({
      LogicalName: column.replace(/^_(.+)_value$/, '$1'),
      AttributeType: attributeType(table, column),
    }));
  }
  return definition;
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
  const withAttributes = /^Attributes\b/.test(queryParameter(request.query, '$expand') ?? '');
  const all = [...EMULATOR_TABLES, ...PROFILE_TABLES].map((table, index) => entityDefinition(context, table, index, withAttributes));
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
  if (match[1] === 'EntityDefinitions') return entityDefinitions(context, request, key);
  if (!key) throw badRequest('The emulator serves relationships one at a time: RelationshipDefinitions(SchemaName=\'…\').');
  return relationshipDefinition(context, key);
}
