import { ConfigError } from '../contracts/errors';
import type { MakerSettings, OfflineProfile } from '../contracts/profile';
import { DEFAULT_PROFILE } from './defaultProfile';

/** Manifest property names shared by all three controls (each manifest declares the same offline configuration). */
export const CONFIG_PROPERTIES = {
  profile: 'offlineProfile',
  profileName: 'offlineProfileName',
  conflictDetection: 'conflictDetection',
  conflictDetectionMode: 'conflictDetectionMode',
  allowUserFrequency: 'allowUserFrequency',
  allowWifiOnly: 'allowWifiOnly',
  allowOnlineMode: 'allowOnlineMode',
  dataverseUrl: 'dataverseUrl',
  telemetryConnectionString: 'appInsightsConnectionString',
} as const;

/** `conflictDetectionMode`: follow the organisation's setting (the default), or the maker's own choice. */
export type ConflictDetectionMode = 'organization' | 'on' | 'off';

export interface EngineConfig {
  /** The maker's JSON profile; the built-in Field Service profile when there is none. */
  profile: OfflineProfile;
  /**
   * Present when the maker set no JSON profile: the engine reads the app's profile from Dataverse (the one named
   * `name`, else the user's, else the organisation's default) and falls back to `profile` when there is none.
   */
  dataverseProfile?: { name?: string };
  /**
   * `maker.conflictDetection` is the maker's explicit choice when this is true; otherwise the organisation's
   * setting (`isconflictdetectionenabledformobileclient`) replaces it once read.
   */
  conflictDetectionOverridden?: boolean;
  maker: MakerSettings;
  /** Web API base URL override, e.g. `https://org.crm.dynamics.com/api/data/v9.2/`. */
  dataverseUrl?: string;
  telemetryConnectionString?: string;
}

/** The subset of a PCF property bag this reads: `{ name: { raw } }`. */
export type RawParameters = Partial<Record<string, { raw?: unknown } | undefined>>;

/** Reads and validates the maker's configuration; a `ConfigError` names the property at fault. */
export function readEngineConfig(parameters: RawParameters): EngineConfig {
  const text = (name: string): string | undefined => {
    const raw = parameters[name]?.raw;
    return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  };
  const flag = (name: string): boolean => parameters[name]?.raw === true;
  const dataverseUrl = text(CONFIG_PROPERTIES.dataverseUrl);
  if (dataverseUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(dataverseUrl)) {
    throw new ConfigError(`Property "${CONFIG_PROPERTIES.dataverseUrl}" must be an http(s) URL, not "${dataverseUrl}".`);
  }
  const json = text(CONFIG_PROPERTIES.profile);
  const name = text(CONFIG_PROPERTIES.profileName);
  const override = conflictOverride(parameters[CONFIG_PROPERTIES.conflictDetectionMode]?.raw, flag(CONFIG_PROPERTIES.conflictDetection));
  return {
    profile: parseProfile(json),
    // Precedence: a JSON profile wins over the name, so every configuration that works today works unchanged.
    ...(json === undefined ? { dataverseProfile: name === undefined ? {} : { name } } : {}),
    ...(override === undefined ? {} : { conflictDetectionOverridden: true }),
    maker: {
      conflictDetection: override ?? false,
      allowUserFrequency: flag(CONFIG_PROPERTIES.allowUserFrequency),
      allowWifiOnly: flag(CONFIG_PROPERTIES.allowWifiOnly),
      allowOnlineMode: flag(CONFIG_PROPERTIES.allowOnlineMode),
    },
    dataverseUrl: dataverseUrl === undefined ? undefined : dataverseUrl.replace(/\/?$/, '/'),
    telemetryConnectionString: text(CONFIG_PROPERTIES.telemetryConnectionString),
  };
}

/**
 * The maker's conflict detection choice, or undefined to follow the organisation. `conflictDetectionMode` on/off
 * decides; else the older `conflictDetection` Yes still means on (it was the only way to turn it on). Its No is
 * the manifest default, indistinguishable from "not set", so it follows the organisation.
 */
function conflictOverride(mode: unknown, legacyOn: boolean): boolean | undefined {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  if (mode !== undefined && mode !== null && mode !== '' && mode !== 'organization') {
    throw new ConfigError(`Property "${CONFIG_PROPERTIES.conflictDetectionMode}" must be organization, on or off, not ${JSON.stringify(mode)}.`);
  }
  return legacyOn ? true : undefined;
}

function parseProfile(json: string | undefined): OfflineProfile {
  if (json === undefined) return DEFAULT_PROFILE;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`Property "${CONFIG_PROPERTIES.profile}" is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { tables?: unknown }).tables)) {
    throw new ConfigError(`Property "${CONFIG_PROPERTIES.profile}" must be an object with a "tables" array.`);
  }
  const profile = value as Partial<OfflineProfile>;
  return { name: profile.name ?? 'Offline profile', tables: profile.tables ?? [], relationships: profile.relationships ?? [] };
}
