import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/contracts';
import { ResetDialog } from './ResetDialog';
import { Section } from './Section';
import { pageStyles } from './styles';
import type { Text } from './text';
import type { EngineActionState } from './useEngineAction';

export interface ActionsSectionProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  text: Text;
  locale: string;
  actions: EngineActionState;
}

/** Sync now, Check for updates (on-demand mode) and Reset, the user's levers on the engine. */
export function ActionsSection({ engine, status, text, locale, actions }: ActionsSectionProps): React.ReactElement {
  const [confirming, setConfirming] = React.useState(false);
  // A second pass cannot start while one runs; the buttons say so by being disabled, with a hint in text.
  const syncBlocked = status.isSyncing || actions.busy;
  const syncNow = text('statusPage.actions.syncNow');
  const checkForUpdates = text('statusPage.actions.checkForUpdates');
  const resetLabel = text('statusPage.actions.reset');

  const confirmReset = (): void => {
    setConfirming(false);
    // Read the count at confirmation time: the dialog showed this number, so force exactly when it was non-zero.
    const force = status.pendingCount > 0;
    actions.run(resetLabel, () => engine.reset({ force }));
  };

  return (
    <Section heading={text('statusPage.actions.heading')}>
      <div className={pageStyles.buttons}>
        <PrimaryButton text={syncNow} disabled={syncBlocked} onClick={() => actions.run(syncNow, () => engine.syncNow())} />
        {status.userSettings.onDemand && (
          <DefaultButton
            text={checkForUpdates}
            disabled={syncBlocked}
            onClick={() => actions.run(checkForUpdates, () => engine.checkForUpdates())}
          />
        )}
        <DefaultButton text={resetLabel} disabled={actions.busy} onClick={() => setConfirming(true)} />
      </div>
      {status.isSyncing && <p className={pageStyles.help}>{text('statusPage.actions.syncingHint')}</p>}
      <ResetDialog
        open={confirming}
        pendingCount={status.pendingCount}
        text={text}
        locale={locale}
        onConfirm={confirmReset}
        onCancel={() => setConfirming(false)}
      />
    </Section>
  );
}
