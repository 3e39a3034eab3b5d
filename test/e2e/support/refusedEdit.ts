import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../dataverse-emulator';
import { setWritable } from './emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine } from './engine';

/**
 * A contact edit the server refuses (contacts made read-only on the emulator), waited for until it is the one
 * sync error and nothing runs: the state the error notification shows.
 */
export async function refuseAContactEdit(page: Page, emulator: RunningEmulator): Promise<void> {
  const contact = await firstOfflineRow(page, 'contact');
  await setWritable(emulator, 'contacts', false);
  await editOffline(page, 'contact', String(contact.contactid), { jobtitle: 'Refused (e2e)' });
  await waitForEngine(page, 'the edit refused', (s) => s.errors.length === 1 && !s.syncing);
}
