import { EMULATOR_USER, startEmulator, type RunningEmulator } from '../../dataverse-emulator';

/** The emulator's fault switches (`POST /_emulator/faults`); counters count down per Web API request. */
export interface Faults {
  latencyMs?: number;
  dropNext?: number;
  errorNext?: number;
  /** The next n writes (POST, PATCH, PUT, DELETE, `$batch`) answer `errorStatus`; reads pass. */
  writeErrorNext?: number;
  errorStatus?: number;
  throttleNext?: number;
  retryAfterSeconds?: number;
  malformedNext?: number;
  offline?: boolean;
}

/** Rows the emulator seeds for the e2e tests: small, so the first sync takes about a second. */
export const E2E_ROWS = 300;

export function startE2eEmulator(): Promise<RunningEmulator> {
  // No Dataverse offline profile for the user: the browser tests check the built-in profile's slice.
  return startEmulator({ port: 0, rows: E2E_ROWS, assignOfflineProfile: false });
}

async function admin(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.origin}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_emulator/${path} answered ${String(response.status)}: ${await response.text()}`);
  return response.json();
}

export async function setFaults(emulator: RunningEmulator, faults: Faults): Promise<void> {
  await admin(emulator, 'POST', 'faults', faults);
}

/** Fresh seeded data and no faults: each test starts from the same server. */
export async function resetEmulator(emulator: RunningEmulator): Promise<void> {
  await admin(emulator, 'POST', 'reset');
  await admin(emulator, 'DELETE', 'faults');
}

/** The server's copy of a row, as the Web API returns it. */
export async function serverRow(emulator: RunningEmulator, entitySet: string, id: string): Promise<Record<string, unknown>> {
  return (await admin(emulator, 'GET', `row/${entitySet}/${id}`)) as Record<string, unknown>;
}

/** Whether the server has the row at all (someone else's create, a row that never landed). */
export async function serverHasRow(emulator: RunningEmulator, entitySet: string, id: string): Promise<boolean> {
  const response = await fetch(`${emulator.origin}/_emulator/row/${entitySet}/${id}`);
  return response.ok;
}

/** Takes away (or gives back) the signed-in user's right to write a table: writes answer 403 `0x80040220`. */
export async function setWritable(emulator: RunningEmulator, entitySet: string, write: boolean): Promise<void> {
  await admin(emulator, 'POST', 'privileges', { entitySet, write });
}

/** Someone else changes a row on the server (a dispatcher, in the seed's story). */
export async function editOnServer(emulator: RunningEmulator, entitySet: string, id: string, changes: Record<string, unknown>): Promise<void> {
  await admin(emulator, 'POST', 'edit', { entitySet, id, changes });
}

async function countRows(emulator: RunningEmulator, query: string): Promise<number> {
  const response = await fetch(`${emulator.baseUrl}${query}`, { headers: { Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' } });
  const body = (await response.json()) as { value: unknown[]; '@odata.nextLink'?: string };
  if (body['@odata.nextLink'] !== undefined) throw new Error(`More than one page for ${query}; raise the page size`);
  return body.value.length;
}

/**
 * What the default offline profile should put on the device, asked from the server: every account, contact,
 * work order and customer asset (the related tables hang off the accounts, which are all offline), and only the
 * bookings the signed-in user owns.
 */
export async function expectedDeviceRows(emulator: RunningEmulator): Promise<Record<string, number>> {
  const all = (set: string, id: string): Promise<number> => countRows(emulator, `${set}?$select=${id}`);
  return {
    account: await all('accounts', 'accountid'),
    contact: await all('contacts', 'contactid'),
    msdyn_workorder: await all('msdyn_workorders', 'msdyn_workorderid'),
    bookableresourcebooking: await countRows(
      emulator,
      `bookableresourcebookings?$select=bookableresourcebookingid&$filter=_ownerid_value eq ${EMULATOR_USER.userId}`,
    ),
    msdyn_customerasset: await all('msdyn_customerassets', 'msdyn_customerassetid'),
  };
}
