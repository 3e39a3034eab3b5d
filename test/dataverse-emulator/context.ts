import type { EmulatorStore } from './store';

/** What every handler needs: the data, and the service root used in links (`…/api/data/v9.2/`). */
export interface HandlerContext {
  store: EmulatorStore;
  baseUrl: string;
}
