import * as React from 'react';
import { EngineSession, engineContextOf } from '../components/control/EngineSession';
import { hostRefresh, localeFor, translatorFor } from '../components/control/hostContext';
import { SyncNotifications as SyncNotificationsView } from '../components/notifications/SyncNotifications';
import { ConfigErrorView } from '../components/shared/ConfigErrorView';
import { getSyncEngine } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * The in-app sync notifications. A thin adapter: the page's shared engine drives them, the component shows them
 * in the app's notification bar when the host has one, else as its own message bars.
 */
export class SyncNotifications implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private session: EngineSession | undefined;
  private readonly refresh = hostRefresh();

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
    return React.createElement(SyncNotificationsView, {
      engine,
      status: engine.getStatus(),
      t,
      locale: localeFor(context),
      onRefresh: this.refresh,
    });
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
