import * as React from 'react';
import { DefaultButton } from '@fluentui/react';
import { StatusMessageBar } from './StatusMessageBar';
import { errorMessage, type Text } from './text';
import type { ActionFailure } from './useEngineAction';

export interface ActionErrorBarProps {
  failure: ActionFailure | null;
  onDismiss: () => void;
  text: Text;
}

/** Says which action failed and why, with the engine's message, until the user dismisses it or acts again. */
export function ActionErrorBar({ failure, onDismiss, text }: ActionErrorBarProps): React.ReactElement | null {
  if (!failure) return null;
  const dismiss = <DefaultButton text={text('statusPage.dismiss')} onClick={onDismiss} />;
  return (
    <StatusMessageBar kind="error" actions={dismiss}>
      {text('statusPage.actionFailed', { action: failure.action, message: errorMessage(failure.error, text) })}
    </StatusMessageBar>
  );
}
