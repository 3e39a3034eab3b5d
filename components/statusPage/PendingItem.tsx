import * as React from 'react';
import { DefaultButton } from '@fluentui/react';
import type { ChangeOp, OutboxEntry, OutboxState } from '../../SyncEngine/contracts';
import type { StatusPageStringKey } from './statusPageStrings';
import { pendingRecordName } from './discardSubject';
import { formatAge } from './format';
import { pageStyles } from './styles';
import type { Text } from './text';

export const OP_LABELS: Readonly<Record<ChangeOp | 'download', StatusPageStringKey>> = {
  create: 'statusPage.op.create',
  update: 'statusPage.op.update',
  delete: 'statusPage.op.delete',
  fileAdd: 'statusPage.op.fileAdd',
  fileRemove: 'statusPage.op.fileRemove',
  imageAdd: 'statusPage.op.imageAdd',
  imageRemove: 'statusPage.op.imageRemove',
  download: 'statusPage.op.download',
};

const STATE_LABELS: Readonly<Record<OutboxState, StatusPageStringKey>> = {
  pending: 'statusPage.pending.state.pending',
  failed: 'statusPage.pending.state.failed',
  quarantined: 'statusPage.pending.state.quarantined',
};

export interface PendingItemProps {
  entry: OutboxEntry;
  tableName: string;
  text: Text;
  locale: string;
  now: number;
  disabled: boolean;
  /** Asks to drop the change (the section confirms first). */
  onDiscard: (entry: OutboxEntry, label: string) => void;
}

/** One queued change: which record, what happens to it, how long it has waited, and whether it is stuck. */
export function PendingItem({ entry, tableName, text, locale, now, disabled, onDiscard }: PendingItemProps): React.ReactElement {
  const record = pendingRecordName(entry, text);
  const discardLabel = text('statusPage.errors.discardLabel', { record });
  return (
    <div className={pageStyles.item}>
      <h4 className={pageStyles.itemHeading}>
        {tableName}: {record}
      </h4>
      <p className={pageStyles.facts}>
        <span>{text(OP_LABELS[entry.op])}</span>
        <span>{text('statusPage.pending.age', { age: formatAge(entry.createdAt, now, locale) })}</span>
        <span>{text(STATE_LABELS[entry.state])}</span>
      </p>
      {entry.state !== 'pending' && entry.lastErrorMessage !== undefined && (
        <p className={pageStyles.help}>{entry.lastErrorMessage}</p>
      )}
      <div className={pageStyles.buttons}>
        <DefaultButton
          text={text('statusPage.errors.discard')}
          ariaLabel={discardLabel}
          disabled={disabled}
          onClick={() => onDiscard(entry, discardLabel)}
        />
      </div>
    </div>
  );
}
