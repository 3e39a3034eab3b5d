import * as React from 'react';
import { EngineControl, type ViewEnvironment } from '../components/control/EngineControl';
import { OfflineStatusPageView } from '../components/statusPage/OfflineStatusPageView';
import type { SyncEngineApi, SyncStatus } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/** The Offline Status page as a control of its own, for a dashboard or a dedicated form tab. */
export class OfflineStatusPage extends EngineControl<IInputs, IOutputs> {
  protected renderView(engine: SyncEngineApi, status: SyncStatus, { t, locale }: ViewEnvironment<IInputs>): React.ReactElement {
    return React.createElement(OfflineStatusPageView, { engine, status, t, locale });
  }
}
