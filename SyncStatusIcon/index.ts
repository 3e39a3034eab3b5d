import * as React from 'react';
import { EngineSession, engineContextOf } from '../components/control/EngineSession';
import { localeFor, translatorFor } from '../components/control/hostContext';
import { PROPERTY, readFlag, readIconSize } from '../components/control/properties';
import { SyncStatusIcon as SyncStatusIconView } from '../components/icon/SyncStatusIcon';
import { ConfigErrorView } from '../components/shared/ConfigErrorView';
import { getSyncEngine } from '../SyncEngine/index';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * The globe sync status icon. A thin adapter: the page's shared engine drives it, the component draws it, and
 * this class only turns the PCF context into props.
 */
export class SyncStatusIcon implements ComponentFramework.ReactControl<IInputs, IOutputs> {
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
    return React.createElement(SyncStatusIconView, {
      engine,
      status: engine.getStatus(),
      t,
      locale: localeFor(context),
      size: readIconSize(context.parameters[PROPERTY.size].raw),
      showLabel: readFlag(context.parameters[PROPERTY.showLabel].raw),
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
