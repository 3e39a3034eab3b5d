import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import type { OfflineProfile, ProfileTable, RowFilter } from '../../SyncEngine/contracts/profile';

/** The default profile's table of this name, its filter replaced. */
function table(name: string, filter: RowFilter, extraColumns: string[] = []): ProfileTable {
  const found = DEFAULT_PROFILE.tables.find((candidate) => candidate.logicalName === name);
  if (!found) throw new Error(`No default table ${name}`);
  return { ...found, columns: [...found.columns, ...extraColumns], filter };
}

const related: RowFilter = { kind: 'related' };
/** The default relationships between the tables given. */
const profile = (name: string, tables: ProfileTable[]): OfflineProfile => {
  const names = new Set(tables.map((t) => t.logicalName));
  return { name, tables, relationships: DEFAULT_PROFILE.relationships.filter((rel) => names.has(rel.from) && names.has(rel.to)) };
};

/** Bookings chosen by `bookings`, then the Field Service chain: their work orders, those accounts, their contacts and assets. */
const fieldServiceChain = (name: string, bookings: RowFilter): OfflineProfile =>
  profile(name, [
    table('bookableresourcebooking', bookings),
    table('msdyn_workorder', related),
    table('account', related),
    table('contact', related),
    table('msdyn_customerasset', related),
  ]);

/** A FetchXML filter with a link-entity: the device cannot decide it row by row (see fetchXmlPredicate). */
export const LINKED_FETCHXML_PROFILE: OfflineProfile = profile('custom FetchXML with a link-entity', [
  table('account', {
    kind: 'custom',
    fetchXml: `<fetch><entity name="account"><attribute name="name"/><filter>
        <condition attribute="address1_city" operator="in"><value>Seattle</value><value>Oslo</value><value>Dublin</value></condition>
        <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any">
          <filter><condition attribute="jobtitle" operator="eq" value="Plant Engineer"/></filter>
        </link-entity></filter></entity></fetch>`,
  }),
  table('contact', related),
]);

/**
 * Profiles whose slices the device computes exactly today (whole-table download, filtered on the device), so the
 * server's answer to the slice query must be the very same rows. Table order matters for related rows: a table's
 * slice is defined through the tables downloaded before it.
 */
export const EXACT_PROFILES: readonly OfflineProfile[] = [
  DEFAULT_PROFILE,
  fieldServiceChain('chain from my bookings', { kind: 'owner', scope: 'user' }),
  fieldServiceChain('chain from my team bookings', { kind: 'owner', scope: 'team' }),
  profile('accounts of my business unit', [
    table('account', { kind: 'owner', scope: 'businessUnit' }),
    table('contact', related),
    table('msdyn_workorder', related),
    table('bookableresourcebooking', related),
    table('msdyn_customerasset', related),
  ]),
  profile('custom OData', [
    table('account', { kind: 'custom', filter: "(address1_city eq 'Seattle' or contains(name,'ltd')) and not (statecode eq 1)" }),
    table('contact', related),
    table('msdyn_workorder', { kind: 'custom', filter: "msdyn_priority eq 1 and not (msdyn_city eq 'Oslo' or msdyn_systemstatus ge 690970003)" }),
    table('bookableresourcebooking', related),
    table('msdyn_customerasset', related),
  ]),
  profile('custom FetchXML', [
    table('msdyn_workorder', {
      kind: 'custom',
      fetchXml: `<fetch version="1.0" mapping="logical"><entity name="msdyn_workorder"><attribute name="msdyn_name"/><order attribute="msdyn_name"/>
        <filter type="or"><condition attribute="msdyn_priority" operator="eq" value="1"/>
          <filter><condition attribute="msdyn_city" operator="in"><value>Seattle</value><value>Oslo</value></condition>
            <condition attribute="ownerid" operator="eq-useroruserteams"/></filter></filter></entity></fetch>`,
    }),
    table('bookableresourcebooking', {
      kind: 'custom',
      fetchXml: `<filter type="or"><condition attribute="duration" operator="ge" value="120"/><condition attribute="name" operator="like" value="%7%"/></filter>`,
    }),
    table('account', related),
    table('contact', related),
    table('msdyn_customerasset', related),
  ]),
  profile('from assets up to accounts and down to bookings', [
    table('msdyn_customerasset', { kind: 'custom', filter: "msdyn_manufacturer eq 'Contoso Pumps'" }),
    table('account', related),
    table('msdyn_workorder', related),
    table('bookableresourcebooking', related),
    table('contact', related),
  ]),
  profile('accounts through two relationships', [
    table('bookableresourcebooking', { kind: 'owner', scope: 'user' }),
    table('msdyn_customerasset', { kind: 'owner', scope: 'businessUnit' }),
    table('msdyn_workorder', related),
    table('account', related),
    table('contact', related),
  ]),
  // Values that need escaping on the way: a quote in OData, an apostrophe and an ampersand in the XML.
  profile("O'Brien & co", [
    table('contact', { kind: 'custom', filter: "lastname eq 'O''Brien' or contains(jobtitle,'&') or startswith(fullname,'Ann ')" }),
    table('account', related),
  ]),
  // Related tables before the tables they relate to: they find nothing on the first download, and neither may the server.
  profile('related tables listed first', [
    table('account', related),
    table('contact', related),
    table('msdyn_workorder', related),
    table('bookableresourcebooking', { kind: 'owner', scope: 'user' }),
    table('msdyn_customerasset', related),
  ]),
];
