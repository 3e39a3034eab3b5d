import type { EmulatorStore } from './store';
import type { EmulatorUserSettings } from './userSettings';

/** What every handler needs: the data, and the service root used in links (`…/api/data/v9.2/`). */
export interface HandlerContext {
  store: EmulatorStore;
  baseUrl: string;
  /** The signed-in user's settings (language); absent, the defaults (English). */
  user?: EmulatorUserSettings;
}
