import * as React from 'react';
import type { Connectivity, SyncStatus } from '../../SyncEngine/contracts';
import { formatDuration } from '../shared/format';
import { codeMessage } from './codeText';
import { formatDateTime, formatNumber } from './format';
import { Section, displayNameOf } from './Section';
import { pageStyles } from './styles';
import type { StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

export interface ConnectionSectionProps {
  status: SyncStatus;
  text: Text;
  locale: string;
}

const CONNECTIVITY: Readonly<Record<Connectivity, StatusPageStringKey>> = {
  online: 'statusPage.connection.online',
  offline: 'statusPage.connection.offline',
  unavailable: 'statusPage.connection.unavailable',
};

const HELP: Readonly<Partial<Record<Connectivity, StatusPageStringKey>>> = {
  offline: 'statusPage.connection.offlineHelp',
  unavailable: 'statusPage.connection.unavailableHelp',
};

/** Online / offline / "Network or Service Unavailable", what the device is connected through, and freshness. */
export function ConnectionSection({ status, text, locale }: ConnectionSectionProps): React.ReactElement {
  const help = HELP[status.connectivity];
  const lastSync = status.lastSyncedAt ?? status.lastSuccessAt;
  return (
    <Section heading={text('statusPage.connection.heading')}>
      {/* A live region, so a change of connectivity is announced while the page is open. */}
      <p role="status" className={pageStyles.line}>
        <strong>{text(CONNECTIVITY[status.connectivity])}</strong>
      </p>
      {help && <p className={pageStyles.help}>{text(help)}</p>}
      <p className={pageStyles.line}>
        {text('statusPage.connection.type', {
          type: text(`statusPage.connection.type.${status.connectionType}`),
        })}
      </p>
      <p className={pageStyles.line}>
        {lastSync === undefined
          ? text('statusPage.connection.neverSynced')
          : text('statusPage.connection.lastSync', { time: formatDateTime(lastSync, locale) })}
      </p>
      <PhaseLine status={status} text={text} locale={locale} />
      {!status.initialSyncComplete && <p className={pageStyles.line}>{text('statusPage.connection.initialIncomplete')}</p>}
      {status.lastFailureCode !== undefined && (
        <>
          <p className={pageStyles.line}>{text('statusPage.connection.lastFailure', { reason: codeMessage(status.lastFailureCode, text) })}</p>
          <p className={pageStyles.help}>{text('statusPage.errors.code', { code: status.lastFailureCode })}</p>
        </>
      )}
    </Section>
  );
}

function PhaseLine({ status, text, locale }: ConnectionSectionProps): React.ReactElement | null {
  const phase = status.phase;
  if (phase.kind === 'idle') return null;
  const line =
    phase.kind === 'uploading'
      ? text('statusPage.phase.uploading', { done: formatNumber(phase.done, locale), total: formatNumber(phase.total, locale) })
      : text('statusPage.phase.downloading', {
          table: displayNameOf(status.tables, phase.table),
          // The table being fetched comes after the ones this pass finished.
          done: formatNumber(phase.tablesDone + 1, locale),
          total: formatNumber(phase.tablesTotal, locale),
        });
  const progress = phase.kind === 'downloading' ? phase.progress : undefined;
  const left = progress?.remainingMs === undefined || progress.rowsExpected === undefined ? undefined : timeLeftLine(progress.remainingMs, progress.rowsDone, progress.rowsExpected, text, locale);
  return (
    <>
      <p className={pageStyles.line}>{line}</p>
      {left !== undefined && <p className={pageStyles.line}>{left}</p>}
    </>
  );
}

function timeLeftLine(remainingMs: number, rowsDone: number, rowsExpected: number, text: Text, locale: string): string {
  const counts = { done: formatNumber(rowsDone, locale), expected: formatNumber(Math.max(rowsDone, rowsExpected), locale) };
  const time = formatDuration(remainingMs, locale);
  return time === undefined ? text('statusPage.phase.timeLeftUnderMinute', counts) : text('statusPage.phase.timeLeft', { ...counts, time });
}
