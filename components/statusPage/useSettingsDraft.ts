import * as React from 'react';
import type { SyncEngineApi, UserSettings } from '../../SyncEngine/contracts';
import { useEngineAction, type ActionFailure } from './useEngineAction';

export interface SettingsDraft {
  /** The engine's settings with the user's not-yet-confirmed changes on top. */
  settings: UserSettings;
  failure: ActionFailure | null;
  update: (label: string, changes: Partial<UserSettings>) => void;
  clearFailure: () => void;
}

/**
 * Shows a changed setting at once instead of waiting for the engine's next snapshot, and rolls it back when the
 * engine rejects it, so the toggle never claims a setting that is not in force.
 */
export function useSettingsDraft(engine: SyncEngineApi, confirmed: UserSettings): SettingsDraft {
  const [draft, setDraft] = React.useState<Partial<UserSettings>>({});
  const { failure, run, clearFailure } = useEngineAction();

  // A new snapshot is the engine's word on the settings: whatever was pending has been applied or superseded.
  React.useEffect(() => {
    setDraft({});
  }, [confirmed]);

  const update = React.useCallback(
    (label: string, changes: Partial<UserSettings>) => {
      setDraft((current) => ({ ...current, ...changes }));
      run(label, async () => {
        try {
          await engine.updateUserSettings(changes);
        } catch (error) {
          setDraft((current) => withoutKeys(current, changes));
          throw error;
        }
      });
    },
    [engine, run],
  );

  return { settings: { ...confirmed, ...draft }, failure, update, clearFailure };
}

function withoutKeys(draft: Partial<UserSettings>, changes: Partial<UserSettings>): Partial<UserSettings> {
  return Object.fromEntries(Object.entries(draft).filter(([key]) => !(key in changes)));
}
