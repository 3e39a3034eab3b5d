import { EMULATOR_USER, startEmulator, type RunningEmulator } from './index';
import { admin, api, getJson, sendJson, type Json } from './testing';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 40 });
});
afterAll(() => emulator.close());
afterEach(() => admin(emulator, 'POST', 'usersettings', { uilanguageid: 1033 }));

type Label = { LocalizedLabels: { Label: string; LanguageCode: number }[]; UserLocalizedLabel: { Label: string; LanguageCode: number } };
const ACCOUNT = "EntityDefinitions(LogicalName='account')";
const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };

async function account(): Promise<Json & { DisplayCollectionName: Label; Attributes: (Json & { DisplayName: Label })[] }> {
  return (await getJson(emulator, `${ACCOUNT}?$select=DisplayName,DisplayCollectionName&$expand=Attributes($select=LogicalName,DisplayName,AttributeType)`)) as never;
}

describe('the emulator serves display names and choices as Dataverse metadata, in the user language', () => {
  it('labels carry the three languages, and the user label is English by default', async () => {
    const definition = await account();
    expect(definition.DisplayCollectionName.LocalizedLabels).toEqual([
      { Label: 'Accounts', LanguageCode: 1033 }, { Label: 'Firmen', LanguageCode: 1031 }, { Label: 'Comptes', LanguageCode: 1036 },
    ]);
    expect(definition.DisplayCollectionName.UserLocalizedLabel).toEqual({ Label: 'Accounts', LanguageCode: 1033 });
    const phone = definition.Attributes.find((a) => a.LogicalName === 'telephone1');
    expect(phone).toMatchObject({ AttributeType: 'String', DisplayName: { UserLocalizedLabel: { Label: 'Main Phone', LanguageCode: 1033 } } });
    expect(Object.keys(phone ?? {}).sort()).toEqual(['AttributeType', 'DisplayName', 'LogicalName']);
  });

  it('the user label follows the user UI language, set through usersettings as an app sets it', async () => {
    expect((await sendJson(emulator, 'PATCH', `usersettingscollection(${EMULATOR_USER.userId})`, { uilanguageid: 1031 })).status).toBe(204);
    expect((await getJson(emulator, `usersettingscollection(${EMULATOR_USER.userId})?$select=uilanguageid`)).uilanguageid).toBe(1031);
    const german = await account();
    expect(german.DisplayCollectionName.UserLocalizedLabel).toEqual({ Label: 'Firmen', LanguageCode: 1031 });
    expect(german.Attributes.find((a) => a.LogicalName === 'revenue')?.DisplayName.UserLocalizedLabel.Label).toBe('Jahresumsatz');
    await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1036 });
    expect((await account()).DisplayCollectionName.UserLocalizedLabel.Label).toBe('Comptes');
  });

  it('refuses a language the org has no pack for', async () => {
    expect((await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1041 })).status).toBe(400);
    expect((await sendJson(emulator, 'PATCH', `usersettingscollection(${EMULATOR_USER.userId})`, { uilanguageid: 9 })).status).toBe(400);
  });

  it('picklist, state, status and two-option attributes come with their option sets', async () => {
    const picklists = (await getJson(emulator, `${ACCOUNT}/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet,GlobalOptionSet`)).value as Json[];
    expect(picklists.map((a) => a.LogicalName)).toEqual(['industrycode']);
    const industry = picklists[0] as { OptionSet: { Options: { Value: number; Label: Label }[] }; GlobalOptionSet: unknown };
    expect(industry.GlobalOptionSet).toBeNull();
    expect(industry.OptionSet.Options).toHaveLength(33);
    expect(industry.OptionSet.Options[6]).toMatchObject({ Value: 7, Label: { UserLocalizedLabel: { Label: 'Consulting' } } });
    const status = (await getJson(emulator, `${ACCOUNT}/Attributes/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$select=LogicalName&$expand=OptionSet`)).value as Json[];
    expect(status[0]).toMatchObject({ LogicalName: 'statuscode', OptionSet: { OptionSetType: 'Status', Options: [{ Value: 1, State: 0 }, { Value: 2, State: 1 }] } });
    const booleans = (await getJson(emulator, "EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.BooleanAttributeMetadata?$expand=OptionSet")).value as Json[];
    expect(booleans[0]).toMatchObject({ LogicalName: 'donotemail', OptionSet: { TrueOption: { Value: 1, Label: { UserLocalizedLabel: { Label: 'Do Not Allow' } } } } });
  });

  it('answers 404 for a table it does not have, by key and through the attribute casts', async () => {
    expect((await api(emulator, "EntityDefinitions(LogicalName='new_gadget')?$select=DisplayName")).status).toBe(404);
    expect((await api(emulator, "EntityDefinitions(LogicalName='new_gadget')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata")).status).toBe(404);
  });
});

describe('the emulator annotates rows with formatted values when asked', () => {
  const firstWorkOrder = async (headers: Record<string, string>): Promise<Json> =>
    ((await getJson(emulator, 'msdyn_workorders?$select=msdyn_name,msdyn_systemstatus,_msdyn_serviceaccount_value,_ownerid_value,createdon&$top=1', headers)).value as Json[])[0];

  it('choices as labels, lookups with the related row name and table, dates formatted', async () => {
    const row = await firstWorkOrder(ANNOTATIONS);
    const accountId = String(row._msdyn_serviceaccount_value);
    const related = await getJson(emulator, `accounts(${accountId})?$select=name`);
    expect(row['_msdyn_serviceaccount_value@OData.Community.Display.V1.FormattedValue']).toBe(related.name);
    expect(row['_msdyn_serviceaccount_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
    expect(row['_msdyn_serviceaccount_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe('msdyn_serviceaccount');
    expect(['Unscheduled', 'Scheduled', 'In Progress', 'Completed', 'Posted']).toContain(row['msdyn_systemstatus@OData.Community.Display.V1.FormattedValue']);
    expect(['systemuser', 'team']).toContain(row['_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']);
    expect(row['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2,4}, \d{1,2}:\d{2}\s?[AP]M$/);
  });

  it('without the preference rows carry no annotations; money and labels follow the user language', async () => {
    expect(Object.keys(await firstWorkOrder({})).filter((key) => key.includes('@') && key !== '@odata.etag')).toEqual([]);
    await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1031 });
    const accounts = (await getJson(emulator, 'accounts?$select=revenue,statecode&$top=1', { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' })).value as Json[];
    expect(accounts[0]['revenue@OData.Community.Display.V1.FormattedValue']).toMatch(/^[\d.]+,00\s\$$/);
    expect(['Aktiv', 'Inaktiv']).toContain(accounts[0]['statecode@OData.Community.Display.V1.FormattedValue']);
    expect(accounts[0]['statecode@Microsoft.Dynamics.CRM.lookuplogicalname']).toBeUndefined();
  });

  it('one row by id is annotated too, and says which preference it applied', async () => {
    const [first] = (await getJson(emulator, 'contacts?$select=contactid&$top=1')).value as Json[];
    const response = await api(emulator, `contacts(${String(first.contactid)})?$select=donotemail,_parentcustomerid_value`, { headers: ANNOTATIONS });
    expect(response.headers.get('preference-applied')).toBe('odata.include-annotations="*"');
    const row = (await response.json()) as Json;
    expect(['Allow', 'Do Not Allow']).toContain(row['donotemail@OData.Community.Display.V1.FormattedValue']);
  });
});
