import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from './index';
import { getJson, sendJson } from './testing';

describe('persistence', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dataverse-emulator-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps rows, etags, files and delta tokens across restarts with a data file', async () => {
    const dataFile = join(folder, 'data.json');
    const first = await startEmulator({ port: 0, rows: 50, dataFile });
    const id = crypto.randomUUID();
    const tracked = await getJson(first, 'accounts?$select=name', { Prefer: 'odata.track-changes' });
    await sendJson(first, 'POST', 'accounts', { accountid: id, name: 'Persisted' });
    await fetch(`${first.baseUrl}accounts(${id})/logo`, { method: 'PATCH', headers: { 'Content-Type': 'application/octet-stream' }, body: 'png' });
    const etag = (await getJson(first, `accounts(${id})`))['@odata.etag'];
    await first.close();

    const second = await startEmulator({ port: 0, rows: 5, dataFile });
    try {
      expect(await getJson(second, `accounts(${id})`)).toMatchObject({ name: 'Persisted', '@odata.etag': etag });
      expect(await (await fetch(`${second.baseUrl}accounts(${id})/logo/$value`)).text()).toBe('png');
      const deltaLink = (tracked['@odata.deltaLink'] as string).replace(first.origin, second.origin);
      const delta = await getJson(second, deltaLink);
      expect(delta.value).toEqual([expect.objectContaining({ accountid: id })]);
    } finally {
      await second.close();
    }
  });
});
