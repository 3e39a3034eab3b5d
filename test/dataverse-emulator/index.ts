/**
 * A local Dataverse Web API emulator for tests, benchmarks and `npm start`: a faithful subset of
 * `/api/data/v9.2/` (CRUD with etags, queries, paging, change tracking, $batch, service protection) plus an
 * admin API under `/_emulator/` for fault injection and server-side edits.
 */
import { EmulatorServer } from './server';

export { BOOKINGS_RULE_FETCHXML, BOOKINGS_RULE_VIEW_ID, FIELD_SERVICE_PROFILE, SALES_PROFILE } from './profileSeed';
export { DEFAULT_BOOKING_SHARE, SLICE_WINDOW } from './seed';
export { EMULATOR_TABLES, EMULATOR_USER, EMULATOR_USER_TEAMS, type EmulatorTable } from './tables';

export interface EmulatorOptions {
  /** 0 = any free port (the default here); the CLI defaults to 5580. */
  port?: number;
  /** Total rows across the five tables, default 500. */
  rows?: number;
  /** Loaded at start when present, saved after changes (debounced) and on close. */
  dataFile?: string;
  /** PRNG seed for the seeded rows and random faults. */
  seed?: number;
  /**
   * Whether the signed-in user and the organisation point at the seeded Field Service offline profile (default
   * true). Without it an engine that finds its profile in Dataverse finds none and uses its built-in one.
   */
  assignOfflineProfile?: boolean;
  /**
   * Share of the bookings (0…1) the signed-in user owns, each starting inside `SLICE_WINDOW`, plus a quarter as
   * many outside it; the other bookings go to colleagues. For a user whose slice is small against the org (the
   * benchmark's 1%). Absent (the default), the default seed: every other seeded value is the same either way.
   */
  sliceShare?: number;
  /**
   * The default seed's "today" (epoch ms): `DEFAULT_BOOKING_SHARE` of the bookings are the user's and start within
   * a week of it, so "today ± 7 days" rules find them. Absent, the moment the emulator starts.
   */
  today?: number;
  /**
   * The signed-in user's UI language (LCID): 1033 English (the default), 1031 German or 1036 French. Metadata labels
   * (`UserLocalizedLabel`) and formatted values follow it; `POST /_emulator/usersettings` changes it later.
   */
  language?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `origin + '/api/data/v9.2/'` */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_ROWS = 500;
export const DEFAULT_SEED = 20240601;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer({
    port: options.port ?? 0,
    rows: options.rows ?? DEFAULT_ROWS,
    seed: options.seed ?? DEFAULT_SEED,
    dataFile: options.dataFile,
    assignOfflineProfile: options.assignOfflineProfile ?? true,
    sliceShare: options.sliceShare,
    today: options.today,
    language: options.language,
  });
  const { port, origin } = await server.listen();
  return { origin, baseUrl: `${origin}/api/data/v9.2/`, port, close: () => server.close() };
}
