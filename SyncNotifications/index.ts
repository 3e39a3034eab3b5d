import * as React from 'react';
import { EngineControl, type ViewEnvironment } from '../components/control/EngineControl';
import { hostRefresh } from '../components/control/hostContext';
import { SyncNotifications as SyncNotificationsView } from '../components/notifications/SyncNotifications';
import type { SyncEngineApi, SyncStatus } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * The in-app sync notifications: in the app's notification bar when the host has one, else as message bars.
 */
export class SyncNotifications extends EngineControl<IInputs, IOutputs> {
  private readonly refresh = hostRefresh();

  protected renderView(engine: SyncEngineApi, status: SyncStatus, { t, locale }: ViewEnvironment<IInputs>): React.ReactElement {
    return React.createElement(SyncNotificationsView, { engine, status, t, locale, onRefresh: this.refresh });
  }
}
