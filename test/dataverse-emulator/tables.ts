/** The five Field Service-like tables the emulator serves, and the signed-in user. */

export interface EmulatorTable {
  logicalName: string;
  entitySet: string;
  primaryId: string;
  primaryName: string;
  /** Every column a row carries (lookups in `_x_value` form), primary key first. */
  columns: string[];
  /**
   * Alternate keys (Dataverse "keys"): each names a column whose non-null values are unique in the table. A write that
   * would repeat one fails with 412 `0x80060892` (DuplicateRecordEntityKey), as Dataverse refuses it.
   */
  alternateKeys?: { name: string; column: string }[];
}

const AUDIT = ['statecode', 'statuscode', '_ownerid_value', '_owningbusinessunit_value', 'createdon', 'modifiedon'];

export const EMULATOR_TABLES: ReadonlyArray<EmulatorTable> = [
  {
    logicalName: 'account',
    entitySet: 'accounts',
    primaryId: 'accountid',
    primaryName: 'name',
    columns: [
      'accountid', 'name', 'accountnumber', 'telephone1', 'emailaddress1', 'websiteurl', 'address1_line1',
      'address1_city', 'address1_stateorprovince', 'address1_postalcode', 'address1_country', 'revenue',
      'numberofemployees', 'industrycode', 'description', ...AUDIT,
    ],
    alternateKeys: [{ name: 'account_accountnumber', column: 'accountnumber' }],
  },
  {
    logicalName: 'contact',
    entitySet: 'contacts',
    primaryId: 'contactid',
    primaryName: 'fullname',
    columns: [
      'contactid', 'fullname', 'firstname', 'lastname', 'jobtitle', 'emailaddress1', 'telephone1', 'mobilephone',
      'address1_line1', 'address1_city', 'address1_postalcode', '_parentcustomerid_value', 'donotemail',
      'description', ...AUDIT,
    ],
  },
  {
    logicalName: 'msdyn_workorder',
    entitySet: 'msdyn_workorders',
    primaryId: 'msdyn_workorderid',
    primaryName: 'msdyn_name',
    columns: [
      'msdyn_workorderid', 'msdyn_name', '_msdyn_serviceaccount_value', 'msdyn_systemstatus', 'msdyn_priority',
      'msdyn_workordersummary', 'msdyn_instructions', 'msdyn_address1', 'msdyn_city', 'msdyn_postalcode',
      'msdyn_latitude', 'msdyn_longitude', 'msdyn_timewindowstart', 'msdyn_timewindowend', ...AUDIT,
    ],
  },
  {
    logicalName: 'bookableresourcebooking',
    entitySet: 'bookableresourcebookings',
    primaryId: 'bookableresourcebookingid',
    primaryName: 'name',
    columns: [
      'bookableresourcebookingid', 'name', '_msdyn_workorder_value', '_resource_value', 'starttime', 'endtime',
      'duration', 'bookingtype', 'msdyn_estimatedtravelduration', 'msdyn_worklocation', 'msdyn_bookingnotes',
      'msdyn_latitude', 'msdyn_longitude', ...AUDIT,
    ],
  },
  {
    logicalName: 'msdyn_customerasset',
    entitySet: 'msdyn_customerassets',
    primaryId: 'msdyn_customerassetid',
    primaryName: 'msdyn_name',
    columns: [
      'msdyn_customerassetid', 'msdyn_name', '_msdyn_account_value', 'msdyn_assettag', 'msdyn_manufacturer',
      'msdyn_modelnumber', 'msdyn_serialnumber', 'msdyn_installdate', 'msdyn_latitude', 'msdyn_longitude',
      'msdyn_notes', ...AUDIT,
    ],
  },
];

/** Share of `rows` each table gets, in `EMULATOR_TABLES` order. */
export const TABLE_SHARES: readonly number[] = [0.2, 0.3, 0.2, 0.2, 0.1];

export const EMULATOR_USER: { userId: string; businessUnitId: string; organizationId: string } = {
  userId: '8b6a2d4e-1f3c-4e5a-9b7d-0c1e2f3a4b5c',
  businessUnitId: '3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d',
  organizationId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
};

/**
 * Teams the signed-in user belongs to (what `eq-userteams` compares with). Seeded rows are sometimes owned by
 * the first, so team ownership has rows to find.
 */
export const EMULATOR_USER_TEAMS: readonly string[] = ['4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f'];

/** Colleagues who own some rows, so "owned by me" filters have something to exclude. */
export const OTHER_USERS: readonly string[] = [
  '2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b',
  '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
];
export const OTHER_BUSINESS_UNIT = '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9';

export function tableBySet(entitySet: string): EmulatorTable | undefined {
  return EMULATOR_TABLES.find((table) => table.entitySet === entitySet);
}
