import { CONFIG_PROPERTIES, ConfigError, type EngineContext, type SyncEngineApi } from '../../SyncEngine/index';

/**
 * A control's hold on the page's engine: opens it, listens to it, and lets go in `destroy`. Invalid maker
 * configuration is not a crash: the session keeps the `ConfigError` message so the control can show it.
 */
export class EngineSession {
  private readonly opened: SyncEngineApi | undefined;
  private readonly error: string | undefined;
  private unsubscribe: (() => void) | undefined;

  /**
   * @param open gets the engine (`() => getSyncEngine(context)`); a `ConfigError` it throws is kept, anything
   *   else is a bug and propagates.
   * @param onChange called on every status change, typically `context.factory.requestRender`.
   * @param release hands the engine back on `dispose` (`releaseSyncEngine`), when `open` counted it as held.
   */
  constructor(
    open: () => SyncEngineApi,
    onChange: () => void,
    private readonly release?: (engine: SyncEngineApi, retire: boolean) => void,
  ) {
    try {
      this.opened = open();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.error = error.message;
      return;
    }
    this.unsubscribe = this.opened.subscribe(() => {
      onChange();
    });
  }

  /** The engine, unless the configuration was invalid. */
  get engine(): SyncEngineApi | undefined {
    return this.opened;
  }

  get configError(): string | undefined {
    return this.error;
  }

  /**
   * Stops listening. The engine itself lives on: other controls on the page share it. `retire` (the control moves
   * to another configuration's engine) lets the engine go for good once no other control holds it.
   */
  dispose({ retire = false }: { retire?: boolean } = {}): void {
    const wasListening = this.unsubscribe !== undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (wasListening && this.opened) this.release?.(this.opened, retire);
  }
}

/**
 * The maker's offline configuration as the control's properties hold it, to notice in `updateView` that it
 * changed. Raw values, not `readEngineConfig`'s answer, so an invalid value is a change too (and shows its error).
 */
export function configKeyOf(context: PcfEngineContext): string {
  const parameters = context.parameters as Partial<Record<string, { raw?: unknown } | undefined>>;
  const values = Object.values(CONFIG_PROPERTIES).map((name) => parameters[name]?.raw ?? null);
  return JSON.stringify([context.userSettings.userId, values]);
}

/** What `engineContextOf` needs from a PCF context; structural, so every control's generated context fits. */
export interface PcfEngineContext {
  parameters: object;
  userSettings: { userId: string };
  client?: { isNetworkAvailable?(): boolean; getClient?(): string };
}

/**
 * A control's context as the engine reads it. Generated `IInputs` interfaces have no index signature, so they are
 * not assignable to the engine's by-name property bag even though every property has the `{ raw }` shape it reads.
 */
export function engineContextOf(context: PcfEngineContext): EngineContext {
  return { parameters: context.parameters, userSettings: context.userSettings, client: context.client };
}
