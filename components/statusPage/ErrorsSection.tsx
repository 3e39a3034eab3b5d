import * as React from 'react';
import type { SyncEngineApi, SyncErrorRecord, SyncStatus } from '../../SyncEngine/contracts';
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
  text: Text;
  locale: string;
  actions: EngineActionState;
}

const errorKey = (error: SyncErrorRecord): string => error.id;

/** The active sync errors, each with Retry and Discard; conflicts show both versions of the record. */
export function ErrorsSection({ engine, status, text, locale, actions }: ErrorsSectionProps): React.ReactElement {
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
  const onDiscard = React.useCallback(
    (error: SyncErrorRecord, label: string) => {
      run(label, () => engine.discardError(error.id));
    },
    [engine, run],
  );
  const renderItem = React.useCallback(
    (error: SyncErrorRecord) => (
      <ErrorItem
        error={error}
        tableName={displayNameOf(tables, error.table)}
        text={text}
        locale={locale}
        disabled={busy}
        onRetry={onRetry}
        onDiscard={onDiscard}
      />
    ),
    [tables, text, locale, busy, onRetry, onDiscard],
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
    </Section>
  );
}
