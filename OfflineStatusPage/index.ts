import * as React from 'react';
import { EngineSession, engineContextOf } from '../components/control/EngineSession';
import { localeFor, translatorFor } from '../components/control/hostContext';
import { ConfigErrorView } from '../components/shared/ConfigErrorView';
import { OfflineStatusPageView } from '../components/statusPage/OfflineStatusPageView';
import { getSyncEngine } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * The Offline Status page as a control of its own, for a dashboard or a dedicated form tab. A thin adapter: the
 * page's shared engine drives it, the component draws it.
 */
export class OfflineStatusPage implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private session: EngineSession | undefined;

  public init(context: ComponentFramework.Context<IInputs>): void {
    this.session = new EngineSession(
      () => getSyncEngine(engineContextOf(context)),
      () => {
        context.factory.requestRender();
      },
    );
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const t = translatorFor(context);
    const engine = this.session?.engine;
    if (!engine) return React.createElement(ConfigErrorView, { message: this.session?.configError ?? '', t });
    return React.createElement(OfflineStatusPageView, { engine, status: engine.getStatus(), t, locale: localeFor(context) });
  }

  public getOutputs(): IOutputs {
    // Bound only to sit on a form; the control never writes the column.
    return {};
  }

  public destroy(): void {
    this.session?.dispose();
    this.session = undefined;
  }
}
