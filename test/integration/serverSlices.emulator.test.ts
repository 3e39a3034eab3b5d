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
    stack = await startStack({ rows: 600, engine: { serverSlices: true } });
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().initialSyncComplete).toBe(true);
    const device = await deviceSlices(stack);
    expect(device).toEqual(await serverSlices(stack));
    const bookings = await serverRows(stack.emulator, 'bookableresourcebookings');
    expect(device.bookableresourcebooking.length).toBeGreaterThan(0);
    expect(device.bookableresourcebooking.length).toBeLessThan(bookings.length);
    for (const event of stack.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords')) {
      const table = String(event.customDimensions.EntityName);
      expect({ table, transferred: event.customDimensions.RecordCount }).toEqual({ table, transferred: device[table].length });
    }
  });

  it('after server changes, a delta leaves the device holding exactly the new slice', async () => {
    stack = await startStack({ rows: 600, engine: { serverSlices: true } });
    await stack.engine.syncNow();
    const mine = await serverRows(stack.emulator, 'bookableresourcebookings', `?$filter=_ownerid_value eq ${EMULATOR_USER.userId}`);
    const theirs = await serverRows(stack.emulator, 'bookableresourcebookings', `?$filter=_ownerid_value ne ${EMULATOR_USER.userId}&$top=3`);
    const [account] = await serverRows(stack.emulator, 'accounts', '?$top=1');
    await stack.admin('POST', 'edit', { entitySet: 'bookableresourcebookings', id: mine[0].bookableresourcebookingid, changes: { 'ownerid@odata.bind': `/systemusers(${OTHER_USERS[0]})` } });
    await stack.admin('POST', 'edit', { entitySet: 'bookableresourcebookings', id: theirs[0].bookableresourcebookingid, changes: { 'ownerid@odata.bind': `/systemusers(${EMULATOR_USER.userId})` } });
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: account.accountid, changes: { name: 'Renamed on the server' } });
    await stack.admin('POST', 'delete', { entitySet: 'bookableresourcebookings', id: mine[1].bookableresourcebookingid });
    stack.telemetry.length = 0;
    await stack.engine.syncNow();
    const device = await deviceSlices(stack);
    expect(device).toEqual(await serverSlices(stack));
    expect(device.bookableresourcebooking).toContain(String(theirs[0].bookableresourcebookingid));
    expect(device.bookableresourcebooking).not.toContain(String(mine[0].bookableresourcebookingid));
    expect((await stack.engine.offline.retrieveRecord('account', String(account.accountid))).name).toBe('Renamed on the server');
    const modes = stack.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords').map((e) => e.customDimensions.DataSyncMode);
    expect(new Set(modes)).toEqual(new Set(['DELTA_SYNC']));
  });
});
