import path from 'node:path';
import type { Row } from '../../SyncEngine/contracts';
import type { OfflineSyncSuitePage } from '../../SyncEngine/page/pageOfflineApi';
import { setNetwork } from './support/browser';
import { serverRow } from './support/emulatorAdmin';
import { waitForEngine, waitForInitialSync } from './support/engine';
import { ROOT } from './support/paths';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** The runnable example of the README, loaded into the page as a model-driven app loads a web resource. */
const FORM_SCRIPT = path.join(ROOT, 'examples/offlineApi/formScript.js');

/** What `page.evaluate` sees on the harness page: the page object, and what the example form script adds. */
interface AppWindow {
  OfflineSyncSuite: OfflineSyncSuitePage;
  Contoso: { WorkOrderForm: { onLoad(executionContext: unknown): Promise<void> } };
  onLoadDone: Promise<{ notifications: unknown[]; suiteAtLoad: string }>;
}

describe('app code calls the offline API through window.OfflineSyncSuite.offline', () => {
  it('a form script creates a record offline, reads it back and finds it with $filter; it uploads when online', async () => {
    const session = await suite.open('SyncStatusIcon');
    const { page } = session;
    await waitForInitialSync(page);
    await setNetwork(session, false);

    // What a form script writes: nothing but the page object and the Xrm.WebApi.offline calls.
    const result = await page.evaluate(async () => {
      const app = window as unknown as AppWindow;
      const { offline } = app.OfflineSyncSuite;
      await app.OfflineSyncSuite.ready;
      const created = await offline.createRecord('account', { name: 'Created by a form script (e2e)', telephone1: '+1 555 0199' });
      const back = await offline.retrieveRecord('account', created.id, '?$select=name,telephone1');
      const found = await offline.retrieveMultipleRecords('account', "?$select=accountid,name&$filter=name eq 'Created by a form script (e2e)'");
      const missing = await offline.retrieveRecord('account', '00000000-0000-4000-8000-000000000000').then(
        () => null,
        (error: unknown) => ({ name: (error as Error).name, code: (error as { code: string }).code }),
      );
      return { created, back, found: found.entities, missing, version: app.OfflineSyncSuite.version };
    });

    expect(result.created.entityType).toBe('account');
    expect(result.back).toMatchObject({ name: 'Created by a form script (e2e)', telephone1: '+1 555 0199' });
    expect(result.found.map((r: Row) => r.accountid)).toEqual([result.created.id]);
    expect(result.missing).toEqual({ name: 'RecordNotFoundError', code: 'record-not-found' });
    expect(result.version).toMatch(/^1\.\d+\.\d+$/);

    await setNetwork(session, true);
    await waitForEngine(page, 'the form script’s create uploaded', (s) => s.pendingCount === 0 && !s.syncing);
    expect((await serverRow(suite.emulator, 'accounts', result.created.id)).name).toBe('Created by a form script (e2e)');
  });

  it('the example form script, loaded before any control starts, waits for the engine and shows the account’s assets', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);
    const expected = await page.evaluate(async () => {
      const { offline } = (window as unknown as AppWindow).OfflineSyncSuite;
      const [asset] = (await offline.retrieveMultipleRecords('msdyn_customerasset', '?$top=1')).entities;
      const accountId = String(asset._msdyn_account_value);
      const account = await offline.retrieveRecord('account', accountId);
      const assets = await offline.retrieveMultipleRecords('msdyn_customerasset', `?$filter=_msdyn_account_value eq ${accountId}`);
      return { accountId, text: `${String(account.name)}: ${assets.entities.length} customer assets available offline` };
    });

    // On reload the example and its OnLoad run at document start, before the control's bundle has loaded.
    await page.addInitScript({ path: FORM_SCRIPT });
    await page.addInitScript((accountId: string) => {
      const app = window as unknown as AppWindow;
      const notifications: unknown[] = [];
      const suiteAtLoad = typeof (window as { OfflineSyncSuite?: unknown }).OfflineSyncSuite;
      const form = {
        getAttribute: () => ({ getValue: () => [{ id: `{${accountId.toUpperCase()}}`, entityType: 'account', name: 'ignored' }] }),
        ui: { setFormNotification: (text: string, level: string, id: string) => notifications.push({ text, level, id }) },
      };
      app.onLoadDone = app.Contoso.WorkOrderForm.onLoad({ getFormContext: () => form }).then(() => ({ notifications, suiteAtLoad }));
    }, expected.accountId);
    await page.reload();

    const { notifications, suiteAtLoad } = await page.evaluate(() => (window as unknown as AppWindow).onLoadDone);
    expect(suiteAtLoad).toBe('undefined');
    expect(notifications).toEqual([{ text: expected.text, level: 'INFO', id: 'contoso-offline-assets' }]);
  });
});
