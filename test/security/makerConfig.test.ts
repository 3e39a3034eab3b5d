import { readEngineConfig, type RawParameters } from '../../SyncEngine/config/controlConfig';
import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { FakeHost } from '../support/FakeHost';
import { MemoryRemote } from '../support/MemoryRemote';

const params = (values: Record<string, unknown>): RawParameters => Object.fromEntries(Object.entries(values).map(([k, raw]) => [k, { raw }]));

function engineWith(profile: OfflineProfile): SyncEngine {
  return new SyncEngine({
    remote: new MemoryRemote(),
    store: new MemoryStore(),
    host: new FakeHost(),
    profile,
    maker: readEngineConfig({}).maker,
    identity: { orgId: 'org', userId: 'user' },
  });
}

function configError(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const withTables = (change: (p: OfflineProfile) => OfflineProfile): string => JSON.stringify(change(structuredClone(DEFAULT_PROFILE)));

describe('invalid maker configuration is rejected with a clear message', () => {
  it('rejects a profile that is not JSON, naming the property', () => {
    const error = configError(() => readEngineConfig(params({ offlineProfile: '{ tables: [' })));
    expect(error.message).toMatch(/"offlineProfile" is not valid JSON/);
  });

  it('rejects a Dataverse URL that is not http(s), naming the property and the value', () => {
    const error = configError(() => readEngineConfig(params({ dataverseUrl: 'javascript:alert(1)' })));
    expect(error.message).toContain('"dataverseUrl" must be an http(s) URL');
    expect(error.message).toContain('javascript:alert(1)');
  });

  it('rejects a sync interval of 2 minutes at engine construction, naming table and field', () => {
    const json = withTables((p) => ({ ...p, tables: p.tables.map((t) => (t.logicalName === 'account' ? { ...t, syncIntervalMinutes: 2 } : t)) }));
    const config = readEngineConfig(params({ offlineProfile: json }));
    const error = configError(() => engineWith(config.profile));
    expect(error.message).toContain('account.syncIntervalMinutes');
    expect(error.message).toMatch(/from 5 to 1440, not 2/);
  });

  it('rejects a circular relationship at engine construction, naming table and field', () => {
    const json = withTables((p) => ({ ...p, relationships: [...p.relationships, { from: 'account', to: 'contact', lookup: 'accountid' }] }));
    const config = readEngineConfig(params({ offlineProfile: json }));
    const error = configError(() => engineWith(config.profile));
    expect(error.message).toMatch(/(account|contact)\.relationships: Circular relationship/);
  });

  it('accepts the default configuration', () => {
    expect(() => engineWith(readEngineConfig({}).profile)).not.toThrow();
  });
});
