import { BOOKINGS_RULE_FETCHXML, BOOKINGS_RULE_VIEW_ID, EMULATOR_USER, FIELD_SERVICE_PROFILE, startEmulator, type RunningEmulator } from './index';
import { admin, api, errorCode, getJson, type Json } from './testing';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 20 });
});
afterAll(() => emulator.close());

const rows = async (path: string): Promise<Json[]> => (await getJson(emulator, path)).value as Json[];

describe('the emulator serves the offline profile tables over the normal OData GET path', () => {
  it('profiles by name, items by their profile lookup, associations by their item lookup', async () => {
    const [profile] = await rows(`mobileofflineprofiles?$select=mobileofflineprofileid,name&$filter=${encodeURIComponent(`name eq '${FIELD_SERVICE_PROFILE.name}'`)}`);
    expect(profile.mobileofflineprofileid).toBe(FIELD_SERVICE_PROFILE.id);
    const items = await rows(`mobileofflineprofileitems?$select=selectedentitytypecode,recorddistributioncriteria,selectedcolumns&$filter=_regardingobjectid_value eq ${FIELD_SERVICE_PROFILE.id}`);
    expect(items.map((i) => i.selectedentitytypecode)).toEqual(['bookableresourcebooking', 'msdyn_workorder', 'account', 'contact', 'msdyn_customerasset']);
    expect(JSON.parse(String(items[0].selectedcolumns))).toMatchObject({ Columns: expect.arrayContaining(['msdyn_workorder', 'starttime']) as unknown });
    const associations = await rows(`mobileofflineprofileitemassociations?$select=relationshipname&$filter=_mobileofflineprofileitemid_value eq ${String(items[3].mobileofflineprofileitemid)}`);
    expect(associations.map((a) => a.relationshipname)).toEqual(['contact_customer_accounts']);
  });

  it("the rule view's FetchXML, the organisation's settings and the user's profile", async () => {
    expect((await getJson(emulator, `savedqueries(${BOOKINGS_RULE_VIEW_ID})?$select=fetchxml`)).fetchxml).toBe(BOOKINGS_RULE_FETCHXML);
    const [organization] = await rows('organizations?$select=isconflictdetectionenabledformobileclient,_defaultmobileofflineprofileid_value');
    expect(organization).toMatchObject({ isconflictdetectionenabledformobileclient: false, _defaultmobileofflineprofileid_value: FIELD_SERVICE_PROFILE.id });
    expect((await getJson(emulator, `systemusers(${EMULATOR_USER.userId})?$select=_mobileofflineprofileid_value`))._mobileofflineprofileid_value).toBe(FIELD_SERVICE_PROFILE.id);
  });

  it('EntityDefinitions by key and by filter, with attribute types', async () => {
    const contact = await getJson(emulator, "EntityDefinitions(LogicalName='contact')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute&$expand=Attributes($select=LogicalName,AttributeType)");
    expect(contact).toMatchObject({ LogicalName: 'contact', EntitySetName: 'contacts', PrimaryIdAttribute: 'contactid', PrimaryNameAttribute: 'fullname' });
    expect(contact.Attributes).toEqual(expect.arrayContaining([{ LogicalName: 'parentcustomerid', AttributeType: 'Customer' }, { LogicalName: 'ownerid', AttributeType: 'Owner' }]));
    const filtered = await rows(`EntityDefinitions?$select=LogicalName,EntitySetName&$filter=${encodeURIComponent("LogicalName eq 'msdyn_workorder'")}`);
    expect(filtered).toEqual([expect.objectContaining({ LogicalName: 'msdyn_workorder', EntitySetName: 'msdyn_workorders' })]);
    expect((await api(emulator, "EntityDefinitions(LogicalName='new_gadget')")).status).toBe(404);
  });

  it('RelationshipDefinitions by schema name, 404 for one it does not have', async () => {
    expect(await getJson(emulator, "RelationshipDefinitions(SchemaName='msdyn_msdyn_workorder_bookableresourcebooking_WorkOrder')")).toMatchObject({
      ReferencingEntity: 'bookableresourcebooking', ReferencingAttribute: 'msdyn_workorder', ReferencedEntity: 'msdyn_workorder',
    });
    expect((await api(emulator, "RelationshipDefinitions(SchemaName='new_nothing')")).status).toBe(404);
  });

  it('answers 403 to reads of a table whose read privilege was taken away', async () => {
    await admin(emulator, 'POST', 'privileges', { entitySet: 'contacts', read: false });
    const response = await api(emulator, 'contacts?$select=contactid&$top=1');
    expect(response.status).toBe(403);
    expect(errorCode((await response.json()) as Json)).toBe('0x80040220');
    await admin(emulator, 'POST', 'privileges', { entitySet: 'contacts', read: true });
    expect((await api(emulator, 'contacts?$select=contactid&$top=1')).status).toBe(200);
  });
});
