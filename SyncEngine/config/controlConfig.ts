import { ConfigError } from '../contracts/errors';
import type { MakerSettings, OfflineProfile } from '../contracts/profile';
import { DEFAULT_PROFILE } from './defaultProfile';

/** Manifest property names shared by all three controls (each manifest declares the same offline configuration). */
export const CONFIG_PROPERTIES = {
  profile: 'offlineProfile',
  conflictDetection: 'conflictDetection',
  allowUserFrequency: 'allowUserFrequency',
  allowWifiOnly: 'allowWifiOnly',
  allowOnlineMode: 'allowOnlineMode',
  dataverseUrl: 'dataverseUrl',
  telemetryConnectionString: 'appInsightsConnectionString',
} as const;

export interface EngineConfig {
  profile: OfflineProfile;
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
  return {
    profile: parseProfile(text(CONFIG_PROPERTIES.profile)),
    maker: {
      conflictDetection: flag(CONFIG_PROPERTIES.conflictDetection),
      allowUserFrequency: flag(CONFIG_PROPERTIES.allowUserFrequency),
      allowWifiOnly: flag(CONFIG_PROPERTIES.allowWifiOnly),
      allowOnlineMode: flag(CONFIG_PROPERTIES.allowOnlineMode),
    },
    dataverseUrl: dataverseUrl === undefined ? undefined : dataverseUrl.replace(/\/?$/, '/'),
    telemetryConnectionString: text(CONFIG_PROPERTIES.telemetryConnectionString),
  };
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
