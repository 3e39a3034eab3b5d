import type { Identity } from '../../SyncEngine/contracts/HostEnvironment';
import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { DEFAULT_MAKER_SETTINGS, type MakerSettings, type OfflineProfile, type ProfileTable } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import type { TabCoordinator } from '../../SyncEngine/contracts/TabCoordinator';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { FakeHost, settle } from './FakeHost';
import { MemoryRemote } from './MemoryRemote';

export const USER = '11111111-1111-4111-8111-111111111111';
export const OTHER_USER = '22222222-2222-4222-8222-222222222222';

export const ACCOUNTS: ProfileTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  primaryName: 'name',
  displayName: 'Accounts',
  columns: ['accountid', 'name', 'statecode', '_ownerid_value', 'revenue', 'accountnumber'],
  syncIntervalMinutes: 60,
  filter: { kind: 'all' },
};

export const CONTACTS: ProfileTable = {
  logicalName: 'contact',
  entitySet: 'contacts',
  primaryId: 'contactid',
  primaryName: 'fullname',
  columns: ['contactid', 'fullname', '_parentcustomerid_value', 'statecode'],
  syncIntervalMinutes: 1440,
  filter: { kind: 'related' },
};

export const PROFILE: OfflineProfile = {
  name: 'Test profile',
  tables: [ACCOUNTS, CONTACTS],
  relationships: [{ from: 'contact', to: 'account', lookup: '_parentcustomerid_value' }],
};

export function accountId(n: number): string {
  return `aaaaaaaa-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

export function contactId(n: number): string {
  return `cccccccc-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

export function accountRows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    accountid: accountId(i),
    name: `Account ${i}`,
    statecode: i % 5 === 0 ? 1 : 0,
    _ownerid_value: i % 2 === 0 ? USER : OTHER_USER,
    revenue: i * 1000,
  }));
}

export interface Harness {
  engine: SyncEngine;
  remote: MemoryRemote;
  store: MemoryStore;
  host: FakeHost;
  telemetry: TelemetryEvent[];
}

export interface HarnessOptions {
  profile?: OfflineProfile;
  maker?: Partial<MakerSettings>;
  options?: Partial<EngineOptions>;
  accounts?: number;
  store?: MemoryStore;
  remote?: MemoryRemote;
  host?: FakeHost;
  coordinator?: TabCoordinator;
  start?: boolean;
  /** What the service said about the user at start (business unit, teams); the user id stays `USER`. */
  identity?: Partial<Omit<Identity, 'userId'>>;
}

/** An engine over in-memory adapters and a fake clock, seeded with accounts and one contact per two accounts. */
export async function makeEngine(options: HarnessOptions = {}): Promise<Harness> {
  const host = options.host ?? new FakeHost();
  const remote = options.remote ?? seededRemote(options.accounts ?? 10);
  const store = options.store ?? new MemoryStore();
  const telemetry: TelemetryEvent[] = [];
  const engine = new SyncEngine({
    remote,
    store,
    host,
    profile: options.profile ?? PROFILE,
    maker: { ...DEFAULT_MAKER_SETTINGS, ...options.maker },
    identity: { orgId: 'org', ...options.identity, userId: USER },
    telemetry: { track: (e) => telemetry.push(e) },
    coordinator: options.coordinator,
    options: { pageSize: 4, ...options.options },
  });
  if (options.start !== false) {
    await engine.start();
    await host.advance(0);
    await engine.idle();
    await settle();
  }
  return { engine, remote, store, host, telemetry };
}

export function seededRemote(accounts: number): MemoryRemote {
  return seededRemoteInto(new MemoryRemote(), accounts);
}

/** Seeds any MemoryRemote (a subclass with extra faults, say) with accounts and one contact per two accounts. */
export function seededRemoteInto<T extends MemoryRemote>(remote: T, accounts: number): T {
  remote.seed(ACCOUNTS, accountRows(accounts));
  remote.seed(
    CONTACTS,
    Array.from({ length: Math.ceil(accounts / 2) }, (_, i) => ({
      contactid: contactId(i),
      fullname: `Contact ${i}`,
      _parentcustomerid_value: accountId(i * 2),
      statecode: 0,
    })),
  );
  // A contact of an account that is not in the profile's data: "related rows only" leaves it on the server.
  remote.seed(CONTACTS, [{ contactid: contactId(999), fullname: 'Orphan', _parentcustomerid_value: accountId(9999), statecode: 0 }]);
  return remote;
}

/** Runs timers until the engine is idle with nothing due before `ms` from now. */
export async function runFor(h: Harness, ms: number): Promise<void> {
  await h.host.advance(ms);
  await h.engine.idle();
  await settle();
}
