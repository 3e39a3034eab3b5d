import { IDBFactory } from 'fake-indexeddb';
import type { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import type { RunningEmulator } from '../dataverse-emulator';
import { admin } from '../dataverse-emulator/testing';
import type { Aim, Fault, ScheduleTarget } from './faultSchedule';
import { FakeHost, settle } from './FakeHost';
import { startHttpEngine } from './httpEngine';

/** Total seeded rows across the emulator's five tables: 6 accounts, like the in-memory target. */
export const SCHEDULE_ROWS = 30;

/** Accounts only, in pages of 4 so a download of the 6 seeded accounts takes two pages (and a page can drop). */
const PROFILE: OfflineProfile = {
  name: 'Fault schedules',
  tables: [
    {
      logicalName: 'account',
      entitySet: 'accounts',
      primaryId: 'accountid',
      primaryName: 'name',
      // `accountnumber` is the emulator's alternate key on accounts: schedules create rows that clash on it.
      columns: ['accountid', 'name', 'revenue', 'statecode', 'accountnumber'],
      syncIntervalMinutes: 60,
      filter: { kind: 'all' },
    },
  ],
  relationships: [],
};

/** The server asks for this long; the engine's clock is fake, so honouring it costs no real time. */
const RETRY_AFTER_SECONDS = 30;

/** What each one-request fault sets on the emulator (`POST /_emulator/faults`) just before the request it is aimed at. */
const SETTINGS: Readonly<Record<Exclude<Fault, 'outage'>, Record<string, unknown>>> = {
  drop: { dropNext: 1 },
  pageDrop: { dropNext: 1 },
  lostReply: { malformedNext: 1 },
  malformed: { malformedNext: 1 },
  throttle: { throttleNext: 1, retryAfterSeconds: RETRY_AFTER_SECONDS },
  unavailable: { errorNext: 1, errorStatus: 503 },
  server: { errorNext: 1, errorStatus: 500 },
};

/**
 * Where a fault lands. A lost reply is the answer to a write that took effect (the emulator garbles the answer
 * after applying the request); a page drop hits a page. A garbled answer to a write would be a lost reply too, so
 * `malformed` garbles reads only: aimed at a write, it takes the next page instead.
 */
function aimOf(fault: Exclude<Fault, 'outage'>, aim: Aim): Aim {
  if (fault === 'lostReply') return 'write';
  if (fault === 'pageDrop') return 'page';
  if (fault === 'malformed' && aim === 'write') return 'page';
  return aim;
}

/** The kind of Web API request the engine is about to send, as faults are aimed. */
function kindOf(input: string | URL | Request, init: RequestInit | undefined): Aim | 'other' {
  const url = input instanceof Request ? input.url : String(input);
  if (new URL(url).pathname.endsWith('/WhoAmI')) return 'ping';
  if ((init?.method ?? 'GET') !== 'GET') return 'write';
  return (new Headers(init?.headers).get('Prefer') ?? '').includes('odata.track-changes') ? 'page' : 'other';
}

/**
 * The engine's `fetch`: arms each waiting fault on the emulator right before the first request of the kind it is
 * aimed at, so the emulator's next-request counters hit exactly that request. The engine sends one request at a
 * time and nothing else talks to the Web API meanwhile, so which request a fault hits is deterministic.
 */
class AimedFaults {
  private waiting: { aim: Aim; settings: Record<string, unknown> }[] = [];
  /** Web API requests the engine sent. */
  sent = 0;

  constructor(private readonly emulator: RunningEmulator) {}

  add(fault: Exclude<Fault, 'outage'>, aim: Aim): void {
    this.waiting.push({ aim: aimOf(fault, aim), settings: SETTINGS[fault] });
  }

  clear(): void {
    this.waiting = [];
  }

  readonly fetch: typeof fetch = async (input, init) => {
    this.sent++;
    const kind = kindOf(input, init);
    const index = this.waiting.findIndex((w) => w.aim === kind);
    if (index >= 0) {
      const [armed] = this.waiting.splice(index, 1);
      await expectOk(admin(this.emulator, 'POST', 'faults', armed.settings));
    }
    return fetch(input, init);
  };
}

async function expectOk(response: Response | Promise<Response>): Promise<Response> {
  const answered = await response;
  if (!answered.ok) throw new Error(`The emulator's admin API answered ${answered.status}: ${await answered.text()}`);
  return answered;
}

export interface HttpScheduleTarget extends ScheduleTarget {
  /** Web API requests the engine has sent so far. */
  readonly sent: number;
  /** Disposes the engine and waits until it is idle (the emulator stays up for the next schedule). */
  close(): Promise<void>;
}

/** The seeded account ids (the emulator reseeds the same ones on every reset), in server order. */
export async function seededAccountIds(emulator: RunningEmulator): Promise<string[]> {
  const response = await expectOk(fetch(`${emulator.baseUrl}accounts?$select=accountid`, { headers: { Accept: 'application/json' } }));
  const body = (await response.json()) as { value: { accountid: string }[] };
  return body.value.map((r) => r.accountid.toLowerCase());
}

/**
 * The real stack as a schedule target: the engine with `WebApiRemote` over HTTP to the emulator and
 * `IndexedDbStore` on fake-indexeddb, its host on a fake clock. HTTP and IndexedDB stay real; only the engine's
 * timers (debounce, backoff, Retry-After, intervals) run on the fake clock, and `wait` fires them one at a time,
 * letting each pass's real I/O finish before the next timer — so minutes of backoff cost no real time and a health
 * check's timeout never fires while its request is on the wire. The emulator is reset for each schedule; the device
 * database is a fresh fake-indexeddb factory, kept across restarts.
 */
export async function startHttpScheduleTarget(emulator: RunningEmulator, conflictDetection: boolean): Promise<HttpScheduleTarget> {
  await expectOk(admin(emulator, 'POST', 'reset'));
  const host = new FakeHost();
  const factory = new IDBFactory();
  const faults = new AimedFaults(emulator);
  // A 429 fails the pass here (`downloadBusyRetries: 0`): a step's sync awaits its pass without moving the fake
  // clock, and riding a 429 out waits the Retry-After inside the pass (SyncEngine.download.test.ts covers that).
  const start = (): Promise<{ engine: SyncEngine; store: IndexedDbStore }> =>
    startHttpEngine({ emulator, factory, host, dbName: 'oss:test:schedules', profile: PROFILE, maker: { conflictDetection }, options: { pageSize: 4, downloadBusyRetries: 0 }, fetch: faults.fetch });
  let { engine, store } = await start();
  const quiesce = async (): Promise<void> => {
    await settle();
    await engine.idle();
    await settle();
  };
  let outage = false;
  const wait = async (ms: number): Promise<void> => {
    await host.advance(ms, quiesce);
    if (!outage) return;
    outage = false; // an outage lasts until a wait has passed
    await expectOk(admin(emulator, 'POST', 'faults', { offline: false }));
  };
  const serverRow = async (id: string): Promise<Row | null> => {
    const response = await admin(emulator, 'GET', `row/accounts/${id}`);
    return response.status === 404 ? null : ((await (await expectOk(response)).json()) as Row);
  };
  const close = async (): Promise<void> => {
    await quiesce();
    engine.dispose();
    await engine.idle();
  };
  await wait(0); // the first download
  return {
    get engine() {
      return engine;
    },
    listOutbox: () => store.listOutbox(),
    listErrors: () => store.listErrors(),
    serverCreate: async (values) => {
      await expectOk(admin(emulator, 'POST', 'create', { entitySet: 'accounts', data: values }));
    },
    deviceRow: (id) => store.getRow('account', id),
    serverRow,
    serverEdit: async (id, changes) => (await (await expectOk(admin(emulator, 'POST', 'edit', { entitySet: 'accounts', id, changes }))).json()) as Row,
    inject: async (fault, aim = 'ping') => {
      if (fault !== 'outage') {
        faults.add(fault, aim);
        return;
      }
      outage = true;
      await expectOk(admin(emulator, 'POST', 'faults', { offline: true }));
    },
    expireTokens: async () => {
      await expectOk(admin(emulator, 'POST', 'faults', { expireDeltaTokens: true }));
    },
    restart: async () => {
      await close();
      ({ engine, store } = await start());
      await wait(0); // what was due at start runs now, as on a page load
    },
    setOnline: (online) => {
      host.set({ online });
    },
    wait,
    now: () => host.now(),
    clearFaults: async () => {
      faults.clear();
      outage = false;
      await expectOk(admin(emulator, 'DELETE', 'faults'));
    },
    serverRows: async () => {
      const response = await expectOk(fetch(`${emulator.baseUrl}accounts?$select=accountid,name,revenue`, { headers: { Accept: 'application/json' } }));
      return ((await response.json()) as { value: Row[] }).value;
    },
    get sent() {
      return faults.sent;
    },
    close,
  };
}
