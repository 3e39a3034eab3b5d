import * as React from 'react';
import { DefaultButton } from '@fluentui/react';
import type { TableStatus } from '../../SyncEngine/contracts';
import { codeMessage } from './codeText';
import { formatBytes, formatDateTime, formatInterval, formatNumber } from './format';
import { pageStyles } from './styles';
import type { Text } from './text';

export interface TableItemProps {
  table: TableStatus;
  /** Display name of the table that drives this one's interval, when one does. */
  drivenByName?: string;
  text: Text;
  locale: string;
  refreshDisabled: boolean;
  onRefresh: (table: TableStatus) => void;
}

/** One offline table: what is on the device, how fresh it is, how often it syncs and why. */
export function TableItem({ table, drivenByName, text, locale, refreshDisabled, onRefresh }: TableItemProps): React.ReactElement {
  return (
    <div className={pageStyles.item}>
      <h4 className={pageStyles.itemHeading}>{table.displayName}</h4>
      <p className={pageStyles.facts}>
        <span>{text('statusPage.tables.rows', { count: formatNumber(table.rows, locale) })}</span>
        <span>{text('statusPage.tables.size', { size: formatBytes(table.bytes, locale) })}</span>
        <span>
          {table.lastSyncedAt === undefined
            ? text('statusPage.connection.neverSynced')
            : text('statusPage.tables.lastSync', { time: formatDateTime(table.lastSyncedAt, locale) })}
        </span>
      </p>
      <p className={pageStyles.line}>
        {text('statusPage.tables.interval', { interval: formatInterval(table.effectiveIntervalMinutes, locale, text) })}
      </p>
      {drivenByName !== undefined && <p className={pageStyles.help}>{text('statusPage.tables.drivenBy', { table: drivenByName })}</p>}
      <p className={pageStyles.line}>{stateText(table, text, locale)}</p>
      {table.state === 'error' && table.errorCode !== undefined && (
        <p className={pageStyles.help}>{text('statusPage.errors.code', { code: table.errorCode })}</p>
      )}
      <div className={pageStyles.buttons}>
        <DefaultButton
          text={text('statusPage.tables.refresh')}
          ariaLabel={text('statusPage.tables.refreshLabel', { table: table.displayName })}
          disabled={refreshDisabled}
          onClick={() => onRefresh(table)}
        />
      </div>
    </div>
  );
}

function stateText(table: TableStatus, text: Text, locale: string): string {
  switch (table.state) {
    case 'available':
      return text('statusPage.tables.state.available');
    case 'notDownloaded':
      return text('statusPage.tables.state.notDownloaded');
    case 'error':
      return table.errorCode === undefined
        ? text('statusPage.tables.state.errorNoCode')
        : text('statusPage.tables.state.error', { reason: codeMessage(table.errorCode, text) });
    case 'syncing': {
      const done = formatNumber(table.progress?.rowsDone ?? 0, locale);
      const expected = table.progress?.rowsExpected;
      return expected === undefined
        ? text('statusPage.tables.state.syncing', { done })
        : text('statusPage.tables.state.syncingOf', { done, expected: formatNumber(expected, locale) });
    }
  }
}
