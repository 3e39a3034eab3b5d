import { ConfigError } from '../../contracts/errors';
import { MAX_SYNC_INTERVAL_MINUTES, MIN_SYNC_INTERVAL_MINUTES, type MakerSettings, type UserSettings } from '../../contracts/profile';

/** Throws a `ConfigError` when the user changes a setting the maker does not allow, or gives a bad frequency. */
export function assertAllowedUserSettings(maker: MakerSettings, changes: Partial<UserSettings>): void {
  if (changes.wifiOnly !== undefined && !maker.allowWifiOnly) throw new ConfigError('Wi-Fi only sync is not allowed by the app maker.');
  if (changes.onlineMode !== undefined && !maker.allowOnlineMode) throw new ConfigError('Online mode is not allowed by the app maker.');
  const minutes = changes.frequencyMinutes;
  if (minutes === undefined || minutes === null) return;
  if (!maker.allowUserFrequency) throw new ConfigError('Changing the sync frequency is not allowed by the app maker.');
  if (!Number.isInteger(minutes) || minutes < MIN_SYNC_INTERVAL_MINUTES || minutes > MAX_SYNC_INTERVAL_MINUTES) {
    throw new ConfigError(`The sync frequency must be from ${MIN_SYNC_INTERVAL_MINUTES} to ${MAX_SYNC_INTERVAL_MINUTES} minutes.`);
  }
}
