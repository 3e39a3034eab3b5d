/**
 * Composition: which offline profile and conflict setting an engine starts with when the maker gave no JSON
 * profile. Read from Dataverse first; when the service cannot be read, the last profile read on this device for
 * this organisation and user; when there is none either, the built-in profile.
 */
import { ProfileCache } from './adapters/browser/ProfileCache';
import { ODataHttp } from './adapters/webapi/ODataHttp';
import { readDataverseProfile, type ProfileSource } from './adapters/webapi/readProfile';
import type { EngineConfig } from './config/controlConfig';
import { OfflineProfileError } from './contracts/errors';
import type { Identity } from './contracts/HostEnvironment';
import type { MakerSettings, OfflineProfile } from './contracts/profile';

export interface EngineProfile {
  profile: OfflineProfile;
  problems: OfflineProfileError[];
  maker: MakerSettings;
  source: ProfileSource | 'cache' | 'built-in';
}

/** The profile read must not hold the app's first screen for long: past this, the cache answers. */
export const PROFILE_READ_TIMEOUT_MS = 15_000;

export interface ResolveOptions {
  config: EngineConfig;
  baseUrl: string;
  identity: Identity;
  fetch?: typeof fetch;
  cache?: ProfileCache;
}

/**
 * @throws OfflineProfileError when Dataverse answered and the profile is wrong (a name that matches nothing, a
 *   profile the user is not a member of, no usable table): the maker must act, an old copy would hide it.
 */
export async function resolveEngineProfile(options: ResolveOptions): Promise<EngineProfile> {
  const { config, identity } = options;
  const cache = options.cache ?? new ProfileCache(identity.orgId, identity.userId);
  const withConflict = (orgSetting: boolean | undefined): MakerSettings =>
    config.conflictDetectionOverridden === true || orgSetting === undefined ? config.maker : { ...config.maker, conflictDetection: orgSetting };
  try {
    const http = new ODataHttp({ baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: PROFILE_READ_TIMEOUT_MS });
    const reading = await readDataverseProfile({ http, userId: identity.userId, profileName: config.dataverseProfile?.name });
    const found = reading.found;
    cache.save({ ...(found ? { profile: found.profile } : {}), problems: found?.problems ?? [], conflictDetection: reading.conflictDetection, savedAt: Date.now() });
    const maker = withConflict(reading.conflictDetection);
    return found ? { profile: found.profile, problems: found.problems, maker, source: found.source } : { profile: config.profile, problems: [], maker, source: 'built-in' };
  } catch (error) {
    if (error instanceof OfflineProfileError) {
      cache.clear();
      throw error;
    }
    const cached = cache.load();
    if (cached?.profile) return { profile: cached.profile, problems: cached.problems, maker: withConflict(cached.conflictDetection), source: 'cache' };
    return { profile: config.profile, problems: [], maker: withConflict(cached?.conflictDetection), source: 'built-in' };
  }
}
