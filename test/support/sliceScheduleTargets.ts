import { IDBFactory } from 'fake-indexeddb';
import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import type { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { MalformedResponseError, NetworkError, ServerBusyError, ServerError, ServiceUnavailableError } from '../../SyncEngine/contracts/errors';
import { DEFAULT_MAKER_SETTINGS, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER, type RunningEmulator } from '../dataverse-emulator';
import { admin, readAll } from '../dataverse-emulator/testing';
import type { Aim, Fault } from './faultSchedule';
import { FakeHost, settle } from './FakeHost';
import { FaultyMemoryRemote } from './FaultyMemoryRemote';
import { startHttpEngine } from './httpEngine';
import { entitySetOf, ME, SEED_TABLES, SLICE_TABLES, type SliceTable, type StartSliceTarget } from './sliceSchedule';

/** Pages of 3: the slice of a handful of rows still takes several pages, so a page can fail mid-download. */
const PAGE_SIZE = 3;
const RETRY_AFTER_SECONDS = 30;
const IDENTITY = { orgId: 'test', userId: ME, businessUnitId: EMULATOR_USER.businessUnitId };

// ---------------------------------------------------------------------------------------------------------------
// In memory: FaultyMemoryRemote (no FetchXML: whole tables, filtered on the device) + MemoryStore, fake clock.

function injectMemory(remote: FaultyMemoryRemote, fault: Fault): void {
  switch (fault) {
    case 'drop':
      remote.failures.push(new NetworkError('The connection was dropped.'));
      return;
    case 'lostReply':
      remote.lostReplies++;
      return;
    case 'throttle':
      remote.failures.push(new ServerBusyError('The server is busy.', { status: 429, retryAfterMs: RETRY_AFTER_SECONDS * 1000 }));
      return;
    case 'unavailable':
      remote.failures.push(new ServiceUnavailableError('Network or Service Unavailable', { status: 503 }));
      return;
    case 'server':
      remote.uploadFailures.push(new ServerError('An unexpected error occurred.', { status: 500 }));
      return;
    case 'malformed':
      remote.failures.push(new MalformedResponseError('The server answered with an unexpected body.', { status: 200 }));
      return;
    case 'pageDrop':
      remote.pageFailures.set(remote.pageRequests + 1, new NetworkError('The connection was dropped mid-download.'));
      return;
    case 'outage':
      remote.down = true;
  }
}

const seedTable = (table: SliceTable): (typeof SEED_TABLES)[number] => SEED_TABLES[SLICE_TABLES.indexOf(table)];

/** The engine over the in-memory adapters: the path that downloads whole tables and filters on the device. */
export const startMemorySliceTarget: StartSliceTarget = async (rows, initialProfile) => {
  const remote = new FaultyMemoryRemote();
  for (const table of SLICE_TABLES) remote.seed(seedTable(table), rows[table]);
  const host = new FakeHost();
  const store = new MemoryStore();
  let profile = initialProfile;
  const start = async (): Promise<SyncEngine> => {
    const started = new SyncEngine({ remote, store, host, profile, maker: { ...DEFAULT_MAKER_SETTINGS, conflictDetection: false }, identity: IDENTITY, options: { pageSize: PAGE_SIZE } });
    await started.start();
    return started;
  };
  let engine = await start();
  const wait = async (ms: number): Promise<void> => {
    await host.advance(ms);
    await engine.idle();
    await settle();
    remote.down = false; // an outage lasts until a wait has passed
  };
  await wait(0);
  return {
    get engine() {
      return engine;
    },
    listOutbox: () => store.listOutbox(),
    listErrors: () => store.listErrors(),
    deviceIds: (table) => store.listIds(table),
    deviceRow: (table, id) => store.getRow(table, id),
    serverRows: (table) => Promise.resolve(remote.rows(table).map((r) => ({ ...r }))),
    serverCreate: (table, row) => {
      remote.seed(seedTable(table), [row]);
      return Promise.resolve();
    },
    serverEdit: (table, id, changes) => {
      remote.edit(table, id, changes);
      return Promise.resolve();
    },
    serverDelete: (table, id) => {
      remote.remove(table, id);
      return Promise.resolve();
    },
    inject: (fault) => {
      injectMemory(remote, fault);
      return Promise.resolve();
    },
    clearFaults: () => {
      remote.clearFaults();
      return Promise.resolve();
    },
    restart: async (next) => {
      engine.dispose();
      await engine.idle();
      profile = next ?? profile;
      engine = await start();
      await wait(0);
    },
    setOnline: (online) => {
      host.set({ online });
    },
    wait,
    now: () => host.now(),
    close: async () => {
      engine.dispose();
      await engine.idle();
    },
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Over HTTP: WebApiRemote → emulator (server-side FetchXML slices) + IndexedDbStore on fake-indexeddb, fake clock.

/** What each one-request fault sets on the emulator just before the request it is aimed at (as httpScheduleTarget). */
const SETTINGS: Readonly<Record<Exclude<Fault, 'outage'>, Record<string, unknown>>> = {
  drop: { dropNext: 1 },
  pageDrop: { dropNext: 1 },
  lostReply: { malformedNext: 1 },
  malformed: { malformedNext: 1 },
  throttle: { throttleNext: 1, retryAfterSeconds: RETRY_AFTER_SECONDS },
  unavailable: { errorNext: 1, errorStatus: 503 },
  server: { errorNext: 1, errorStatus: 500 },
};

/** A lost reply answers a write that took effect; a garbled answer to a write would be one too, so `malformed` hits reads. */
function aimOf(fault: Exclude<Fault, 'outage'>, aim: Aim): Aim {
  if (fault === 'lostReply') return 'write';
  if (fault === 'pageDrop') return 'page';
  if (fault === 'malformed' && aim === 'write') return 'page';
  return aim;
}

/**
 * The request's kind as faults are aimed. Unlike httpScheduleTarget's, a page is also a FetchXML slice read
 * (`?fetchXml=`: the slice, its changed rows, its ids, the rows that entered), not only a change-tracking page.
 */
function kindOf(input: string | URL | Request, init: RequestInit | undefined): Aim | 'other' {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.endsWith('/WhoAmI')) return 'ping';
  if ((init?.method ?? 'GET') !== 'GET') return 'write';
  if (url.searchParams.has('fetchXml')) return 'page';
  return (new Headers(init?.headers).get('Prefer') ?? '').includes('odata.track-changes') ? 'page' : 'other';
}

async function expectOk(response: Response | Promise<Response>): Promise<Response> {
  const answered = await response;
  if (!answered.ok) throw new Error(`The emulator's admin API answered ${answered.status}: ${await answered.text()}`);
  return answered;
}

/** The engine's `fetch`: arms each waiting fault on the emulator right before the first request of its kind. */
class AimedFaults {
  private waiting: { aim: Aim; settings: Record<string, unknown> }[] = [];

  constructor(private readonly emulator: RunningEmulator) {}

  add(fault: Exclude<Fault, 'outage'>, aim: Aim): void {
    this.waiting.push({ aim: aimOf(fault, aim), settings: SETTINGS[fault] });
  }

  clear(): void {
    this.waiting = [];
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const index = this.waiting.findIndex((w) => w.aim === kindOf(input, init));
    if (index >= 0) {
      const [armed] = this.waiting.splice(index, 1);
      await expectOk(admin(this.emulator, 'POST', 'faults', armed.settings));
    }
    return fetch(input, init);
  };
}

let databases = 0;

/** How long before the device's first sync the world was last modified: well past the slice delta's margin. */
const WORLD_AGE_MS = 60 * 60_000;

/**
 * Runs `build` with the in-process emulator's clock (`Date.now`, which stamps `modifiedon`) an hour back, so the
 * world's rows are older than any delta watermark, as in an org that existed before the device synced. Without
 * it every row would be seconds old and each delta would read them all again (the watermark's 2-minute margin),
 * hiding whatever a delta misses. Only the admin API runs meanwhile: no engine exists yet.
 */
async function backdated(build: () => Promise<void>): Promise<void> {
  const realNow = Date.now.bind(Date);
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() - WORLD_AGE_MS);
  try {
    await build();
  } finally {
    spy.mockRestore();
  }
}

/**
 * The real stack: the emulator is reset to empty tables and the world created through its admin API; the device
 * database is a fresh fake-indexeddb factory, kept across restarts and republishes. HTTP and IndexedDB stay real;
 * the engine's timers run on the fake clock, one at a time, each pass's I/O finishing before the next timer. The
 * world's rows carry a `modifiedon` an hour old (`backdated`); rows the steps change carry the real time.
 * The emulator must have been started with `rows: 0`.
 */
export function httpSliceTarget(emulator: RunningEmulator): StartSliceTarget {
  return async (rows, initialProfile) => {
    await expectOk(admin(emulator, 'POST', 'reset'));
    await backdated(async () => {
      for (const table of SLICE_TABLES) {
        for (const row of rows[table]) await expectOk(admin(emulator, 'POST', 'create', { entitySet: entitySetOf(table), data: row }));
      }
    });
    const host = new FakeHost();
    const factory = new IDBFactory();
    const faults = new AimedFaults(emulator);
    const dbName = `oss:test:slices:${++databases}`;
    let profile: OfflineProfile = initialProfile;
    // A 429 fails the pass here, as in httpScheduleTarget (a step's sync does not move the fake clock).
    const start = (): Promise<{ engine: SyncEngine; store: IndexedDbStore }> =>
      startHttpEngine({ emulator, factory, host, dbName, profile, maker: { conflictDetection: false }, options: { pageSize: PAGE_SIZE, downloadBusyRetries: 0 }, fetch: faults.fetch });
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
      deviceIds: (table) => store.listIds(table),
      deviceRow: (table, id) => store.getRow(table, id),
      serverRows: async (table): Promise<Row[]> => (await readAll(emulator, entitySetOf(table))).rows,
      serverCreate: async (table, row) => {
        await expectOk(admin(emulator, 'POST', 'create', { entitySet: entitySetOf(table), data: row }));
      },
      serverEdit: async (table, id, changes) => {
        await expectOk(admin(emulator, 'POST', 'edit', { entitySet: entitySetOf(table), id, changes }));
      },
      serverDelete: async (table, id) => {
        await expectOk(admin(emulator, 'POST', 'delete', { entitySet: entitySetOf(table), id }));
      },
      inject: async (fault, aim = 'ping') => {
        if (fault !== 'outage') {
          faults.add(fault, aim);
          return;
        }
        outage = true;
        await expectOk(admin(emulator, 'POST', 'faults', { offline: true }));
      },
      clearFaults: async () => {
        faults.clear();
        outage = false;
        await expectOk(admin(emulator, 'DELETE', 'faults'));
      },
      restart: async (next) => {
        await close();
        profile = next ?? profile;
        ({ engine, store } = await start());
        await wait(0); // what was due at start runs now, as on a page load
      },
      setOnline: (online) => {
        host.set({ online });
      },
      wait,
      now: () => host.now(),
      close,
    };
  };
}
