import * as React from 'react';
import type { OutboxEntry, SyncEngineApi, SyncErrorRecord, SyncStatus } from '../../SyncEngine/contracts';
import { DiscardDialog } from './DiscardDialog';
import { errorSubject } from './discardSubject';
import { ErrorItem } from './ErrorItem';
import { formatNumber } from './format';
import { Section, displayNameOf } from './Section';
import { pageStyles } from './styles';
import type { Text } from './text';
import type { EngineActionState } from './useEngineAction';
import { VirtualList } from './VirtualList';

export interface ErrorsSectionProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  /** The queued changes: an error holding one back discards it, and the dialog shows its values. */
  pending?: readonly OutboxEntry[];
  text: Text;
  locale: string;
  actions: EngineActionState;
}

const errorKey = (error: SyncErrorRecord): string => error.id;

/** The active sync errors, each with Retry and Discard; conflicts show both versions of the record. */
export function ErrorsSection({ engine, status, pending, text, locale, actions }: ErrorsSectionProps): React.ReactElement {
  // Resolved errors are history for administrators; the user only needs what still holds changes back.
  const errors = React.useMemo(() => status.activeErrors, [status]);
  const { tables } = status;
  const { run, busy } = actions;

  const onRetry = React.useCallback(
    (error: SyncErrorRecord, label: string) => {
      run(label, () => engine.retryError(error.id));
    },
    [engine, run],
  );
  // Discard cannot be undone: the dialog names what goes, and only its confirmation calls the engine.
  const [confirming, setConfirming] = React.useState<{ error: SyncErrorRecord; label: string } | null>(null);
  const onDiscard = React.useCallback((error: SyncErrorRecord, label: string) => {
    setConfirming({ error, label });
  }, []);
  const subject = React.useMemo(() => {
    if (!confirming) return null;
    const { error } = confirming;
    const held = error.outboxSeq === undefined ? undefined : pending?.find((entry) => entry.seq === error.outboxSeq);
    const display = { table: engine.getDisplayMetadata?.()?.tables[error.table], locale };
    return errorSubject(error, held, displayNameOf(tables, error.table), text, display, pending);
  }, [confirming, pending, tables, text, engine, locale]);
  const confirmDiscard = (): void => {
    if (!confirming || !subject) return;
    const { error, label } = confirming;
    // Exactly the changes the dialog counted: one queued since makes the engine refuse instead of dropping it too.
    const { discarding } = subject;
    setConfirming(null);
    run(label, () => engine.discardError(error.id, { discarding }));
  };
  const renderItem = React.useCallback(
    (error: SyncErrorRecord) => (
      <ErrorItem
        error={error}
        tableName={displayNameOf(tables, error.table)}
        tableDisplay={engine.getDisplayMetadata?.()?.tables[error.table]}
        text={text}
        locale={locale}
        disabled={busy}
        onRetry={onRetry}
        onDiscard={onDiscard}
      />
    ),
    [engine, tables, text, locale, busy, onRetry, onDiscard],
  );

  return (
    <Section heading={text('statusPage.errors.heading', { count: formatNumber(errors.length, locale) })}>
      {errors.length === 0 ? (
        <p className={pageStyles.line}>{text('statusPage.errors.none')}</p>
      ) : (
        <VirtualList
          items={errors}
          ariaLabel={text('statusPage.errors.listLabel')}
          renderItem={renderItem}
          getKey={errorKey}
          version={renderItem}
        />
      )}
      <DiscardDialog subject={subject} text={text} locale={locale} onConfirm={confirmDiscard} onCancel={() => setConfirming(null)} />
    </Section>
  );
}
