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
  /** Extra server time for requests under an entity set (`{ contacts: 3000 }`); `{}` clears it. */
  slowPaths?: Record<string, number>;
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

type WireRow = Record<string, unknown>;

async function rowsOf(emulator: RunningEmulator, entitySet: string, columns: readonly string[]): Promise<WireRow[]> {
  const query = `${entitySet}?$select=${columns.join(',')}`;
  const response = await fetch(`${emulator.baseUrl}${query}`, { headers: { Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' } });
  const body = (await response.json()) as { value: WireRow[]; '@odata.nextLink'?: string };
  if (body['@odata.nextLink'] !== undefined) throw new Error(`More than one page for ${query}; raise the page size`);
  return body.value;
}

const DAY = 86_400_000;

/**
 * What the built-in offline profile should put on the device, worked out here from the server's rows (not with
 * the engine's own query code): the user's bookings starting or ending between the start of the UTC day seven
 * days ago and the end of the seventh day ahead (today, next seven days, last seven days), their work orders,
 * those work orders' accounts, and the accounts' contacts and customer assets.
 */
export async function expectedDeviceRows(emulator: RunningEmulator): Promise<Record<string, number>> {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const inWindow = (value: unknown): boolean => {
    const time = Date.parse(String(value));
    return time >= today - 7 * DAY && time < today + 8 * DAY;
  };
  const bookings = (await rowsOf(emulator, 'bookableresourcebookings', ['bookableresourcebookingid', '_ownerid_value', 'starttime', 'endtime', '_msdyn_workorder_value']))
    .filter((row) => row._ownerid_value === EMULATOR_USER.userId && (inWindow(row.starttime) || inWindow(row.endtime)));
  const workOrderIds = new Set(bookings.map((row) => row._msdyn_workorder_value));
  const workOrders = (await rowsOf(emulator, 'msdyn_workorders', ['msdyn_workorderid', '_msdyn_serviceaccount_value'])).filter((row) => workOrderIds.has(row.msdyn_workorderid));
  const accountIds = new Set(workOrders.map((row) => row._msdyn_serviceaccount_value));
  const accounts = (await rowsOf(emulator, 'accounts', ['accountid'])).filter((row) => accountIds.has(row.accountid));
  const contacts = (await rowsOf(emulator, 'contacts', ['contactid', '_parentcustomerid_value'])).filter((row) => accountIds.has(row._parentcustomerid_value));
  const assets = (await rowsOf(emulator, 'msdyn_customerassets', ['msdyn_customerassetid', '_msdyn_account_value'])).filter((row) => accountIds.has(row._msdyn_account_value));
  return {
    bookableresourcebooking: bookings.length,
    msdyn_workorder: workOrders.length,
    account: accounts.length,
    contact: contacts.length,
    msdyn_customerasset: assets.length,
  };
}
