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
  const heading = errorHeading(error, tableName, text);
  const record = errorRecordName(error) || heading;
  const { retry, discard } = errorActions(error);
  const retryLabel = text('statusPage.errors.retryLabel', { record });
  const discardLabel = text('statusPage.errors.discardLabel', { record });
  return (
    <div className={pageStyles.item}>
      <h4 className={pageStyles.itemHeading}>
        {heading}
      </h4>
      <p className={pageStyles.facts}>
        <span>{text('statusPage.errors.action', { action: text(OP_LABELS[error.action]) })}</span>
        <span>{text('statusPage.errors.time', { time: formatDateTime(error.time, locale) })}</span>
        <span>{text('statusPage.errors.code', { code: error.code })}</span>
      </p>
      {!HELPED.has(error.code) && <p className={pageStyles.line}>{codeMessage(error.code, text)}</p>}
      <ErrorHelp error={error} record={record} text={text} table={tableDisplay} locale={locale} />
      {error.message && <p className={pageStyles.help}>{text('statusPage.errors.details', { message: error.message })}</p>}
      {(retry || discard) && (
        <div className={pageStyles.buttons}>
          {retry && (
            <DefaultButton
              text={text('statusPage.errors.retry')}
              ariaLabel={retryLabel}
              disabled={disabled}
              onClick={() => onRetry(error, retryLabel)}
            />
          )}
          {discard && (
            <DefaultButton
              text={text('statusPage.errors.discard')}
              ariaLabel={discardLabel}
              disabled={disabled}
              onClick={() => onDiscard(error, discardLabel)}
            />
          )}
        </div>
      )}
    </div>
  );
}

/**
 * What the entry is about: the device's offline data as a whole (no table: a removal, a database the release cannot
 * open), a table (no record: a profile problem, damaged rows), or one record of a table.
 */
function errorHeading(error: SyncErrorRecord, tableName: string, text: Text): string {
  if (error.code === 'offline-data-removed' || error.table === '') return text('statusPage.errors.offlineDataHeading');
  const record = errorRecordName(error);
  return record ? `${tableName}: ${record}` : tableName;
}

/**
 * Which ways out the entry offers. A database of a newer release has neither (nothing here can change it: the app
 * must be updated); a queued change that could not be read cannot be sent again, only exported or discarded.
 */
function errorActions(error: SyncErrorRecord): { retry: boolean; discard: boolean } {
  if (error.code === 'store-newer-version') return { retry: false, discard: false };
  if (error.code === 'store-corrupt' && error.outboxSeq !== undefined) return { retry: false, discard: true };
  return { retry: true, discard: true };
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
