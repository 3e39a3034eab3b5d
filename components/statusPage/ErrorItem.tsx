import * as React from 'react';
import { DefaultButton } from '@fluentui/react';
import type { SyncErrorRecord, TableDisplay } from '../../SyncEngine/contracts';
import { codeMessage } from './codeText';
import { ConflictComparison } from './ConflictComparison';
import { errorRecordName } from './discardSubject';
import { formatDateTime, formatNumber } from './format';
import { OP_LABELS } from './PendingItem';
import { pageStyles } from './styles';
import type { Text } from './text';

export interface ErrorItemProps {
  error: SyncErrorRecord;
  tableName: string;
  /** The table's names and labels in the user's language, when the engine has them. */
  tableDisplay?: TableDisplay;
  text: Text;
  locale: string;
  disabled: boolean;
  onRetry: (error: SyncErrorRecord, label: string) => void;
  onDiscard: (error: SyncErrorRecord, label: string) => void;
}

/** One sync error: what failed, why, when, and the two ways out (retry or discard the change). */
export function ErrorItem({ error, tableName, tableDisplay, text, locale, disabled, onRetry, onDiscard }: ErrorItemProps): React.ReactElement {
  const record = errorRecordName(error);
  const retryLabel = text('statusPage.errors.retryLabel', { record });
  const discardLabel = text('statusPage.errors.discardLabel', { record });
  return (
    <div className={pageStyles.item}>
      <h4 className={pageStyles.itemHeading}>
        {error.code === 'offline-data-removed' ? text('statusPage.errors.offlineDataHeading') : `${tableName}: ${record}`}
      </h4>
      <p className={pageStyles.facts}>
        <span>{text('statusPage.errors.action', { action: text(OP_LABELS[error.action]) })}</span>
        <span>{text('statusPage.errors.time', { time: formatDateTime(error.time, locale) })}</span>
        <span>{text('statusPage.errors.code', { code: error.code })}</span>
      </p>
      {!HELPED.has(error.code) && <p className={pageStyles.line}>{codeMessage(error.code, text)}</p>}
      <ErrorHelp error={error} record={record} text={text} table={tableDisplay} locale={locale} />
      {error.message && <p className={pageStyles.help}>{text('statusPage.errors.details', { message: error.message })}</p>}
      <div className={pageStyles.buttons}>
        <DefaultButton
          text={text('statusPage.errors.retry')}
          ariaLabel={retryLabel}
          disabled={disabled}
          onClick={() => onRetry(error, retryLabel)}
        />
        <DefaultButton
          text={text('statusPage.errors.discard')}
          ariaLabel={discardLabel}
          disabled={disabled}
          onClick={() => onDiscard(error, discardLabel)}
        />
      </div>
    </div>
  );
}

/** Codes whose help paragraph below says what happened and what to do, in place of the one-line message. */
const HELPED: ReadonlySet<string> = new Set(['conflict', 'record-not-found', 'already-exists']);

interface ErrorHelpProps {
  error: SyncErrorRecord;
  record: string;
  text: Text;
  table?: TableDisplay;
  locale: string;
}

function ErrorHelp({ error, record, text, table, locale }: ErrorHelpProps): React.ReactElement | null {
  const lost = error.lostChanges ?? 0;
  if (error.code === 'offline-data-removed' && lost > 0) {
    const words = lost === 1 ? text('statusPage.errors.lostOne') : text('statusPage.errors.lostOther', { count: formatNumber(lost, locale) });
    return <p className={pageStyles.help}>{words}</p>;
  }
  if (error.code === 'record-not-found') return <p className={pageStyles.help}>{text('statusPage.errors.notFoundHelp')}</p>;
  if (error.code === 'already-exists') return <p className={pageStyles.help}>{text('statusPage.errors.alreadyExistsHelp')}</p>;
  if (error.code !== 'conflict') return null;
  return (
    <>
      <p className={pageStyles.help}>{text('statusPage.errors.conflictHelp')}</p>
      {error.deviceVersion && error.serverVersion && (
        <ConflictComparison recordName={record} device={error.deviceVersion} server={error.serverVersion} text={text} table={table} locale={locale} />
      )}
      <p className={pageStyles.help}>{text('statusPage.conflict.retryEffect')}</p>
      <p className={pageStyles.help}>{text('statusPage.conflict.discardEffect')}</p>
    </>
  );
}
