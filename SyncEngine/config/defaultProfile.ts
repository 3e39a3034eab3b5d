import type { OfflineProfile } from '../contracts/profile';

const AUDIT = ['statecode', 'statuscode', '_ownerid_value', '_owningbusinessunit_value', 'createdon', 'modifiedon'];

/**
 * The bookings Field Service Mobile's profile takes: the user's own, starting or ending today, in the next seven
 * days or in the last seven (as its "My bookings" rule view).
 */
export const MY_BOOKINGS_FETCHXML = [
  '<filter type="and">',
  '<condition attribute="ownerid" operator="eq-userid" />',
  '<filter type="or">',
  ...['starttime', 'endtime'].flatMap((column) =>
    ['today', 'next-seven-days', 'last-seven-days'].map((operator) => `<condition attribute="${column}" operator="${operator}" />`),
  ),
  '</filter>',
  '</filter>',
].join('');

/**
 * The profile used when the maker gives none: Field Service Mobile's chain, with its typical intervals. The user's
 * bookings of the fortnight around today come down (`MY_BOOKINGS_FETCHXML`), then only the rows they reach: their
 * work orders, those work orders' service accounts, and the accounts' contacts and customer assets. Tables are
 * listed in that order, which is the order related rows are downloaded in (each after the table it hangs off).
 */
export const DEFAULT_PROFILE: OfflineProfile = {
  name: 'Field Service Mobile - Offline Profile',
  tables: [
    {
      logicalName: 'bookableresourcebooking',
      entitySet: 'bookableresourcebookings',
      primaryId: 'bookableresourcebookingid',
      primaryName: 'name',
      displayName: 'Bookings',
      columns: ['bookableresourcebookingid', 'name', '_msdyn_workorder_value', 'starttime', 'endtime', 'duration', 'msdyn_bookingnotes', ...AUDIT],
      syncIntervalMinutes: 5,
      filter: { kind: 'custom', fetchXml: MY_BOOKINGS_FETCHXML },
    },
    {
      logicalName: 'msdyn_workorder',
      entitySet: 'msdyn_workorders',
      primaryId: 'msdyn_workorderid',
      primaryName: 'msdyn_name',
      displayName: 'Work Orders',
      columns: ['msdyn_workorderid', 'msdyn_name', '_msdyn_serviceaccount_value', 'msdyn_systemstatus', 'msdyn_priority', 'msdyn_workordersummary', 'msdyn_instructions', 'msdyn_address1', 'msdyn_city', 'msdyn_timewindowstart', 'msdyn_timewindowend', ...AUDIT],
      syncIntervalMinutes: 60,
      filter: { kind: 'related' },
    },
    {
      logicalName: 'account',
      entitySet: 'accounts',
      primaryId: 'accountid',
      primaryName: 'name',
      displayName: 'Accounts',
      columns: ['accountid', 'name', 'accountnumber', 'telephone1', 'emailaddress1', 'address1_line1', 'address1_city', 'address1_postalcode', 'description', ...AUDIT],
      syncIntervalMinutes: 1440,
      filter: { kind: 'related' },
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
