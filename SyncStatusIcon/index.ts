import * as React from 'react';
import { EngineControl, type ViewEnvironment } from '../components/control/EngineControl';
import { PROPERTY, readFlag, readIconSize } from '../components/control/properties';
import { SyncStatusIcon as SyncStatusIconView } from '../components/icon/SyncStatusIcon';
import type { SyncEngineApi, SyncStatus } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/** The globe sync status icon: the page's shared engine drives it; this class only turns the context into props. */
export class SyncStatusIcon extends EngineControl<IInputs, IOutputs> {
  protected renderView(engine: SyncEngineApi, status: SyncStatus, { context, t, locale }: ViewEnvironment<IInputs>): React.ReactElement {
    return React.createElement(SyncStatusIconView, {
      engine,
      status,
      t,
      locale,
      size: readIconSize(context.parameters[PROPERTY.size].raw),
      showLabel: readFlag(context.parameters[PROPERTY.showLabel].raw),
    });
  }
}
