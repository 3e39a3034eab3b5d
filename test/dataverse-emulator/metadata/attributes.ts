/**
 * What the emulator knows of each column's type: the `AttributeType` Dataverse reports, and for lookups the tables
 * they point at and the navigation property (`@Microsoft.Dynamics.CRM.associatednavigationproperty`).
 */
import { BOOLEANS, PICKLISTS } from './optionSets';
import type { EmulatorTable } from '../tables';

export type AttributeType =
  | 'Uniqueidentifier' | 'String' | 'Memo' | 'Integer' | 'Double' | 'Money' | 'Boolean' | 'DateTime'
  | 'Picklist' | 'State' | 'Status' | 'Lookup' | 'Owner' | 'Customer';

export interface LookupTarget {
  /** `Targets`; the first is the one the seed points at (or, for owners, a user unless the id is a team's). */
  targets: string[];
  navigation: string;
}

const MEMO = new Set(['description', 'msdyn_instructions', 'msdyn_bookingnotes', 'msdyn_notes']);
const INTEGER = new Set(['numberofemployees', 'duration', 'msdyn_estimatedtravelduration']);
const DATE_TIME = new Set(['createdon', 'modifiedon', 'starttime', 'endtime', 'msdyn_timewindowstart', 'msdyn_timewindowend', 'msdyn_installdate']);

export const LOOKUPS: Readonly<Partial<Record<string, LookupTarget>>> = {
  _ownerid_value: { targets: ['systemuser', 'team'], navigation: 'ownerid' },
  _owningbusinessunit_value: { targets: ['businessunit'], navigation: 'owningbusinessunit' },
  _parentcustomerid_value: { targets: ['account', 'contact'], navigation: 'parentcustomerid_account' },
  _msdyn_serviceaccount_value: { targets: ['account'], navigation: 'msdyn_serviceaccount' },
  _msdyn_workorder_value: { targets: ['msdyn_workorder'], navigation: 'msdyn_workorder' },
  _msdyn_account_value: { targets: ['account'], navigation: 'msdyn_account' },
  _resource_value: { targets: ['bookableresource'], navigation: 'resource' },
};

/** The type of a column (in its row form, `_x_value` for lookups). */
export function attributeType(table: EmulatorTable, column: string): AttributeType {
  if (column === table.primaryId) return 'Uniqueidentifier';
  if (column === '_ownerid_value') return 'Owner';
  if (column === '_parentcustomerid_value') return 'Customer';
  if (/^_.+_value$/.test(column)) return 'Lookup';
  if (column === 'statecode') return 'State';
  if (column === 'statuscode') return 'Status';
  if (column in PICKLISTS) return 'Picklist';
  if (column in BOOLEANS) return 'Boolean';
  if (column === 'revenue') return 'Money';
  if (INTEGER.has(column)) return 'Integer';
  if (/_(latitude|longitude)$/.test(column)) return 'Double';
  if (DATE_TIME.has(column)) return 'DateTime';
  if (MEMO.has(column)) return 'Memo';
  return 'String';
}

/** The metadata type name Dataverse casts an attribute to (`Microsoft.Dynamics.CRM.<name>`). */
export function metadataTypeName(type: AttributeType): string {
  return type === 'Owner' || type === 'Customer' ? 'LookupAttributeMetadata' : `${type === 'Uniqueidentifier' ? 'UniqueIdentifier' : type}AttributeMetadata`;
}
