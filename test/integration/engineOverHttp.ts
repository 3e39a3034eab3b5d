import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { DEFAULT_MAKER_SETTINGS, type MakerSettings, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { readAll } from '../dataverse-emulator/testing';
import { RealHost } from '../support/RealHost';
import { WHOLE_TABLES_PROFILE } from '../support/wholeTablesProfile';

export interface Stack {
  emulator: RunningEmulator;
  engine: SyncEngine;
  host: RealHost;
  factory: IDBFactory;
  telemetry: TelemetryEvent[];
  /** Another engine on the same device database (a restart). */
  restart(): Promise<SyncEngine>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** The real stack: engine + WebApiRemote over HTTP + IndexedDbStore (fake-indexeddb) + the Dataverse emulator. */
export async function startStack(
  options: {
    rows?: number;
    maker?: Partial<MakerSettings>;
    emulator?: RunningEmulator;
    engine?: Partial<EngineOptions>;
    profile?: OfflineProfile;
    /** Wraps the Web API remote (a remote without some optional part, or one failing on purpose). */
    remote?: (remote: WebApiRemote) => RemoteSource;
  } = {},
): Promise<Stack> {
  const emulator = options.emulator ?? (await startEmulator({ port: 0, rows: options.rows ?? 300 }));
  const host = new RealHost();
  const factory = new IDBFactory();
  const telemetry: TelemetryEvent[] = [];
  const engines: SyncEngine[] = [];
  const make = async (): Promise<SyncEngine> => {
    const engine = new SyncEngine({
      remote: (options.remote ?? ((remote: WebApiRemote): RemoteSource => remote))(new WebApiRemote({ baseUrl: emulator.baseUrl, timeoutMs: 5_000 })),
      store: new IndexedDbStore({ name: 'oss:test:user', indexedDB: factory }),
      host,
      // Whole accounts unless the test says: most tests here edit accounts, and want them all on the device.
      profile: options.profile ?? WHOLE_TABLES_PROFILE,
      maker: { ...DEFAULT_MAKER_SETTINGS, ...options.maker },
      identity: { orgId: 'test', userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId },
      telemetry: { track: (e) => telemetry.push(e) },
      // Passes run when the test says (syncNow); automatic ones would race its assertions.
      options: { pageSize: 25, uploadDebounceMs: 60 * 60_000, healthCheckTimeoutMs: 2_000, ...options.engine },
    });
    engines.push(engine);
    host.active = false;
    await engine.start();
    return engine;
  };
  const engine = await make();
  return {
    emulator,
    engine,
    host,
    factory,
    telemetry,
    restart: async () => {
      engine.dispose();
      return make();
    },
    admin: (method, path, body) =>
      fetch(`${emulator.origin}/_emulator/${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    close: async () => {
      for (const e of engines) {
        e.dispose();
        await e.idle();
      }
      if (!options.emulator) await emulator.close();
    },
  };
}

/** Rows of an entity set straight from the emulator (all pages). */
export async function serverRows(emulator: RunningEmulator, entitySet: string, query = ''): Promise<Record<string, unknown>[]> {
  return (await readAll(emulator, `${entitySet}${query}`, { Accept: 'application/json' })).rows;
}
