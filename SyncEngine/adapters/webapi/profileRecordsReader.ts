import { MalformedResponseError } from '../../contracts/errors';
import type {
  DataverseProfileRecords,
  ProfileAssociationRecord,
  ProfileItemRecord,
  ProfileRecord,
  RelationshipMetadata,
  RuleViewRecord,
  TableMetadata,
} from '../../core/profile/dataverseRecords';
import type { ODataHttp } from './ODataHttp';

type Json = Record<string, unknown>;

const ITEM_COLUMNS = [
  'mobileofflineprofileitemid', 'selectedentitytypecode', 'recorddistributioncriteria', 'recordsownedbyme', 'recordsownedbymyteam',
  'recordsownedbymybusinessunit', 'getrelatedentityrecords', '_profileitemrule_value', 'syncintervalinminutes', 'selectedcolumns',
];
/** Attribute types whose values are row references, so the Web API shows them as `_x_value`. */
const LOOKUP_TYPES = new Set(['Lookup', 'Customer', 'Owner']);

/** GET one resource: its JSON, `null` for 404, the catalogued error for any other failure. */
export async function getJson(http: ODataHttp, url: string, signal?: AbortSignal): Promise<Json | null> {
  const response = await http.send({ method: 'GET', url, signal });
  if (response.status === 404) return null;
  if (!response.ok) throw response.error();
  try {
    return JSON.parse(response.body) as Json;
  } catch (error) {
    throw new MalformedResponseError(`The answer to ${url} is not JSON.`, { cause: error });
  }
}

/** Every row of a collection, following `@odata.nextLink`. */
export async function getAll(http: ODataHttp, url: string, signal?: AbortSignal): Promise<Json[]> {
  const rows: Json[] = [];
  for (let next: string | undefined = url; next !== undefined; ) {
    const page = await getJson(http, next, signal);
    if (!page || !Array.isArray(page.value)) throw new MalformedResponseError(`The answer to ${next} is not a collection.`);
    rows.push(...(page.value as Json[]));
    next = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
  }
  return rows;
}

/**
 * Reads everything `fromDataverse` maps for one profile: its items, their associations and rule views, each
 * table's metadata and readability, and each relationship's metadata. Independent reads go out together.
 */
export async function readProfileRecords(http: ODataHttp, profile: ProfileRecord, signal?: AbortSignal): Promise<DataverseProfileRecords> {
  const items = (await getAll(http, `mobileofflineprofileitems?$select=${ITEM_COLUMNS.join(',')}&$filter=_regardingobjectid_value eq ${profile.mobileofflineprofileid}`, signal)) as unknown as ProfileItemRecord[];
  const associations = (
    await Promise.all(items.map((item) => getAll(http, `mobileofflineprofileitemassociations?$select=_mobileofflineprofileitemid_value,relationshipname&$filter=_mobileofflineprofileitemid_value eq ${item.mobileofflineprofileitemid}`, signal)))
  ).flat() as unknown as ProfileAssociationRecord[];
  const viewIds = [...new Set(items.map((item) => item._profileitemrule_value?.toLowerCase()).filter((id): id is string => typeof id === 'string'))];
  const names = [...new Set(items.map((item) => item.selectedentitytypecode.toLowerCase()))];
  const relationshipNames = [...new Set(associations.map((a) => a.relationshipname))];
  const [views, metadata, relationships] = await Promise.all([
    Promise.all(viewIds.map((id) => getJson(http, `savedqueries(${id})?$select=savedqueryid,fetchxml`, signal))),
    Promise.all(names.map((name) => readTableMetadata(http, name, signal))),
    Promise.all(relationshipNames.map((name) => readRelationship(http, name, signal))),
  ]);
  const tables = new Map(metadata.filter((m): m is TableMetadata => m !== null).map((m) => [m.logicalName, m]));
  const readable = await Promise.all([...tables.values()].map((table) => canRead(http, table, signal)));
  return {
    profile,
    items,
    associations,
    ruleViews: new Map(views.filter((v): v is Json => v !== null).map((v) => [String(v.savedqueryid).toLowerCase(), v as unknown as RuleViewRecord])),
    tables,
    unreadable: new Set([...tables.keys()].filter((_, index) => !readable[index])),
    relationships: new Map(relationships.filter((r): r is RelationshipMetadata => r !== null).map((r) => [r.schemaName.toLowerCase(), r])),
  };
}

/** `EntityDefinitions(LogicalName='…')` with the attributes and their types (REFERENCE.md "Metadata…"); null when unknown. */
async function readTableMetadata(http: ODataHttp, name: string, signal?: AbortSignal): Promise<TableMetadata | null> {
  const select = 'LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,DisplayCollectionName';
  const body = await getJson(http, `EntityDefinitions(LogicalName='${name}')?$select=${select}&$expand=Attributes($select=LogicalName,AttributeType)`, signal);
  if (!body) return null;
  if (typeof body.EntitySetName !== 'string' || typeof body.PrimaryIdAttribute !== 'string') {
    throw new MalformedResponseError(`The metadata of ${name} has no entity set or primary id.`);
  }
  const attributes = Array.isArray(body.Attributes) ? (body.Attributes as { LogicalName?: unknown; AttributeType?: unknown }[]) : [];
  const label = (body.DisplayCollectionName as { UserLocalizedLabel?: { Label?: unknown } } | undefined)?.UserLocalizedLabel?.Label;
  return {
    logicalName: name,
    entitySet: body.EntitySetName,
    primaryId: body.PrimaryIdAttribute,
    ...(typeof body.PrimaryNameAttribute === 'string' ? { primaryName: body.PrimaryNameAttribute } : {}),
    ...(typeof label === 'string' ? { displayName: label } : {}),
    attributes: attributes.map((a) => String(a.LogicalName)),
    lookups: attributes.filter((a) => LOOKUP_TYPES.has(String(a.AttributeType))).map((a) => String(a.LogicalName)),
  };
}

/**
 * A one-to-many relationship by schema name: its ReferencingAttribute is the lookup column (on the referencing
 * table) that links the two tables. Null when the metadata has no such one-to-many relationship.
 */
async function readRelationship(http: ODataHttp, schemaName: string, signal?: AbortSignal): Promise<RelationshipMetadata | null> {
  const body = await getJson(http, `RelationshipDefinitions(SchemaName='${schemaName.replace(/'/g, "''")}')`, signal);
  if (!body || typeof body.ReferencingAttribute !== 'string' || typeof body.ReferencingEntity !== 'string' || typeof body.ReferencedEntity !== 'string') return null;
  return { schemaName, referencingEntity: body.ReferencingEntity, referencingAttribute: body.ReferencingAttribute, referencedEntity: body.ReferencedEntity };
}

/** Metadata is readable by everyone; rows are not. One id-only row answers whether the user may read the table. */
async function canRead(http: ODataHttp, table: TableMetadata, signal?: AbortSignal): Promise<boolean> {
  const response = await http.send({ method: 'GET', url: `${table.entitySet}?$select=${table.primaryId}&$top=1`, signal });
  if (response.status === 403) return false;
  if (!response.ok) throw response.error();
  return true;
}
