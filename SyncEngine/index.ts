/**
 * Composition: one engine per page, built from real adapters and shared by every control on the page. Controls
 * import only this module and `contracts/`.
 */
import { BrowserHost } from './adapters/browser/BrowserHost';
import { WebLocksCoordinator } from './adapters/browser/WebLocksCoordinator';
import { IndexedDbStore } from './adapters/indexeddb/IndexedDbStore';
import { storeNameFor } from './adapters/indexeddb/storeName';
import { AppInsightsSink } from './adapters/telemetry/AppInsightsSink';
import { WebApiRemote } from './adapters/webapi/WebApiRemote';
import { XrmOfflineStore } from './adapters/xrm/XrmOfflineStore';
import { detectOfflineWebApi, type XrmOfflineWebApi } from './adapters/xrm/xrmOfflineApi';
import { readEngineConfig, type EngineConfig, type RawParameters } from './config/controlConfig';
import type { OfflineProfileError } from './contracts/errors';
import type { Identity } from './contracts/HostEnvironment';
import type { MakerSettings, OfflineProfile } from './contracts/profile';
import { DeferredEngine, type DisposableEngine } from './core/DeferredEngine';
import { resolveEngineProfile } from './engineProfile';
import type { SyncEngineApi } from './contracts/SyncEngineApi';
import { SyncEngine } from './core/SyncEngine';
import { normaliseId, readIdentity } from './adapters/webapi/readIdentity';
import { installPageOfflineApi } from './page/pageOfflineApi';

export { readEngineConfig, CONFIG_PROPERTIES, type EngineConfig } from './config/controlConfig';
export * from './contracts';

/** What the engine needs from a PCF context; structural, so every control's generated context fits. */
export interface EngineContext {
  parameters: RawParameters;
  userSettings: { userId: string };
  client?: { isNetworkAvailable?(): boolean; getClient?(): string };
}

/** Where the harness finds the local Dataverse emulator (`npm start`) when no app host gives a URL. */
// eslint-disable-next-line @microsoft/power-apps/use-relative-uri -- only the local harness, which has no Xrm to ask
export const HARNESS_DATAVERSE_URL = 'http://127.0.0.1:5580/api/data/v9.2/';

const REGISTRY = Symbol.for('OfflineSyncSuite.engines');
type Registry = Map<string, DisposableEngine>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/**
 * The page's engine for this configuration, created and started by whichever control asks first. Throws a
 * `ConfigError` for invalid maker configuration. The first engine also installs `window.OfflineSyncSuite`
 * (page/pageOfflineApi.ts), through which app code on the page reaches the offline API.
 *
 * With a JSON profile the engine is built at once, as it always was. Without one the profile comes from
 * Dataverse (engineProfile.ts): the answer is a `DeferredEngine` that stands in until the profile is read and
 * the real engine is built with it — so the engine never runs on a profile it will have to throw away.
 */
export function getSyncEngine(context: EngineContext, config: EngineConfig = readEngineConfig(context.parameters)): SyncEngineApi {
  const baseUrl = config.dataverseUrl ?? clientUrl() ?? HARNESS_DATAVERSE_URL;
  const identity: Identity = { orgId: new URL(baseUrl).host, userId: normaliseId(context.userSettings.userId) };
  const key = JSON.stringify({ baseUrl, user: identity.userId, config });
  const existing = registry().get(key);
  if (existing) return existing;

  const userId = identity.userId;
  const build = (profile: OfflineProfile, maker: MakerSettings, problems: readonly OfflineProfileError[]): SyncEngine =>
    buildEngine(context, config, { baseUrl, identity, profile, maker, problems });
  const who = (): Promise<void> =>
    readIdentity(baseUrl)
      .then((found) => {
        Object.assign(identity, found);
      })
      .catch(() => undefined);
  let engine: DisposableEngine;
  let started: Promise<void>;
  if (config.dataverseProfile === undefined) {
    const built = build(config.profile, config.maker, []);
    engine = built;
    started = who().then(() => built.start());
  } else {
    let built: SyncEngine | undefined;
    const deferred = new DeferredEngine(
      config.maker,
      who().then(async () => {
        const resolved = await resolveEngineProfile({ config, baseUrl, identity });
        built = build(resolved.profile, resolved.maker, resolved.problems);
        return built;
      }),
    );
    engine = deferred;
    started = deferred.ready.then(async () => {
      if (built && !deferred.isDisposed) await built.start();
    });
  }
  registry().set(key, engine);
  // A failed start shows in the engine's status; app code waiting on this engine gets the reason from the page object.
  void started.catch(() => undefined);
  installPageOfflineApi().announce({ engine, userId, started, live: () => registry().get(key) === engine });
  return engine;
}

interface EngineParts {
  baseUrl: string;
  identity: Identity;
  profile: OfflineProfile;
  maker: MakerSettings;
  problems: readonly OfflineProfileError[];
}

function buildEngine(context: EngineContext, config: EngineConfig, parts: EngineParts): SyncEngine {
  const { identity } = parts;
  const remote = new WebApiRemote({ baseUrl: parts.baseUrl });
  const storeName = storeNameFor(identity.orgId, identity.userId);
  const device = new IndexedDbStore({ name: storeName });
  // In the mobile player the app's own offline database holds the rows and its sync carries the writes made
  // through it; the engine's database keeps only its ledger of them.
  const hostOffline = mobileOfflineApi(context);
  return new SyncEngine({
    remote,
    store: hostOffline ? new XrmOfflineStore({ offline: hostOffline, ledger: device }) : device,
    coordinator: new WebLocksCoordinator({ name: storeName }),
    databaseName: storeName,
    host: new BrowserHost(context.client),
    profile: parts.profile,
    maker: parts.maker,
    profileProblems: parts.problems,
    identity,
    telemetry: config.telemetryConnectionString ? new AppInsightsSink({ connectionString: config.telemetryConnectionString }) : undefined,
  });
}

const HOLDS = Symbol.for('OfflineSyncSuite.engineHolds');

/** How many controls hold each engine, shared by every bundle on the page as the registry is. */
function holds(): WeakMap<SyncEngineApi, number> {
  const holder = globalThis as unknown as Record<symbol, WeakMap<SyncEngineApi, number> | undefined>;
  holder[HOLDS] ??= new WeakMap();
  return holder[HOLDS];
}

/**
 * `getSyncEngine` for a control: the same engine, counted as held until `releaseSyncEngine`, so a control whose
 * maker properties changed can tell whether another control still uses the engine it had.
 */
export function holdSyncEngine(context: EngineContext, config: EngineConfig = readEngineConfig(context.parameters)): SyncEngineApi {
  const engine = getSyncEngine(context, config);
  holds().set(engine, (holds().get(engine) ?? 0) + 1);
  return engine;
}

/**
 * A control lets go of an engine it held. An engine no control holds lives on (a form left and opened again gets
 * it back started), unless `retire`: a control that moved to another configuration's engine retires the old one,
 * which is then disposed and forgotten when no other control holds it — so two engines do not keep syncing one
 * database. Queued changes are in that database, never in the engine, so the next engine uploads them.
 */
export function releaseSyncEngine(engine: SyncEngineApi, { retire = false }: { retire?: boolean } = {}): void {
  const count = Math.max(0, (holds().get(engine) ?? 0) - 1);
  holds().set(engine, count);
  if (!retire || count > 0) return;
  for (const [key, registered] of registry()) {
    if (registered !== engine) continue;
    registry().delete(key);
    registered.dispose();
  }
}

/** Forgets every engine of the page (tests, and a reset of the whole page). */
export function disposeAllEngines(): void {
  for (const engine of registry().values()) engine.dispose();
  registry().clear();
}

/**
 * `Xrm.WebApi.offline` when the control runs in the mobile player with offline enabled, else `null`. Browsers expose
 * `Xrm.WebApi.offline` too, without an offline database behind it, so the client must also say it is mobile.
 */
export function mobileOfflineApi(context: EngineContext, xrm: unknown = pageXrm()): XrmOfflineWebApi | null {
  const client = context.client?.getClient?.() ?? xrmGlobalContext(xrm)?.client?.getClient?.();
  return client === 'Mobile' ? detectOfflineWebApi(xrm) : null;
}

/** Xrm's organisation URL when the control runs inside a model-driven app. */
function clientUrl(): string | undefined {
  const url = xrmGlobalContext(pageXrm())?.getClientUrl?.();
  return url ? `${url.replace(/\/$/, '')}/api/data/v9.2/` : undefined;
}

/** The parts of `Xrm.Utility.getGlobalContext()` the composition reads. */
interface XrmGlobalContext {
  getClientUrl?(): string;
  client?: { getClient?(): string };
}

function pageXrm(): unknown {
  return (globalThis as { Xrm?: unknown }).Xrm;
}

/** `Xrm.Utility.getGlobalContext()` where the page has it (feature-detected: PCF does not expose it). */
function xrmGlobalContext(xrm: unknown): XrmGlobalContext | undefined {
  return (xrm as { Utility?: { getGlobalContext?: () => XrmGlobalContext } } | undefined)?.Utility?.getGlobalContext?.();
}

