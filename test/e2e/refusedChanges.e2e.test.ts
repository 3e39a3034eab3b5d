import type { Page } from 'playwright-core';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { saveElementShot } from './support/artifacts';
import { serverHasRow, serverRow, setWritable } from './support/emulatorAdmin';
import { createOffline, editOffline, firstOfflineRow, offlineRow, REGISTRY_KEY, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { openStatusPanel, waitForIcon } from './support/ui';

const suite = e2eSuite();

/** Nothing listens here: the page's telemetry posts are answered by the test itself (page.route), on loopback. */
const INGESTION = 'http://127.0.0.1:9/';
const TELEMETRY = { appInsightsConnectionString: `InstrumentationKey=00000000-0000-4000-8000-00000000e2e0;IngestionEndpoint=${INGESTION}` };

interface Envelope {
  data: { baseData: { name: string; success: boolean; resultCode: string; properties: Record<string, string> } };
}

/** Every Application Insights envelope the page sends, as the ingestion endpoint would receive it. */
async function captureTelemetry(page: Page): Promise<Envelope[]> {
  const received: Envelope[] = [];
  await page.route(`${INGESTION}v2/track`, async (route) => {
    received.push(...(JSON.parse(route.request().postData() ?? '[]') as Envelope[]));
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"itemsReceived":1,"itemsAccepted":1,"errors":[]}' });
  });
  return received;
}

async function waitForEnvelope(page: Page, received: Envelope[], name: string): Promise<Envelope> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = received.find((e) => e.data.baseData.name === name);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No ${name} telemetry; received ${received.map((e) => e.data.baseData.name).join(', ')}`);
    await page.waitForTimeout(200);
  }
}

describe('changes the server refuses', () => {
  it('shows a new account whose number is taken as "record already exists", keeps what the user typed, and reports it', async () => {
    const session = await suite.open('SyncStatusIcon', TELEMETRY);
    const { page } = session;
    const received = await captureTelemetry(page);
    await waitForInitialSync(page);
    const existing = await firstOfflineRow(page, 'account');

    // Someone else's account already has this number: the server's alternate key refuses the create.
    const id = await createOffline(page, 'account', { name: 'Duplicate number (e2e)', accountnumber: existing.accountnumber, telephone1: '+1 555 0199' });
    await waitForEngine(page, 'the create refused', (s) => s.errors.some((e) => e.code === 'already-exists' && e.rowId === id) && !s.syncing);

    await waitForIcon(page, 'error');
    expect(await offlineRow(page, 'account', id)).toMatchObject({ name: 'Duplicate number (e2e)', telephone1: '+1 555 0199' });
    expect(await serverHasRow(suite.emulator, 'accounts', id)).toBe(false);
    expect((await serverRow(suite.emulator, 'accounts', String(existing.accountid))).name).toBe(existing.name);
    const panel = await openStatusPanel(page);
    await panel.getByText('already exists on the server', { exact: false }).waitFor();
    expect(await panel.getByText('Duplicate number (e2e)', { exact: false }).count()).toBeGreaterThan(0);
    await saveElementShot(panel, 'statusPanel-alreadyExists');

    // Discard asks first, naming what goes; Cancel keeps everything.
    const errors = panel.getByRole('region', { name: /Sync errors/ });
    await errors.getByRole('button', { name: 'Discard Duplicate number (e2e)' }).click();
    // Fluent puts the dialog in a layer of its own, above the panel; found by its title.
    const dialog = page.locator('.ms-Dialog-main').filter({ hasText: 'Discard this change?' });
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toContain('Table: Accounts');
    expect(said).toContain('Record: Duplicate number (e2e)');
    expect(said).toContain('+1 555 0199');
    expect(said).toContain('removed from this device');
    await saveElementShot(dialog, 'discardDialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await offlineRow(page, 'account', id)).toMatchObject({ name: 'Duplicate number (e2e)' });

    await errors.getByRole('button', { name: 'Discard Duplicate number (e2e)' }).click();
    await dialog.getByRole('button', { name: 'Discard change' }).click();
    await waitForEngine(page, 'the refused create discarded', (s) => s.errors.length === 0 && s.pendingCount === 0);
    await expect(offlineRow(page, 'account', id)).rejects.toThrow(/RecordNotFound|not/);

    const change = await waitForEnvelope(page, received, 'Offline.UploadChange');
    expect(change.data.baseData).toMatchObject({ success: false, resultCode: 'already-exists' });
    expect(change.data.baseData.properties).toMatchObject({ ScenarioResult: 'FAILURE', ErrorCode: 'already-exists', FailureType: '3000', EntityName: 'account', Action: 'create' });
    const pass = await waitForEnvelope(page, received, 'Offline.UploadChanges');
    expect(pass.data.baseData.properties).toMatchObject({ ScenarioResult: 'FAILURE', ErrorCode: 'already-exists', RecordCount: '0', FailedRecordCount: '1' });
    expect(JSON.stringify(received)).not.toContain('Duplicate number');
    expect(JSON.stringify(received)).not.toContain('555 0199');
  });

  it('reports an upload the user has no privilege for as FAILURE with the privilege code, never as success', async () => {
    const session = await suite.open('SyncStatusIcon', TELEMETRY);
    const { page } = session;
    const received = await captureTelemetry(page);
    await waitForInitialSync(page);
    const contact = await firstOfflineRow(page, 'contact');
    await setWritable(suite.emulator, 'contacts', false);

    await editOffline(page, 'contact', String(contact.contactid), { jobtitle: 'Secret title (e2e)' });
    await waitForEngine(page, 'the edit refused', (s) => s.errors.some((e) => e.code === 'privilege') && !s.syncing);
    await waitForIcon(page, 'error');

    const pass = await waitForEnvelope(page, received, 'Offline.UploadChanges');
    expect(pass.data.baseData.success).toBe(false);
    expect(pass.data.baseData.properties).toMatchObject({ ScenarioResult: 'FAILURE', ErrorCode: 'privilege', FailureType: '2006', RecordCount: '0' });
    const change = await waitForEnvelope(page, received, 'Offline.UploadChange');
    expect(change.data.baseData.properties).toMatchObject({ ErrorCode: 'privilege', FailureType: '2006', EntityName: 'contact', Action: 'update' });
    expect(JSON.stringify(received)).not.toContain('Secret title');
  });

  it('gives app code errors named as written (RecordNotFoundError), not as the minified bundle names them', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);
    const thrown = await page.evaluate(async (key) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      try {
        await engine.offline.retrieveRecord('account', '00000000-0000-4000-8000-0000000e2e99');
        return null;
      } catch (error) {
        const { name, code } = error as { name: string; code: string };
        return { name, code, isError: error instanceof Error };
      }
    }, REGISTRY_KEY);
    expect(thrown).toEqual({ name: 'RecordNotFoundError', code: 'record-not-found', isError: true });
  });
});
