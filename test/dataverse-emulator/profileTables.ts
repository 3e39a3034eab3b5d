/**
 * The Dataverse configuration tables the emulator serves next to the Field Service rows: the mobile offline
 * profile (`mobileofflineprofile`, its items and their associations), the rule views those items filter with
 * (`savedquery`), the organisation's offline settings and the signed-in user's assigned profile. Columns are the
 * ones REFERENCE.md ("Mobile offline profile as stored in Dataverse") lists; lookups in the Web API's `_x_value`
 * form, as every table here.
 */
import type { EmulatorTable } from './tables';

export const PROFILE_TABLES: ReadonlyArray<EmulatorTable> = [
  {
    logicalName: 'mobileofflineprofile',
    entitySet: 'mobileofflineprofiles',
    primaryId: 'mobileofflineprofileid',
    primaryName: 'name',
    columns: ['mobileofflineprofileid', 'name', 'description', 'isvalidated', 'publishedon', 'modifiedon'],
  },
  {
    logicalName: 'mobileofflineprofileitem',
    entitySet: 'mobileofflineprofileitems',
    primaryId: 'mobileofflineprofileitemid',
    primaryName: 'name',
    columns: [
      'mobileofflineprofileitemid', 'name', '_regardingobjectid_value', 'selectedentitytypecode',
      'recorddistributioncriteria', 'recordsownedbyme', 'recordsownedbymyteam', 'recordsownedbymybusinessunit',
      'getrelatedentityrecords', '_profileitemrule_value', 'syncintervalinminutes', 'selectedcolumns',
      'isvisibleingrid', 'canbefollowed', 'modifiedon',
    ],
  },
  {
    logicalName: 'mobileofflineprofileitemassociation',
    entitySet: 'mobileofflineprofileitemassociations',
    primaryId: 'mobileofflineprofileitemassociationid',
    primaryName: 'name',
    columns: [
      'mobileofflineprofileitemassociationid', 'name', '_mobileofflineprofileitemid_value', 'relationshipid',
      'relationshipname', 'relationshipdisplayname', 'selectedrelationshipsschema', 'modifiedon',
    ],
  },
  {
    logicalName: 'savedquery',
    entitySet: 'savedqueries',
    primaryId: 'savedqueryid',
    primaryName: 'name',
    columns: ['savedqueryid', 'name', 'returnedtypecode', 'querytype', 'fetchxml', 'modifiedon'],
  },
  {
    logicalName: 'organization',
    entitySet: 'organizations',
    primaryId: 'organizationid',
    primaryName: 'name',
    columns: ['organizationid', 'name', 'isconflictdetectionenabledformobileclient', '_defaultmobileofflineprofileid_value', 'modifiedon'],
  },
  {
    logicalName: 'systemuser',
    entitySet: 'systemusers',
    primaryId: 'systemuserid',
    primaryName: 'fullname',
    columns: ['systemuserid', 'fullname', 'domainname', '_businessunitid_value', '_mobileofflineprofileid_value', 'modifiedon'],
  },
];

/**
 * One-to-many relationships between the Field Service tables, as `RelationshipDefinitions` describes them: the
 * referencing (many) table holds the lookup `ReferencingAttribute`. Schema names are Field Service's own.
 */
export interface EmulatorRelationship {
  SchemaName: string;
  ReferencedEntity: string;
  ReferencedAttribute: string;
  ReferencingEntity: string;
  ReferencingAttribute: string;
}

export const EMULATOR_RELATIONSHIPS: ReadonlyArray<EmulatorRelationship> = [
  { SchemaName: 'contact_customer_accounts', ReferencedEntity: 'account', ReferencedAttribute: 'accountid', ReferencingEntity: 'contact', ReferencingAttribute: 'parentcustomerid' },
  { SchemaName: 'msdyn_account_msdyn_workorder_ServiceAccount', ReferencedEntity: 'account', ReferencedAttribute: 'accountid', ReferencingEntity: 'msdyn_workorder', ReferencingAttribute: 'msdyn_serviceaccount' },
  { SchemaName: 'msdyn_msdyn_workorder_bookableresourcebooking_WorkOrder', ReferencedEntity: 'msdyn_workorder', ReferencedAttribute: 'msdyn_workorderid', ReferencingEntity: 'bookableresourcebooking', ReferencingAttribute: 'msdyn_workorder' },
  { SchemaName: 'msdyn_account_msdyn_customerasset_Account', ReferencedEntity: 'account', ReferencedAttribute: 'accountid', ReferencingEntity: 'msdyn_customerasset', ReferencingAttribute: 'msdyn_account' },
];
