import * as React from 'react';
import type { OutboxEntry, SyncEngineApi, SyncStatus } from '../../SyncEngine/contracts';
import { DiscardDialog } from './DiscardDialog';
import { changeSubject } from './discardSubject';
import { ExportChangesButton } from './ExportChangesButton';
import { formatNumber } from './format';
import { PendingItem } from './PendingItem';
import { Section, displayNameOf } from './Section';
import { pageStyles } from './styles';
import type { Text } from './text';
import type { EngineActionState } from './useEngineAction';
import { VirtualList } from './VirtualList';

export interface PendingSectionProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  /** The queued changes themselves; the status snapshot carries only counts. */
  pending?: readonly OutboxEntry[];
  text: Text;
  locale: string;
  actions: EngineActionState;
}

const entryKey = (entry: OutboxEntry): string => String(entry.seq);

/** What is waiting to upload: the counts the icon badge is made of, and the list when the host provides it. */
export function PendingSection({ engine, status, pending, text, locale, actions }: PendingSectionProps): React.ReactElement {
  const { outbox, tables } = status;
  const count = status.pendingCount;
  const n = (value: number): string => formatNumber(value, locale);
  const now = Date.now();
  const { run, busy } = actions;
  // Discard cannot be undone: the dialog names what goes, and only its confirmation calls the engine.
  const [confirming, setConfirming] = React.useState<{ entry: OutboxEntry; label: string } | null>(null);
  const onDiscard = React.useCallback((entry: OutboxEntry, label: string) => {
    setConfirming({ entry, label });
  }, []);
  const subject = React.useMemo(
    () => (confirming ? changeSubject(confirming.entry, displayNameOf(tables, confirming.entry.table), text, pending) : null),
    [confirming, tables, text, pending],
  );
  const confirmDiscard = (): void => {
    if (!confirming || !subject) return;
    const { entry, label } = confirming;
    // Exactly the changes the dialog counted: one queued since makes the engine refuse instead of dropping it too.
    const { discarding } = subject;
    setConfirming(null);
    run(label, () => engine.discardChange(entry.seq, { discarding }));
  };
  const renderItem = React.useCallback(
    (entry: OutboxEntry) => (
      <PendingItem
        entry={entry}
        tableName={displayNameOf(tables, entry.table)}
        text={text}
        locale={locale}
        now={now}
        disabled={busy}
        onDiscard={onDiscard}
      />
    ),
    [tables, text, locale, now, busy, onDiscard],
  );
  const summary =
    count === 0
      ? text('statusPage.pending.none')
      : count === 1
        ? text('statusPage.pending.summaryOne')
        : text('statusPage.pending.summaryOther', { count: n(count) });

  return (
    <Section heading={text('statusPage.pending.heading')}>
      <p className={pageStyles.line}>{summary}</p>
      <p className={pageStyles.facts}>
        <span>{text('statusPage.pending.rows', { count: n(outbox.rows) })}</span>
        <span>{text('statusPage.pending.files', { count: n(outbox.files) })}</span>
        <span>{text('statusPage.pending.images', { count: n(outbox.images) })}</span>
        <span>{text('statusPage.pending.held', { count: n(outbox.held) })}</span>
      </p>
      {(count > 0 || status.activeErrors.length > 0) && (
        <>
          <p className={pageStyles.help}>{text('statusPage.export.help')}</p>
          <div className={pageStyles.buttons}>
            <ExportChangesButton engine={engine} text={text} actions={actions} />
          </div>
        </>
      )}
      {pending !== undefined && pending.length > 0 && (
        <VirtualList
          items={pending}
          ariaLabel={text('statusPage.pending.listLabel')}
          renderItem={renderItem}
          getKey={entryKey}
          version={renderItem}
        />
      )}
      <DiscardDialog subject={subject} text={text} locale={locale} onConfirm={confirmDiscard} onCancel={() => setConfirming(null)} />
    </Section>
  );
}
