import * as React from 'react';
import { getSyncEngine, type SyncEngineApi, type SyncStatus } from '../../SyncEngine/index';
import { ConfigErrorView } from '../shared/ConfigErrorView';
import { EngineSession, engineContextOf } from './EngineSession';
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
 */
export abstract class EngineControl<TInputs extends object, TOutputs> implements ComponentFramework.ReactControl<TInputs, TOutputs> {
  private session: EngineSession | undefined;

  public init(context: ComponentFramework.Context<TInputs>): void {
    this.session = new EngineSession(
      () => getSyncEngine(engineContextOf(context)),
      () => {
        context.factory.requestRender();
      },
    );
  }

  public updateView(context: ComponentFramework.Context<TInputs>): React.ReactElement {
    const t = translatorFor(context);
    const engine = this.session?.engine;
    if (!engine) return React.createElement(ConfigErrorView, { message: this.session?.configError ?? '', t });
    const environment = { context, t, locale: localeFor(context) };
    return React.createElement(LiveStatus, { engine, children: (status: SyncStatus) => this.renderView(engine, status, environment) });
  }

  public getOutputs(): TOutputs {
    // Bound only to sit on a form; the controls never write the column.
    return {} as TOutputs;
  }

  public destroy(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  /** The control's view for the engine's latest status. */
  protected abstract renderView(engine: SyncEngineApi, status: SyncStatus, environment: ViewEnvironment<TInputs>): React.ReactElement;
}
