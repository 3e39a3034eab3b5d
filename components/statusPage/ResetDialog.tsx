import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton } from '@fluentui/react';
import { formatNumber } from './format';
import { pageStyles } from './styles';
import type { Text } from './text';

export interface ResetDialogProps {
  open: boolean;
  pendingCount: number;
  text: Text;
  locale: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** "Export changes", offered while changes would be lost; absent: not offered. */
  exportAction?: React.ReactNode;
}

/**
 * Confirms the reset and says how many unsent changes it would destroy: a reset wipes the outbox too, and the
 * user must decide knowing that, with a way to keep a copy of them first (the export).
 */
export function ResetDialog({ open, pendingCount, text, locale, onConfirm, onCancel, exportAction }: ResetDialogProps): React.ReactElement {
  const loss =
    pendingCount === 0
      ? text('statusPage.reset.noLoss')
      : pendingCount === 1
        ? text('statusPage.reset.lossOne')
        : text('statusPage.reset.lossOther', { count: formatNumber(pendingCount, locale) });
  return (
    <Dialog
      hidden={!open}
      onDismiss={onCancel}
      dialogContentProps={{ type: DialogType.normal, title: text('statusPage.reset.title'), showCloseButton: false }}
      modalProps={{ isBlocking: true, className: pageStyles.dialog }}
    >
      <div className={pageStyles.section}>
        <p className={pageStyles.line}>{text('statusPage.reset.body')}</p>
        <p className={pageStyles.line}>
          <strong>{loss}</strong>
        </p>
        {pendingCount > 0 && exportAction !== undefined && (
          <>
            <p className={pageStyles.line}>{text('statusPage.reset.exportHint')}</p>
            <div className={pageStyles.buttons}>{exportAction}</div>
          </>
        )}
      </div>
      <DialogFooter>
        <PrimaryButton
          text={pendingCount > 0 ? text('statusPage.reset.confirmWithLoss') : text('statusPage.reset.confirm')}
          onClick={onConfirm}
        />
        <DefaultButton text={text('statusPage.reset.cancel')} onClick={onCancel} />
      </DialogFooter>
    </Dialog>
  );
}
