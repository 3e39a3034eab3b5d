import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { Identity } from '../../SyncEngine/contracts/HostEnvironment';
import type { OfflineProfile, ProfileTable, RowFilter } from '../../SyncEngine/contracts/profile';
import { profileFetchFilter } from '../../SyncEngine/core/profile/profileFetchFilter';
import { rowPredicate } from '../../SyncEngine/core/profile/rowFilter';
import { assertValidProfile, profileIssues } from '../../SyncEngine/core/profile/validateProfile';
import { ACCOUNTS, CONTACTS, OTHER_USER, PROFILE, USER } from '../support/engineFixture';

const TEAM = '33333333-3333-4333-8333-333333333333';
const identity: Identity = { orgId: 'test', userId: USER, businessUnitId: '44444444-4444-4444-8444-444444444444', teamIds: [TEAM] };
const accounts = (filter: RowFilter): ProfileTable => ({ ...ACCOUNTS, filter });
const profileWith = (filter: RowFilter): OfflineProfile => ({ ...PROFILE, tables: [accounts(filter), CONTACTS] });
const fetchXml = (source: string): RowFilter => ({ kind: 'custom', fetchXml: source });

const ROWS = [
  { accountid: 'a1', name: 'Contoso', revenue: 5_000_000, statecode: 0, _ownerid_value: USER },
  { accountid: 'a2', name: 'Fabrikam', revenue: 10_000, statecode: 0, _ownerid_value: TEAM.toUpperCase() },
  { accountid: 'a3', name: 'Northwind', revenue: 900_000, statecode: 1, _ownerid_value: OTHER_USER },
  { accountid: 'a4', name: 'Litware', revenue: null, statecode: 0, _ownerid_value: OTHER_USER },
];
const kept = (filter: RowFilter): string[] => {
  const keep = rowPredicate(accounts(filter), identity, () => Date.UTC(2025, 5, 1));
  return ROWS.filter((row) => keep === null || keep(row)).map((row) => row.accountid);
};

describe('a custom filter written as FetchXML', () => {
  it("keeps on the device the rows its conditions select, lookups read by their logical name (ownerid → _ownerid_value)", () => {
    const whole = fetchXml(`<fetch version="1.0" mapping="logical"><entity name="account"><attribute name="name"/><order attribute="name"/>
      <filter type="or"><condition attribute="revenue" operator="gt" value="1000000"/><condition attribute="ownerid" operator="eq-userteams"/></filter></entity></fetch>`);
    expect(kept(whole)).toEqual(['a1', 'a2']);
  });

  it('may be just the <filter> element, as the same rows', () => {
    const element = fetchXml('<filter><condition attribute="statecode" operator="eq" value="0"/><condition attribute="name" operator="not-like" value="%o%"/></filter>');
    expect(kept(element)).toEqual(['a2', 'a4']);
  });

  it('still works as an OData $filter, the other shape', () => {
    expect(kept({ kind: 'custom', filter: "revenue lt 1000000 and statecode eq 0" })).toEqual(['a2']);
  });

  it('keeps every row for a filter with no conditions', () => {
    expect(rowPredicate(accounts(fetchXml('<fetch><entity name="account"/></fetch>')), identity, Date.now)).toBeNull();
  });

  it("keeps the rows whose link-entity it cannot decide on the device, and drops those its own columns rule out", () => {
    // "active, and has a contact named Ann": the contact part is the server's to decide.
    const linked = fetchXml(`<fetch><entity name="account"><filter><condition attribute="statecode" operator="eq" value="0"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any"><filter><condition attribute="firstname" operator="eq" value="Ann"/></filter></link-entity>
      </filter></entity></fetch>`);
    expect(kept(linked)).toEqual(['a1', 'a2', 'a4']);
    // "not any" is unknown too; "or" with a condition that holds is certainly true.
    const negated = fetchXml(`<filter type="or"><condition attribute="revenue" operator="ge" value="5000000"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="not any"/></filter>`);
    expect(kept(negated)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const inner = fetchXml(`<fetch><entity name="account"><filter><condition attribute="revenue" operator="null"/></filter>
      <link-entity name="contact" from="parentcustomerid" to="accountid"/></entity></fetch>`);
    expect(kept(inner)).toEqual(['a4']);
  });

  it('reads an inner link-entity as the semi-join it is for choosing rows, dropping what only shapes results', () => {
    const filter = profileFetchFilter(ACCOUNTS, `<fetch><entity name="account"><attribute name="name"/>
      <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c"><attribute name="fullname"/>
        <filter><condition attribute="statecode" operator="eq" value="0"/></filter></link-entity>
      <link-entity name="msdyn_workorder" from="msdyn_serviceaccount" to="accountid" link-type="outer"/></entity></fetch>`);
    expect(filter).toEqual({
      kind: 'exists',
      link: expect.objectContaining({ name: 'contact', from: 'parentcustomerid', to: 'accountid', type: 'any', attributes: [], links: [], filter: expect.objectContaining({ kind: 'compare' }) }),
    });
  });

  it('passes validation with link-entities to tables the profile does not hold: the server runs them', () => {
    const linked = fetchXml('<filter><link-entity name="msdyn_workorder" from="msdyn_serviceaccount" to="accountid" link-type="any"/></filter>');
    expect(profileIssues(profileWith(linked))).toEqual([]);
  });

  it.each([
    ['malformed XML', '<fetch><entity name="account"><filter></entity></fetch>', /account\.filter: .*/],
    ['an unknown operator', '<filter><condition attribute="name" operator="sounds-like" value="x"/></filter>', /account\.filter: Unknown FetchXML condition operator 'sounds-like'/],
    ['another table', '<fetch><entity name="contact"/></fetch>', /account\.filter: The FetchXML filter is written for the table "contact", not for "account"/],
    ['a column the device does not keep', '<filter><condition attribute="websiteurl" operator="not-null"/></filter>', /account\.filter: The FetchXML filter reads "websiteurl"/],
    ['a condition on another entity', '<fetch><entity name="account"><filter><condition entityname="c" attribute="firstname" operator="eq" value="Ann"/></filter><link-entity name="contact" from="parentcustomerid" to="accountid" alias="c"/></entity></fetch>', /account\.filter: .*entityname/],
    ['an aggregate', '<fetch aggregate="true"><entity name="account"><attribute name="accountid" alias="n" aggregate="count"/></entity></fetch>', /account\.filter: An aggregate/],
    ['a wrong root', '<entity name="account"/>', /account\.filter: FetchXML must start with <fetch>/],
  ])('is refused with a ConfigError naming the table for %s', (_what, source, message) => {
    const profile = profileWith(fetchXml(source));
    expect(profileIssues(profile)).toEqual([expect.objectContaining({ table: 'account', field: 'filter' })]);
    expect(() => {
      assertValidProfile(profile);
    }).toThrow(ConfigError);
    expect(() => {
      assertValidProfile(profile);
    }).toThrow(message);
  });

  it('rejects a custom filter that is neither a string $filter nor a string fetchXml as malformed JSON', () => {
    const junk = profileWith({ kind: 'custom', fetchXml: 42 } as unknown as RowFilter);
    expect(profileIssues(junk)).toEqual([expect.objectContaining({ table: 'account', field: 'filter', message: 'is missing or of the wrong type.' })]);
  });
});
