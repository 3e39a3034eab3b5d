import type { OfflineProfile } from '../contracts/profile';

const AUDIT = ['statecode', 'statuscode', '_ownerid_value', '_owningbusinessunit_value', 'createdon', 'modifiedon'];

/**
 * The profile used when the maker gives none: the core tables of the Field Service Mobile offline profile,
 * with its typical intervals. Bookings change most often; work orders and contacts follow them.
 */
export const DEFAULT_PROFILE: OfflineProfile = {
  name: 'Field Service Mobile - Offline Profile',
  tables: [
    {
      logicalName: 'account',
      entitySet: 'accounts',
      primaryId: 'accountid',
      primaryName: 'name',
      displayName: 'Accounts',
      columns: ['accountid', 'name', 'accountnumber', 'telephone1', 'emailaddress1', 'address1_line1', 'address1_city', 'address1_postalcode', 'description', ...AUDIT],
      syncIntervalMinutes: 1440,
      filter: { kind: 'all' },
    },
    {
      logicalName: 'contact',
      entitySet: 'contacts',
      primaryId: 'contactid',
      primaryName: 'fullname',
      displayName: 'Contacts',
      columns: ['contactid', 'fullname', 'firstname', 'lastname', 'jobtitle', 'emailaddress1', 'telephone1', 'mobilephone', '_parentcustomerid_value', ...AUDIT],
      syncIntervalMinutes: 1440,
      filter: { kind: 'related' },
    },
    {
      logicalName: 'msdyn_workorder',
      entitySet: 'msdyn_workorders',
      primaryId: 'msdyn_workorderid',
      primaryName: 'msdyn_name',
      displayName: 'Work Orders',
      columns: ['msdyn_workorderid', 'msdyn_name', '_msdyn_serviceaccount_value', 'msdyn_systemstatus', 'msdyn_priority', 'msdyn_workordersummary', 'msdyn_instructions', 'msdyn_address1', 'msdyn_city', 'msdyn_timewindowstart', 'msdyn_timewindowend', ...AUDIT],
      syncIntervalMinutes: 60,
      filter: { kind: 'all' },
    },
    {
      logicalName: 'bookableresourcebooking',
      entitySet: 'bookableresourcebookings',
      primaryId: 'bookableresourcebookingid',
      primaryName: 'name',
      displayName: 'Bookings',
      columns: ['bookableresourcebookingid', 'name', '_msdyn_workorder_value', 'starttime', 'endtime', 'duration', 'msdyn_bookingnotes', ...AUDIT],
      syncIntervalMinutes: 5,
      filter: { kind: 'owner', scope: 'user' },
    },
    {
      logicalName: 'msdyn_customerasset',
      entitySet: 'msdyn_customerassets',
      primaryId: 'msdyn_customerassetid',
      primaryName: 'msdyn_name',
      displayName: 'Customer Assets',
      columns: ['msdyn_customerassetid', 'msdyn_name', '_msdyn_account_value', 'msdyn_assettag', 'msdyn_manufacturer', 'msdyn_modelnumber', 'msdyn_serialnumber', 'msdyn_notes', ...AUDIT],
      syncIntervalMinutes: 1440,
      filter: { kind: 'related' },
    },
  ],
  relationships: [
    { from: 'contact', to: 'account', lookup: '_parentcustomerid_value' },
    { from: 'msdyn_workorder', to: 'account', lookup: '_msdyn_serviceaccount_value' },
    { from: 'bookableresourcebooking', to: 'msdyn_workorder', lookup: '_msdyn_workorder_value' },
    { from: 'msdyn_customerasset', to: 'account', lookup: '_msdyn_account_value' },
  ],
};
