import * as React from 'react';
import { OfflineTheme } from '../shared/OfflineTheme';
import type { OutboxEntry, SyncEngineApi, SyncStatus } from '../../SyncEngine/contracts';
import { ActionErrorBar } from './ActionErrorBar';
import { ActionsSection } from './ActionsSection';
import { ConnectionSection } from './ConnectionSection';
import { ErrorsSection } from './ErrorsSection';
import { PendingSection } from './PendingSection';
import { SettingsSection } from './SettingsSection';
import { StorageSection } from './StorageSection';
import { TablesSection } from './TablesSection';
import { WarningsSection } from './WarningsSection';
import { pageStyles } from './styles';
import { makeText } from './text';
import { useEngineAction } from './useEngineAction';

export interface OfflineStatusPageViewProps {
  engine: SyncEngineApi;
  /** The snapshot to show; the host re-renders with each new one from `engine.subscribe`. */
  status: SyncStatus;
  /** The control's string lookup (`context.resources.getString`); missing keys fall back to English. */
  t: (key: string) => string;
  /** BCP 47 tag for dates, numbers and sizes; a malformed tag falls back to the browser's locale. */
  locale: string;
  /** The queued changes, for the pending list; the status snapshot carries only their counts. */
  pending?: readonly OutboxEntry[];
}

/**
 * The Offline Status page, most important first: warnings, connection, sync errors, pending uploads, then the
 * actions, tables, storage and the user's sync settings; on a phone the tables and settings start folded. Engine
 * calls started from any section share one error bar at the top, where the user will see it.
 */
export function OfflineStatusPageView({ engine, status, t, locale, pending }: OfflineStatusPageViewProps): React.ReactElement {
  const text = React.useMemo(() => makeText(t), [t]);
  const actions = useEngineAction();
  // The snapshot carries counts only; the list itself is read when the status changes (it is in memory).
  const queued = React.useMemo(() => pending ?? engine.listPending(), [pending, engine, status]);
  return (
    <OfflineTheme>
      <div className={pageStyles.page}>
        <h2 className={pageStyles.title}>{text('statusPage.title')}</h2>
        <ActionErrorBar failure={actions.failure} onDismiss={actions.clearFailure} text={text} />
        <WarningsSection status={status} text={text} locale={locale} />
        <ConnectionSection status={status} text={text} locale={locale} />
        <ErrorsSection engine={engine} status={status} pending={queued} text={text} locale={locale} actions={actions} />
        <PendingSection engine={engine} status={status} pending={queued} text={text} locale={locale} actions={actions} />
        <ActionsSection engine={engine} status={status} pending={queued} text={text} locale={locale} actions={actions} />
        <TablesSection engine={engine} status={status} text={text} locale={locale} actions={actions} />
        <StorageSection status={status} text={text} locale={locale} />
        <SettingsSection engine={engine} status={status} text={text} locale={locale} />
      </div>
    </OfflineTheme>
  );
}
