import * as React from 'react';
import { holdSyncEngine, releaseSyncEngine, type SyncEngineApi, type SyncStatus } from '../../SyncEngine/index';
import { ConfigErrorView } from '../shared/ConfigErrorView';
import { EngineSession, configKeyOf, engineContextOf } from './EngineSession';
import { localeFor, translatorFor } from './hostContext';
import { LiveStatus } from './LiveStatus';

/** What a control's view gets besides the engine: the host's strings and the user's locale. */
export interface ViewEnvironment<TInputs extends object> {
  context: ComponentFramework.Context<TInputs>;
  t: (key: string) => string;
  locale: string;
}

/**
 * The lifecycle every control of the suite shares: `init` takes hold of the page's engine and re-renders on each
 * status change, `updateView` shows the view (or the maker's configuration error), `destroy` lets go. A control
 * only says which view it draws.
 *
 * The maker's offline properties are read again on every `updateView`: when they changed (the harness's inputs, a
 * property bound to a column), the control moves to the engine for the new configuration and retires the old one.
 * Queued changes live in the offline database, which both engines open, so none is lost; the new engine adopts a
 * changed profile as a start after a republish does (core/sync/adoptProfile.ts).
 */
export abstract class EngineControl<TInputs extends object, TOutputs> implements ComponentFramework.ReactControl<TInputs, TOutputs> {
  private session: EngineSession | undefined;
  private configKey: string | undefined;
  /** Bumped with each new session, so the view's status subscription starts afresh on the new engine. */
  private generation = 0;

  public init(context: ComponentFramework.Context<TInputs>): void {
    this.open(context);
  }

  public updateView(context: ComponentFramework.Context<TInputs>): React.ReactElement {
    if (this.session && configKeyOf(context) !== this.configKey) {
      this.session.dispose({ retire: true });
      this.open(context);
    }
    const t = translatorFor(context);
    const engine = this.session?.engine;
    if (!engine) return React.createElement(ConfigErrorView, { message: this.session?.configError ?? '', t });
    const environment = { context, t, locale: localeFor(context) };
    return React.createElement(LiveStatus, {
      key: this.generation,
      engine,
      children: (status: SyncStatus) => this.renderView(engine, status, environment),
    });
  }

  public getOutputs(): TOutputs {
    // Bound only to sit on a form; the controls never write the column.
    return {} as TOutputs;
  }

  public destroy(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  private open(context: ComponentFramework.Context<TInputs>): void {
    this.configKey = configKeyOf(context);
    this.generation += 1;
    this.session = new EngineSession(
      () => holdSyncEngine(engineContextOf(context)),
      () => {
        context.factory.requestRender();
      },
      (engine, retire) => {
        releaseSyncEngine(engine, { retire });
      },
    );
  }

  /** The control's view for the engine's latest status. */
  protected abstract renderView(engine: SyncEngineApi, status: SyncStatus, environment: ViewEnvironment<TInputs>): React.ReactElement;
}
