/**
 * Seeded configuration records: a Field Service Mobile-like offline profile, a second profile the user is not a
 * member of, the bookings rule view, the organisation and the signed-in user. Fixed ids, so tests and the
 * harness can name them; none of it draws from the row seed's random numbers, so the Field Service rows stay
 * what they were.
 */
import type { SeedData } from './seed';
import { EMULATOR_USER } from './tables';

type Data = Record<string, unknown>;

export const FIELD_SERVICE_PROFILE = { id: 'a1b2c3d4-0000-4000-8000-00000000f5a1', name: 'Field Service Mobile - Offline Profile' };
export const SALES_PROFILE = { id: 'a1b2c3d4-0000-4000-8000-00000000a1e5', name: 'Sales Mobile - Offline Profile' };
export const BOOKINGS_RULE_VIEW_ID = 'b00c1a55-0000-4000-8000-0000000000b1';

const PUBLISHED = '2025-01-01T08:00:00Z';
const AUDIT = ['statecode', 'statuscode', 'ownerid', 'owningbusinessunit', 'createdon', 'modifiedon'];

/**
 * Bookings of the current user that start or end today, in the next 7 days or in the last 7. Field Service's own
 * view reaches the user through the booking's bookable resource; the emulator has no resource table, so the
 * booking's owner stands for it.
 */
export const BOOKINGS_RULE_FETCHXML = [
  '<fetch version="1.0" mapping="logical">',
  '<entity name="bookableresourcebooking">',
  '<attribute name="bookableresourcebookingid" />',
  '<filter type="and">',
  '<condition attribute="ownerid" operator="eq-userid" />',
  '<filter type="or">',
  ...['starttime', 'endtime'].flatMap((column) =>
    ['today', 'next-seven-days', 'last-seven-days'].map((operator) => `<condition attribute="${column}" operator="${operator}" />`),
  ),
  '</filter>',
  '</filter>',
  '</entity>',
  '</fetch>',
].join('');

interface ItemSpec {
  id: string;
  table: string;
  /** 0 related data only, 1 all records, 2 other data filter, 3 custom data filter. */
  criteria: 0 | 1 | 2 | 3;
  interval: number;
  columns: string[];
  owned?: { me?: boolean; team?: boolean; businessUnit?: boolean };
  rule?: string;
  /** Relationship schema names this item follows to reach its rows. */
  follows?: string[];
}

const FIELD_SERVICE_ITEMS: ItemSpec[] = [
  {
    id: 'c0000001-0000-4000-8000-000000000001', table: 'bookableresourcebooking', criteria: 3, interval: 5, rule: BOOKINGS_RULE_VIEW_ID,
    columns: ['name', 'msdyn_workorder', 'starttime', 'endtime', 'duration', 'msdyn_bookingnotes', ...AUDIT],
  },
  {
    id: 'c0000001-0000-4000-8000-000000000002', table: 'msdyn_workorder', criteria: 0, interval: 60,
    columns: ['msdyn_name', 'msdyn_serviceaccount', 'msdyn_systemstatus', 'msdyn_priority', 'msdyn_workordersummary', 'msdyn_instructions', 'msdyn_address1', 'msdyn_city', 'msdyn_timewindowstart', 'msdyn_timewindowend', ...AUDIT],
    follows: ['msdyn_msdyn_workorder_bookableresourcebooking_WorkOrder'],
  },
  {
    id: 'c0000001-0000-4000-8000-000000000003', table: 'account', criteria: 0, interval: 1440,
    columns: ['name', 'accountnumber', 'telephone1', 'emailaddress1', 'address1_line1', 'address1_city', 'address1_postalcode', 'description', ...AUDIT],
    follows: ['msdyn_account_msdyn_workorder_ServiceAccount'],
  },
  {
    id: 'c0000001-0000-4000-8000-000000000004', table: 'contact', criteria: 0, interval: 1440,
    columns: ['fullname', 'firstname', 'lastname', 'jobtitle', 'emailaddress1', 'telephone1', 'mobilephone', 'parentcustomerid', ...AUDIT],
    follows: ['contact_customer_accounts'],
  },
  {
    id: 'c0000001-0000-4000-8000-000000000005', table: 'msdyn_customerasset', criteria: 0, interval: 1440,
    columns: ['msdyn_name', 'msdyn_account', 'msdyn_assettag', 'msdyn_manufacturer', 'msdyn_modelnumber', 'msdyn_serialnumber', 'msdyn_notes', ...AUDIT],
    follows: ['msdyn_account_msdyn_customerasset_Account'],
  },
];

const SALES_ITEMS: ItemSpec[] = [
  { id: 'c0000002-0000-4000-8000-000000000001', table: 'account', criteria: 1, interval: 1440, columns: ['name', 'telephone1', ...AUDIT] },
  { id: 'c0000002-0000-4000-8000-000000000002', table: 'contact', criteria: 2, interval: 720, owned: { me: true }, columns: ['fullname', 'parentcustomerid', ...AUDIT] },
];

function itemRecord(profileId: string, spec: ItemSpec): Data {
  return {
    mobileofflineprofileitemid: spec.id,
    name: spec.table,
    _regardingobjectid_value: profileId,
    selectedentitytypecode: spec.table,
    recorddistributioncriteria: spec.criteria,
    recordsownedbyme: spec.owned?.me ?? false,
    recordsownedbymyteam: spec.owned?.team ?? false,
    recordsownedbymybusinessunit: spec.owned?.businessUnit ?? false,
    getrelatedentityrecords: spec.criteria === 0,
    _profileitemrule_value: spec.rule ?? null,
    syncintervalinminutes: spec.interval,
    selectedcolumns: JSON.stringify({ Columns: spec.columns }),
    isvisibleingrid: true,
    canbefollowed: true,
    modifiedon: PUBLISHED,
  };
}

function associationRecords(spec: ItemSpec): Data[] {
  return (spec.follows ?? []).map((relationship, index) => ({
    mobileofflineprofileitemassociationid: `${spec.id.slice(0, 24)}a${spec.id.slice(-3)}${String(index + 1).padStart(8, '0')}`,
    name: relationship,
    _mobileofflineprofileitemid_value: spec.id,
    relationshipid: null,
    relationshipname: relationship,
    relationshipdisplayname: relationship,
    selectedrelationshipsschema: relationship,
    modifiedon: PUBLISHED,
  }));
}

/**
 * The configuration tables' rows. `assigned`: the user and the organisation point at the Field Service profile
 * (as an org whose admin published it); without it neither does, as in an org with no offline profile yet.
 */
export function profileRecords(assigned: boolean): SeedData {
  const profile = (id: string, name: string, description: string): Data =>
    ({ mobileofflineprofileid: id, name, description, isvalidated: true, publishedon: PUBLISHED, modifiedon: PUBLISHED });
  const profileId = assigned ? FIELD_SERVICE_PROFILE.id : null;
  return new Map<string, Data[]>([
    ['mobileofflineprofiles', [
      profile(FIELD_SERVICE_PROFILE.id, FIELD_SERVICE_PROFILE.name, 'Bookings of the technician, their work orders, accounts, contacts and customer assets.'),
      profile(SALES_PROFILE.id, SALES_PROFILE.name, 'Accounts and the seller\'s own contacts.'),
    ]],
    ['mobileofflineprofileitems', [
      ...FIELD_SERVICE_ITEMS.map((spec) => itemRecord(FIELD_SERVICE_PROFILE.id, spec)),
      ...SALES_ITEMS.map((spec) => itemRecord(SALES_PROFILE.id, spec)),
    ]],
    ['mobileofflineprofileitemassociations', FIELD_SERVICE_ITEMS.flatMap(associationRecords)],
    ['savedqueries', [{
      savedqueryid: BOOKINGS_RULE_VIEW_ID, name: 'Bookings - Next 7 days and last 7 days (Offline)', returnedtypecode: 'bookableresourcebooking',
      querytype: 0, fetchxml: BOOKINGS_RULE_FETCHXML, modifiedon: PUBLISHED,
    }]],
    ['organizations', [{
      organizationid: EMULATOR_USER.organizationId, name: 'Contoso Field Service (emulator)',
      isconflictdetectionenabledformobileclient: false, _defaultmobileofflineprofileid_value: profileId, modifiedon: PUBLISHED,
    }]],
    ['systemusers', [{
      systemuserid: EMULATOR_USER.userId, fullname: 'Emulator User', domainname: 'emulator.user@contoso.example.com',
      _businessunitid_value: EMULATOR_USER.businessUnitId, _mobileofflineprofileid_value: profileId, modifiedon: PUBLISHED,
    }]],
  ]);
}
