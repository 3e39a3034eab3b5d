import { ODataHttp } from '../../SyncEngine/adapters/webapi/ODataHttp';
import { readDataverseProfile, type ProfileReading } from '../../SyncEngine/adapters/webapi/readProfile';
import { OfflineProfileError, PrivilegeError } from '../../SyncEngine/contracts/errors';
import { BOOKINGS_RULE_FETCHXML, BOOKINGS_RULE_VIEW_ID, EMULATOR_USER, FIELD_SERVICE_PROFILE, SALES_PROFILE, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { admin } from '../dataverse-emulator/testing';

let emulator: RunningEmulator;
const ACCOUNT_ITEM = 'c0000001-0000-4000-8000-000000000003';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 50 });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await admin(emulator, 'POST', 'reset');
});

function read(profileName?: string, on: RunningEmulator = emulator): Promise<ProfileReading> {
  return readDataverseProfile({ http: new ODataHttp({ baseUrl: on.baseUrl }), userId: EMULATOR_USER.userId, profileName });
}

async function edit(entitySet: string, id: string, changes: Record<string, unknown>): Promise<void> {
  const response = await admin(emulator, 'POST', 'edit', { entitySet, id, changes });
  if (!response.ok) throw new Error(`edit answered ${String(response.status)}: ${await response.text()}`);
}

async function problemOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof OfflineProfileError)) throw new Error(`expected an OfflineProfileError, got ${String(error)}`);
  return error.problem;
}

describe('readDataverseProfile over the Web API', () => {
  it("finds the user's own profile and maps the Field Service profile", async () => {
    const { found, conflictDetection } = await read();
    expect(conflictDetection).toBe(false);
    expect(found?.source).toBe('user');
    expect(found?.problems).toEqual([]);
    const profile = found?.profile;
    expect(profile?.name).toBe(FIELD_SERVICE_PROFILE.name);
    const byName = new Map(profile?.tables.map((t) => [t.logicalName, t]));
    expect([...byName.keys()].sort()).toEqual(['account', 'bookableresourcebooking', 'contact', 'msdyn_customerasset', 'msdyn_workorder']);
    expect(byName.get('bookableresourcebooking')).toMatchObject({
      entitySet: 'bookableresourcebookings',
      primaryId: 'bookableresourcebookingid',
      primaryName: 'name',
      displayName: 'Bookable Resource Bookings',
      syncIntervalMinutes: 5,
      filter: { kind: 'custom', fetchXml: BOOKINGS_RULE_FETCHXML },
    });
    expect(byName.get('bookableresourcebooking')?.columns).toEqual(expect.arrayContaining(['bookableresourcebookingid', '_msdyn_workorder_value', '_ownerid_value', 'starttime']));
    expect(byName.get('msdyn_workorder')).toMatchObject({ syncIntervalMinutes: 60, filter: { kind: 'related' } });
    expect(profile?.relationships).toEqual(expect.arrayContaining([
      { from: 'bookableresourcebooking', to: 'msdyn_workorder', lookup: '_msdyn_workorder_value' },
      { from: 'msdyn_workorder', to: 'account', lookup: '_msdyn_serviceaccount_value' },
      { from: 'contact', to: 'account', lookup: '_parentcustomerid_value' },
      { from: 'msdyn_customerasset', to: 'account', lookup: '_msdyn_account_value' },
    ]));
    expect(profile?.relationships).toHaveLength(4);
  });

  it('reads the profile the maker named, when the user is a member of it', async () => {
    const { found } = await read(FIELD_SERVICE_PROFILE.name);
    expect(found?.source).toBe('name');
    expect(found?.profile.tables).toHaveLength(5);
  });

  it("falls back to the organisation's default profile when the user has none", async () => {
    await edit('systemusers', EMULATOR_USER.userId, { _mobileofflineprofileid_value: null });
    expect((await read()).found?.source).toBe('organization');
  });

  it("reads the organisation's conflict detection setting", async () => {
    await edit('organizations', EMULATOR_USER.organizationId, { isconflictdetectionenabledformobileclient: true });
    expect((await read()).conflictDetection).toBe(true);
  });

  it('finds nothing when neither the user nor the organisation has a profile', async () => {
    const bare = await startEmulator({ port: 0, rows: 0, assignOfflineProfile: false });
    try {
      expect(await read(undefined, bare)).toEqual({ conflictDetection: false });
    } finally {
      await bare.close();
    }
  });
});

describe('readDataverseProfile: bad input becomes typed configuration errors', () => {
  it('a name that matches no profile', async () => {
    expect(await problemOf(read('No such profile'))).toBe('profile-not-found');
  });

  it('a profile the user is not a member of', async () => {
    expect(await problemOf(read(SALES_PROFILE.name))).toBe('profile-not-member');
  });

  it('a table the user cannot read (403): that table leaves, the others stay', async () => {
    await admin(emulator, 'POST', 'privileges', { entitySet: 'msdyn_customerassets', read: false });
    const { found } = await read();
    expect(found?.problems.map((p) => [p.problem, p.table])).toEqual([['table-not-readable', 'msdyn_customerasset']]);
    expect(found?.profile.tables.map((t) => t.logicalName)).not.toContain('msdyn_customerasset');
    expect(found?.profile.tables).toHaveLength(4);
  });

  it('a rule view with invalid FetchXML: the bookings leave, the other tables stay', async () => {
    await edit('savedqueries', BOOKINGS_RULE_VIEW_ID, { fetchxml: '<fetch><entity name="bookableresourcebooking"><filter>' });
    await edit('mobileofflineprofileitems', ACCOUNT_ITEM, { recorddistributioncriteria: 1 });
    const { found } = await read();
    expect(found?.problems.map((p) => [p.problem, p.table])).toEqual([['invalid-view', 'bookableresourcebooking']]);
    expect(found?.profile.tables.map((t) => t.logicalName)).toEqual(expect.arrayContaining(['account', 'contact', 'msdyn_customerasset']));
    expect(found?.profile.tables.map((t) => t.logicalName)).not.toContain('bookableresourcebooking');
  });

  it('a broken view the whole profile hangs off: no table is left, a profile-empty error', async () => {
    await edit('savedqueries', BOOKINGS_RULE_VIEW_ID, { fetchxml: '<fetch><entity name="contact" /></fetch>' });
    expect(await problemOf(read())).toBe('profile-empty');
  });

  it('an association naming a relationship the metadata does not have', async () => {
    await admin(emulator, 'POST', 'create', {
      entitySet: 'mobileofflineprofileitemassociations',
      data: { mobileofflineprofileitemassociationid: 'c0000001-0000-4000-8000-a00300000009', name: 'x', _mobileofflineprofileitemid_value: ACCOUNT_ITEM, relationshipname: 'new_account_gadget' },
    });
    const { found } = await read();
    expect(found?.problems.map((p) => [p.problem, p.table])).toEqual([['unknown-relationship', 'account']]);
    expect(found?.profile.tables).toHaveLength(5);
  });

  it('the profile tables themselves unreadable: a privilege error, for the caller to fall back on its cache', async () => {
    await admin(emulator, 'POST', 'privileges', { entitySet: 'mobileofflineprofiles', read: false });
    await expect(read()).rejects.toBeInstanceOf(PrivilegeError);
  });
});
