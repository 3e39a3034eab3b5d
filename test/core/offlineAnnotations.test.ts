import { planUpload } from '../../SyncEngine/adapters/webapi/uploadPlan';
import type { Row } from '../../SyncEngine/contracts/rows';
import { FORMATTED_VALUE } from '../../SyncEngine/core/offline/localColumns';
import { LOOKUP_LOGICAL_NAME } from '../../SyncEngine/core/offline/lookupNames';
import { accountId, contactId, makeEngine, runFor, type Harness } from '../support/engineFixture';

describe('formatted values on rows changed on the device', () => {
  it('an update drops the server formatted values of the columns it changes and keeps the others', async () => {
    const h = await makeEngine();
    await runFor(h, 5_000);
    const id = accountId(1);
    const row = await h.store.getRow('account', id);
    await h.store.replaceRow('account', id, {
      ...row,
      [`name${FORMATTED_VALUE}`]: 'Server name',
      [`statecode${FORMATTED_VALUE}`]: 'Active',
      [`modifiedon${FORMATTED_VALUE}`]: '1/1/2025 9:00 AM',
    });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', id, { statecode: 1 });
    const changed = await h.store.getRow('account', id);
    expect(changed?.statecode).toBe(1);
    expect(changed?.[`statecode${FORMATTED_VALUE}`]).toBeUndefined();
    expect(changed?.[`modifiedon${FORMATTED_VALUE}`]).toBeUndefined();
    expect(changed?.[`name${FORMATTED_VALUE}`]).toBe('Server name');
  });
});

const NAME = `_parentcustomerid_value${FORMATTED_VALUE}`;
const TABLE = `_parentcustomerid_value${LOOKUP_LOGICAL_NAME}`;

/** The keys of every request body the uploads sent, as the Web API adapter writes them. */
function sentKeys(h: Harness): string[] {
  return h.remote.uploads.flatMap((request) => {
    const { body } = planUpload(request);
    return typeof body === 'string' ? Object.keys(JSON.parse(body) as Row) : [];
  });
}

async function onDevice(): Promise<Harness> {
  const h = await makeEngine();
  await runFor(h, 5_000);
  expect(await h.store.getRow('contact', contactId(0))).toMatchObject({ _parentcustomerid_value: accountId(0) });
  h.host.set({ online: false });
  return h;
}

describe('a lookup written on the device names the related row from the offline copy', () => {
  it('an update through @odata.bind stores the related row name and table beside the lookup, and uploads neither', async () => {
    const h = await onDevice();
    await h.engine.offline.updateRecord('contact', contactId(0), { 'parentcustomerid_account@odata.bind': `/accounts(${accountId(4)})` });
    const stored = await h.store.getRow('contact', contactId(0));
    expect(stored).toMatchObject({ _parentcustomerid_value: accountId(4), [NAME]: 'Account 4', [TABLE]: 'account' });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.uploads).toHaveLength(1);
    expect(sentKeys(h)).toEqual(['parentcustomerid_account@odata.bind']);
    expect(Object.keys(h.remote.row('contact', contactId(0)) ?? {}).filter((key) => key.includes('@OData.') || key.includes('@Microsoft.'))).toEqual([]);
  });

  it('a bare _x_value write takes the related table from the profile relationships; a create is named too', async () => {
    const h = await onDevice();
    await h.engine.offline.updateRecord('contact', contactId(1), { _parentcustomerid_value: accountId(6).toUpperCase() });
    expect(await h.store.getRow('contact', contactId(1))).toMatchObject({ [NAME]: 'Account 6', [TABLE]: 'account' });
    const { id } = await h.engine.offline.createRecord('contact', { fullname: 'New', 'parentcustomerid_account@odata.bind': `/accounts(${accountId(8)})` });
    expect(await h.store.getRow('contact', id)).toMatchObject({ _parentcustomerid_value: accountId(8), [NAME]: 'Account 8', [TABLE]: 'account' });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(sentKeys(h).filter((key) => key.includes('@OData.') || key.includes('@Microsoft.'))).toEqual([]);
  });

  it('a related row that is not on the device leaves the lookup unnamed, without the stale name of the old row', async () => {
    const h = await onDevice();
    await h.store.replaceRow('contact', contactId(2), { ...(await h.store.getRow('contact', contactId(2))), [NAME]: 'Account 4', [TABLE]: 'account' });
    await h.engine.offline.updateRecord('contact', contactId(2), { 'parentcustomerid_account@odata.bind': `/accounts(${accountId(9999)})` });
    const stored = await h.store.getRow('contact', contactId(2));
    expect(stored?._parentcustomerid_value).toBe(accountId(9999));
    expect(stored?.[NAME]).toBeUndefined();
    expect(stored?.[TABLE]).toBeUndefined();
  });

  it('a conflict keeps the name in the device version, and Retry uploads no annotation', async () => {
    const h = await makeEngine({ maker: { conflictDetection: true } });
    h.host.set({ online: false });
    const contact = contactId(3);
    await h.engine.offline.updateRecord('contact', contact, { 'parentcustomerid_account@odata.bind': `/accounts(${accountId(2)})`, fullname: 'Renamed' });
    h.remote.edit('contact', contact, { fullname: 'Server rename' });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    const [conflict] = h.engine.getStatus().errors;
    expect(conflict.deviceVersion).toMatchObject({ _parentcustomerid_value: accountId(2), [NAME]: 'Account 2', [TABLE]: 'account' });
    await h.engine.retryError(conflict.id);
    await runFor(h, 5_000);
    expect(h.remote.row('contact', contact)?.fullname).toBe('Renamed');
    expect(sentKeys(h).filter((key) => key.includes('@OData.') || key.includes('@Microsoft.'))).toEqual([]);
  });
});
