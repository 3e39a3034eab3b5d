import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { sliceQuery } from '../../SyncEngine/core/profile/sliceQuery';
import { EMULATOR_USER } from '../dataverse-emulator';
import { OTHER_USERS } from '../dataverse-emulator/tables';
import { fetchRows } from '../dataverse-emulator/testing';
import { serverRows, startStack, type Stack } from './engineOverHttp';

/** What the server says each table's slice is, by id. */
async function serverSlices(stack: Stack): Promise<Record<string, string[]>> {
  const slices: Record<string, string[]> = {};
  for (const table of DEFAULT_PROFILE.tables) {
    const rows = await fetchRows(stack.emulator, table.entitySet, sliceQuery(DEFAULT_PROFILE, table.logicalName));
    slices[table.logicalName] = rows.map((row) => String(row[table.primaryId])).sort();
  }
  return slices;
}

async function deviceSlices(stack: Stack): Promise<Record<string, string[]>> {
  const slices: Record<string, string[]> = {};
  for (const table of DEFAULT_PROFILE.tables) {
    const { entities } = await stack.engine.offline.retrieveMultipleRecords(table.logicalName, `?$select=${table.primaryId}`);
    slices[table.logicalName] = entities.map((row) => String(row[table.primaryId])).sort();
  }
  return slices;
}

describe('server slices: the engine downloads what the server selects for the profile', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it('transfers only the rows it keeps at first, and keeps exactly each table slice', async () => {
    stack = await startStack({ rows: 600, engine: { serverSlices: true }, profile: DEFAULT_PROFILE });
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().initialSyncComplete).toBe(true);
    const device = await deviceSlices(stack);
    expect(device).toEqual(await serverSlices(stack));
    const bookings = await serverRows(stack.emulator, 'bookableresourcebookings');
    expect(device.bookableresourcebooking.length).toBeGreaterThan(0);
    expect(device.bookableresourcebooking.length).toBeLessThan(bookings.length);
    // The default seed gives the built-in profile a slice of a few percent of the org (item 4 of #15).
    const kept = Object.values(device).reduce((sum, ids) => sum + ids.length, 0);
    expect(kept / 600).toBeGreaterThan(0.01);
    expect(kept / 600).toBeLessThan(0.06);
    for (const table of DEFAULT_PROFILE.tables) expect({ table: table.logicalName, rows: device[table.logicalName].length > 0 }).toEqual({ table: table.logicalName, rows: true });
    for (const event of stack.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords')) {
      const table = String(event.customDimensions.EntityName);
      expect({ table, transferred: event.customDimensions.RecordCount }).toEqual({ table, transferred: device[table].length });
    }
  });

  it('after server changes, a delta leaves the device holding exactly the new slice', async () => {
    stack = await startStack({ rows: 600, engine: { serverSlices: true }, profile: DEFAULT_PROFILE });
    await stack.engine.syncNow();
    const before = await deviceSlices(stack);
    // A colleague's booking inside this fortnight, by the server's own dates (the window the profile's rule asks for).
    const DAY = 86_400_000;
    const today = Math.floor(Date.now() / DAY) * DAY;
    const inWindow = (value: unknown): boolean => Date.parse(String(value)) >= today - 7 * DAY && Date.parse(String(value)) < today + 8 * DAY;
    const theirs = (await serverRows(stack.emulator, 'bookableresourcebookings', `?$filter=_ownerid_value ne ${EMULATOR_USER.userId}`)).filter((row) => inWindow(row.starttime));
    const [leaving, deleted] = before.bookableresourcebooking;
    const [account] = before.account;
    await stack.admin('POST', 'edit', { entitySet: 'bookableresourcebookings', id: leaving, changes: { 'ownerid@odata.bind': `/systemusers(${OTHER_USERS[0]})` } });
    await stack.admin('POST', 'edit', { entitySet: 'bookableresourcebookings', id: theirs[0].bookableresourcebookingid, changes: { 'ownerid@odata.bind': `/systemusers(${EMULATOR_USER.userId})` } });
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: account, changes: { name: 'Renamed on the server' } });
    await stack.admin('POST', 'delete', { entitySet: 'bookableresourcebookings', id: deleted });
    stack.telemetry.length = 0;
    await stack.engine.syncNow();
    const device = await deviceSlices(stack);
    expect(device).toEqual(await serverSlices(stack));
    expect(device.bookableresourcebooking).toContain(String(theirs[0].bookableresourcebookingid));
    expect(device.bookableresourcebooking).not.toContain(leaving);
    expect(device.bookableresourcebooking).not.toContain(deleted);
    // The booking that came brought its work order (and what hangs off it): the chain follows, not just the bookings.
    expect(device.msdyn_workorder).toContain(String(theirs[0]._msdyn_workorder_value));
    if (device.account.includes(account)) expect((await stack.engine.offline.retrieveRecord('account', account)).name).toBe('Renamed on the server');
    const modes = stack.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords').map((e) => e.customDimensions.DataSyncMode);
    expect(new Set(modes)).toEqual(new Set(['DELTA_SYNC']));
  });
});
