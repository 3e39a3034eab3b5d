import * as React from 'react';
import { DefaultButton } from '@fluentui/react';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { changesFileName } from './changesFileName';
import { downloadJson } from './downloadJson';
import type { Text } from './text';
import type { EngineActionState } from './useEngineAction';

export interface ExportChangesButtonProps {
  engine: SyncEngineApi;
  text: Text;
  actions: EngineActionState;
}

/**
 * "Export changes": saves every queued change and sync error, with the values the user typed, as a JSON file, so
 * a discard or reset never has to cost what they entered. A failure shows in the page's error bar like any action.
 */
export function ExportChangesButton({ engine, text, actions }: ExportChangesButtonProps): React.ReactElement {
  const label = text('statusPage.export.button');
  const exportChanges = (): void => {
    actions.run(label, async () => {
      const changes = await engine.exportChanges();
      downloadJson(changesFileName(new Date()), changes);
    });
  };
  return <DefaultButton text={label} disabled={actions.busy} onClick={exportChanges} />;
}
