import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../dataverse-emulator';
import { sendJson } from '../dataverse-emulator/testing';
import { dumpDatabase } from '../support/databaseDump';
import { startHttpEngine, waitUntil } from '../support/httpEngine';
import { RealHost } from '../support/RealHost';
import type { FixtureExpectations } from './storeFixture';
import { UPGRADE_DB, UPGRADE_PROFILE, UPGRADE_ROWS } from './upgradeProfile';

/**
 * Writes this release's store fixture (test/upgrade/fixtures/<version>/): a device database with queued creates,
 * updates, deletes, a file and an image, a conflict and a refused create, and the server it was synced with. Run
 * once per release, on the release's own code, and commit what it writes:
 *
 *   STORE_FIXTURE_OUT=test/upgrade/fixtures/<version> npx jest test/upgrade/writeStoreFixture.test.ts
 *
 * Skipped otherwise: the fixtures are history, written by the code of their release, never by today's.
 */
const out = process.env.STORE_FIXTURE_OUT;
const run = out ? it : it.skip;

run('writes the store fixture of this release', async () => {
  const dir = out ?? '';
  mkdirSync(dir, { recursive: true });
  const serverFile = join(dir, 'server.json');
  rmSync(serverFile, { force: true });
  const emulator = await startEmulator({ rows: UPGRADE_ROWS, dataFile: serverFile });
  const host = new RealHost();
  const factory = new IDBFactory();
  const { engine } = await startHttpEngine({ emulator, factory, host, dbName: UPGRADE_DB, profile: UPGRADE_PROFILE, maker: { conflictDetection: true } });
  await engine.syncNow();
  const accounts = (await engine.offline.retrieveMultipleRecords('account', '?$select=accountid,name,accountnumber&$orderby=name')).entities;
  const contacts = (await engine.offline.retrieveMultipleRecords('contact', '?$select=contactid,fullname&$orderby=fullname')).entities;
  const id = (row: Record<string, unknown>, column: string): string => String(row[column]);
  const [a0, a1, a2, a3, a4, a5] = accounts;
  const [c0, c1] = contacts;

  // A conflict (the device and someone else change one account; detection is on) and a refused create (its account
  // number is taken): both end in the sync error list.
  host.set({ online: false });
  await engine.offline.updateRecord('account', id(a0, 'accountid'), { name: 'Device edit (conflict)' });
  await sendJson(emulator, 'PATCH', `accounts(${id(a0, 'accountid')})`, { name: 'Server edit' }, { 'If-Match': '*' });
  await engine.offline.createRecord('account', { name: 'Duplicate number', accountnumber: a1.accountnumber });
  host.set({ online: true });
  await engine.syncNow();
  await waitUntil(() => !engine.getStatus().isSyncing, 10_000);
  const errorCodes = engine.getStatus().errors.map((e) => e.code).sort();

  // Then offline again: changes that are still queued when the database is written.
  host.set({ online: false });
  const account = { name: 'Created offline', revenue: 1200.5, description: 'typed offline' };
  const createdAccount = await engine.offline.createRecord('account', account);
  const contact = { firstname: 'Ada', lastname: 'Offline', emailaddress1: 'ada@offline.example' };
  const createdContact = await engine.offline.createRecord('contact', contact);
  await engine.offline.updateRecord('account', id(a2, 'accountid'), { name: 'Updated offline', revenue: 42 });
  await engine.offline.updateRecord('account', id(a2, 'accountid'), { description: 'A second change of the same row' });
  await engine.offline.updateRecord('contact', id(c0, 'contactid'), { emailaddress1: 'updated@offline.example' });
  await engine.offline.deleteRecord('account', id(a3, 'accountid'));
  await engine.offline.deleteRecord('contact', id(c1, 'contactid'));
  const file = { column: 'cr_contract', fileName: 'contract.pdf', mimeType: 'application/pdf', base64: 'JVBERi0xLjQKJcOkw7zDtsOfCg==' };
  await engine.offline.setAttachment('account', id(a4, 'accountid'), 'file', file);
  const image = { column: 'entityimage', base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' };
  await engine.offline.setAttachment('account', id(a5, 'accountid'), 'image', image);
  const status = engine.getStatus();
  const failedCount = engine.listPending().filter((e) => e.state === 'failed').length;

  engine.dispose();
  await emulator.close();
  const version = (JSON.parse(execSync('node -p "JSON.stringify(require(\'./package.json\').version)"').toString()) as string);
  const commit = execSync('git rev-parse HEAD').toString().trim();
  const dump = await dumpDatabase(factory, UPGRADE_DB, version, commit);
  const expectations: FixtureExpectations = {
    created: [
      { entitySet: 'accounts', id: createdAccount.id.toLowerCase(), values: account },
      { entitySet: 'contacts', id: createdContact.id.toLowerCase(), values: contact },
    ],
    updated: [
      { entitySet: 'accounts', id: id(a2, 'accountid'), values: { name: 'Updated offline', revenue: 42, description: 'A second change of the same row' } },
      { entitySet: 'contacts', id: id(c0, 'contactid'), values: { emailaddress1: 'updated@offline.example' } },
    ],
    deleted: [
      { entitySet: 'accounts', id: id(a3, 'accountid') },
      { entitySet: 'contacts', id: id(c1, 'contactid') },
    ],
    files: [
      { entitySet: 'accounts', id: id(a4, 'accountid'), column: file.column, base64: file.base64 },
      { entitySet: 'accounts', id: id(a5, 'accountid'), column: image.column, base64: image.base64 },
    ],
    errorCodes,
    pendingCount: status.pendingCount - failedCount,
    failedCount,
  };
  writeFileSync(join(dir, 'database.json'), `${JSON.stringify(dump, null, 1)}\n`);
  writeFileSync(join(dir, 'expect.json'), `${JSON.stringify(expectations, null, 2)}\n`);
  expect(errorCodes.length).toBeGreaterThan(0);
});
