import { OfflineProfileError } from '../../../SyncEngine/contracts/errors';
import type { DataverseProfileRecords, ProfileItemRecord, TableMetadata } from '../../../SyncEngine/core/profile/dataverseRecords';
import { fromDataverse, selectedColumns } from '../../../SyncEngine/core/profile/fromDataverse';

const meta = (logicalName: string, entitySet: string, lookups: string[] = []): TableMetadata => ({
  logicalName,
  entitySet,
  primaryId: `${logicalName}id`,
  primaryName: 'name',
  displayName: `${logicalName} rows`,
  attributes: [`${logicalName}id`, 'name', 'statecode', ...lookups],
  lookups,
});

const TABLES = new Map([
  ['account', meta('account', 'accounts', ['ownerid', 'owningbusinessunit', 'parentaccountid'])],
  ['contact', meta('contact', 'contacts', ['parentcustomerid', 'ownerid'])],
  ['msdyn_workorder', meta('msdyn_workorder', 'msdyn_workorders', ['msdyn_serviceaccount'])],
]);

const RELATIONSHIPS = new Map([
  ['contact_customer_accounts', { schemaName: 'contact_customer_accounts', referencingEntity: 'contact', referencingAttribute: 'parentcustomerid', referencedEntity: 'account' }],
  ['account_primary_contact', { schemaName: 'account_primary_contact', referencingEntity: 'account', referencingAttribute: 'primarycontactid', referencedEntity: 'contact' }],
  ['account_parent_account', { schemaName: 'account_parent_account', referencingEntity: 'account', referencingAttribute: 'parentaccountid', referencedEntity: 'account' }],
  ['msdyn_account_msdyn_workorder_serviceaccount', { schemaName: 'msdyn_account_msdyn_workorder_ServiceAccount', referencingEntity: 'msdyn_workorder', referencingAttribute: 'msdyn_serviceaccount', referencedEntity: 'account' }],
]);

const item = (id: string, table: string, changes: Partial<ProfileItemRecord> = {}): ProfileItemRecord => ({
  mobileofflineprofileitemid: id,
  selectedentitytypecode: table,
  recorddistributioncriteria: 1,
  syncintervalinminutes: 60,
  selectedcolumns: '{"Columns":["name"]}',
  ...changes,
});

function records(items: ProfileItemRecord[], extra: Partial<DataverseProfileRecords> = {}): DataverseProfileRecords {
  return {
    profile: { mobileofflineprofileid: 'p1', name: 'Test profile' },
    items,
    associations: [],
    ruleViews: new Map(),
    tables: TABLES,
    unreadable: new Set(),
    relationships: RELATIONSHIPS,
    ...extra,
  };
}

const VIEW = '<fetch><entity name="account"><filter><condition attribute="statecode" operator="eq" value="0" /></filter></entity></fetch>';

describe('fromDataverse maps a Dataverse offline profile', () => {
  it('takes entity set, primary id and name and display name from the metadata, and the interval from the item', () => {
    const { profile, problems } = fromDataverse(records([item('i1', 'account', { syncintervalinminutes: 720 })]));
    expect(problems).toEqual([]);
    expect(profile).toEqual({
      name: 'Test profile',
      tables: [{ logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid', primaryName: 'name', displayName: 'account rows', columns: ['accountid', 'name'], syncIntervalMinutes: 720, filter: { kind: 'all' } }],
      relationships: [],
    });
  });

  it.each([
    [0, { kind: 'related' }],
    [1, { kind: 'all' }],
  ])('maps distribution criterion %i', (criterion, filter) => {
    expect(fromDataverse(records([item('i1', 'account', { recorddistributioncriteria: criterion })])).profile.tables[0].filter).toEqual(filter);
  });

  it.each([
    [{ recordsownedbyme: true }, { kind: 'owner', scope: 'user' }],
    [{ recordsownedbyme: true, recordsownedbymyteam: true }, { kind: 'owner', scope: 'team' }],
    [{ recordsownedbymybusinessunit: true }, { kind: 'owner', scope: 'businessUnit' }],
    [{ recordsownedbymyteam: true }, { kind: 'custom', fetchXml: '<filter type="or"><condition attribute="ownerid" operator="eq-userteams" /></filter>' }],
    [
      { recordsownedbyme: true, recordsownedbymybusinessunit: true },
      { kind: 'custom', fetchXml: '<filter type="or"><condition attribute="ownerid" operator="eq-userid" /><condition attribute="owningbusinessunit" operator="eq-businessid" /></filter>' },
    ],
    [
      { recordsownedbyme: true, recordsownedbymyteam: true, recordsownedbymybusinessunit: true },
      { kind: 'custom', fetchXml: '<filter type="or"><condition attribute="ownerid" operator="eq-userid" /><condition attribute="ownerid" operator="eq-userteams" /><condition attribute="owningbusinessunit" operator="eq-businessid" /></filter>' },
    ],
  ])('maps the other data filter (criterion 2) owned by %j exactly', (flags, filter) => {
    expect(fromDataverse(records([item('i1', 'account', { recorddistributioncriteria: 2, ...flags })])).profile.tables[0].filter).toEqual(filter);
  });

  it("maps a custom data filter (criterion 3) to the rule view's FetchXML", () => {
    const mapped = fromDataverse(records([item('i1', 'account', { recorddistributioncriteria: 3, _profileitemrule_value: 'V1' })], { ruleViews: new Map([['v1', { savedqueryid: 'v1', fetchxml: VIEW }]]) }));
    expect(mapped.profile.tables[0].filter).toEqual({ kind: 'custom', fetchXml: VIEW });
  });

  it('reads selected columns as logical names, lookups in their Web API form, the primary id always first', () => {
    const { profile } = fromDataverse(records([item('i1', 'contact', { selectedcolumns: '{"Columns":["name","parentcustomerid","ownerid","gone"]}' })]));
    expect(profile.tables[0].columns).toEqual(['contactid', 'name', '_parentcustomerid_value', '_ownerid_value']);
  });

  it('takes every column when the item selects none', () => {
    expect(selectedColumns(null, TABLES.get('contact') as TableMetadata)).toEqual(['contactid', 'name', 'statecode', '_parentcustomerid_value', '_ownerid_value']);
  });

  it('resolves associations through the relationship metadata and adds the lookup the relationship needs', () => {
    const { profile, problems } = fromDataverse(records(
      [item('i1', 'account'), item('i2', 'contact', { recorddistributioncriteria: 0, selectedcolumns: '{"Columns":["name"]}' }), item('i3', 'msdyn_workorder')],
      { associations: [
        { _mobileofflineprofileitemid_value: 'i2', relationshipname: 'contact_customer_accounts' },
        { _mobileofflineprofileitemid_value: 'I1', relationshipname: 'msdyn_account_msdyn_workorder_ServiceAccount' },
      ] },
    ));
    expect(problems).toEqual([]);
    expect(profile.relationships).toEqual([
      { from: 'contact', to: 'account', lookup: '_parentcustomerid_value' },
      { from: 'msdyn_workorder', to: 'account', lookup: '_msdyn_serviceaccount_value' },
    ]);
    expect(profile.tables.find((t) => t.logicalName === 'contact')?.columns).toEqual(['contactid', 'name', '_parentcustomerid_value']);
  });
});

describe('fromDataverse leaves out what cannot be used, naming the table, and keeps the rest', () => {
  const problemOf = (mapped: { problems: OfflineProfileError[] }): [string, string | undefined][] => mapped.problems.map((p) => [p.problem, p.table]);

  it('a table the user cannot read', () => {
    const mapped = fromDataverse(records([item('i1', 'account'), item('i2', 'contact')], { unreadable: new Set(['contact']) }));
    expect(problemOf(mapped)).toEqual([['table-not-readable', 'contact']]);
    expect(mapped.profile.tables.map((t) => t.logicalName)).toEqual(['account']);
    expect(mapped.problems[0]).toBeInstanceOf(OfflineProfileError);
    expect(mapped.problems[0].code).toBe('config');
    expect(mapped.problems[0].askMaker).toContain('security role');
  });

  it('a table the organisation does not have', () => {
    expect(problemOf(fromDataverse(records([item('i1', 'account'), item('i2', 'new_gadget')])))).toEqual([['table-unknown', 'new_gadget']]);
  });

  it.each([
    ['invalid FetchXML', '<fetch><entity name="account"><filter><condition attribute="statecode" operator="eq" value="0"></entity>'],
    ['FetchXML of another table', '<fetch><entity name="contact" /></fetch>'],
    ['an empty view', ''],
  ])('a rule view with %s', (_, fetchxml) => {
    const mapped = fromDataverse(records(
      [item('i1', 'account', { recorddistributioncriteria: 3, _profileitemrule_value: 'v1' }), item('i2', 'contact')],
      { ruleViews: new Map([['v1', { savedqueryid: 'v1', fetchxml }]]) },
    ));
    expect(problemOf(mapped)).toEqual([['invalid-view', 'account']]);
    expect(mapped.profile.tables.map((t) => t.logicalName)).toEqual(['contact']);
  });

  it.each([
    ['an unknown criterion', { recorddistributioncriteria: 7 }],
    ['an owner filter with no owner', { recorddistributioncriteria: 2 }],
    ['an interval outside 5…1440', { syncintervalinminutes: 2 }],
    ['columns that are not {"Columns":[…]}', { selectedcolumns: '["name"]' }],
  ])('an item with %s', (_, changes) => {
    const mapped = fromDataverse(records([item('i1', 'account', changes), item('i2', 'contact')]));
    expect(problemOf(mapped)).toEqual([['invalid-item', 'account']]);
  });

  it('a circular relationship: the tables on it leave, the others stay', () => {
    const mapped = fromDataverse(records(
      [item('i1', 'account'), item('i2', 'contact'), item('i3', 'msdyn_workorder')],
      { associations: [
        { _mobileofflineprofileitemid_value: 'i2', relationshipname: 'contact_customer_accounts' },
        { _mobileofflineprofileitemid_value: 'i1', relationshipname: 'account_primary_contact' },
      ] },
    ));
    expect(problemOf(mapped)).toEqual([['circular-relationship', 'contact'], ['circular-relationship', 'account']]);
    expect(mapped.profile.tables.map((t) => t.logicalName)).toEqual(['msdyn_workorder']);
    expect(mapped.profile.relationships).toEqual([]);
  });

  it('a self relationship: the relationship goes, the table stays', () => {
    const mapped = fromDataverse(records([item('i1', 'account')], { associations: [{ _mobileofflineprofileitemid_value: 'i1', relationshipname: 'account_parent_account' }] }));
    expect(problemOf(mapped)).toEqual([['circular-relationship', 'account']]);
    expect(mapped.profile.tables.map((t) => t.logicalName)).toEqual(['account']);
  });

  it('a relationship the metadata does not know', () => {
    const mapped = fromDataverse(records([item('i1', 'account')], { associations: [{ _mobileofflineprofileitemid_value: 'i1', relationshipname: 'new_made_up' }] }));
    expect(problemOf(mapped)).toEqual([['unknown-relationship', 'account']]);
  });

  it('no usable table at all is a profile-empty error', () => {
    const attempt = (): unknown => fromDataverse(records([item('i1', 'account')], { unreadable: new Set(['account']) }));
    expect(attempt).toThrow(OfflineProfileError);
    expect(attempt).toThrow(/no table that can be taken offline/);
  });
});
