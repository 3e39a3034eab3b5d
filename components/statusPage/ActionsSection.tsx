import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react';
import type { OutboxEntry, SyncEngineApi, SyncStatus } from '../../SyncEngine/contracts';
import { ExportChangesButton } from './ExportChangesButton';
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
  /** The queued changes as the page shows them: a reset discards exactly these, or nothing. */
  pending?: readonly OutboxEntry[];
}

/** Sync now, Check for updates (on-demand mode) and Reset, the user's levers on the engine. */
export function ActionsSection({ engine, status, text, locale, actions, pending }: ActionsSectionProps): React.ReactElement {
  const [confirming, setConfirming] = React.useState(false);
  // A second pass cannot start while one runs; the buttons say so by being disabled, with a hint in text.
  const syncBlocked = status.isSyncing || actions.busy;
  const syncNow = text('statusPage.actions.syncNow');
  const checkForUpdates = text('statusPage.actions.checkForUpdates');
  const resetLabel = text('statusPage.actions.reset');

  const confirmReset = (): void => {
    setConfirming(false);
    // What the dialog showed when the user confirmed: force exactly when it named changes, and discard exactly those.
    // One queued since (app code, another tab) makes the engine refuse with queue-changed rather than lose it.
    const force = status.pendingCount > 0;
    const discarding = (pending ?? engine.listPending()).map((entry) => entry.seq);
    actions.run(resetLabel, () => engine.reset({ force, discarding }));
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
        exportAction={<ExportChangesButton engine={engine} text={text} actions={actions} />}
      />
    </Section>
  );
}
