import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton, mergeStyleSets } from '@fluentui/react';
import { OUTCOME_TEXT, type DiscardSubject } from './discardSubject';
import { formatNumber } from './format';
import { OP_LABELS } from './PendingItem';
import { pageStyles } from './styles';
import type { Text } from './text';

/** Enough columns to recognise the change; a wide row would push the buttons off a phone's screen. */
export const MAX_LISTED_VALUES = 10;

const classes = mergeStyleSets({
  details: { display: 'flex', flexDirection: 'column', gap: 8, textAlign: 'start' },
  facts: { display: 'flex', flexDirection: 'column', gap: 2, margin: 0 },
  // Values may be long ids or e-mail addresses: they break anywhere rather than widen the dialog.
  values: { margin: 0, paddingInlineStart: 20, overflowWrap: 'anywhere' },
  column: { fontWeight: 600 },
});

/** Fluent's FocusTrapZone takes a class name: focus lands on Cancel, so a stray Enter keeps the change. */
const CANCEL_CLASS = 'offline-discard-cancel';

export interface DiscardDialogProps {
  /** The change to confirm; `null` keeps the dialog closed. */
  subject: DiscardSubject | null;
  text: Text;
  locale: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a queued change or a sync error is discarded, naming what goes: the table, the record, the values,
 * and what becomes of the record afterwards. Discarding cannot be undone, so the user decides knowing that.
 */
export function DiscardDialog({ subject, text, locale, onConfirm, onCancel }: DiscardDialogProps): React.ReactElement {
  // Fluent animates the dialog out after `hidden` turns true: keep showing the last subject meanwhile.
  const last = React.useRef<DiscardSubject | null>(subject);
  if (subject) last.current = subject;
  const shown = subject ?? last.current;
  return (
    <Dialog
      hidden={subject === null}
      onDismiss={onCancel}
      dialogContentProps={{ type: DialogType.normal, title: text('statusPage.discard.title'), showCloseButton: false }}
      modalProps={{ isBlocking: true, firstFocusableSelector: CANCEL_CLASS, className: pageStyles.dialog }}
    >
      {shown && <DiscardDetails subject={shown} text={text} locale={locale} />}
      <DialogFooter>
        <PrimaryButton text={confirmLabel(shown, text, locale)} onClick={onConfirm} />
        <DefaultButton className={CANCEL_CLASS} text={text('statusPage.discard.cancel')} onClick={onCancel} />
      </DialogFooter>
    </Dialog>
  );
}

/** The button names the number when more than one change goes, so the click itself says what it costs. */
function confirmLabel(subject: DiscardSubject | null, text: Text, locale: string): string {
  const changes = subject?.discarding.length ?? 1;
  return changes > 1 ? text('statusPage.discard.confirmOther', { count: formatNumber(changes, locale) }) : text('statusPage.discard.confirm');
}

function changesText(changes: number, text: Text, locale: string): string {
  if (changes === 0) return text('statusPage.discard.countNone');
  if (changes === 1) return text('statusPage.discard.countOne');
  return text('statusPage.discard.countOther', { count: formatNumber(changes, locale) });
}

function DiscardDetails({ subject, text, locale }: { subject: DiscardSubject; text: Text; locale: string }): React.ReactElement {
  const listed = subject.values.slice(0, MAX_LISTED_VALUES);
  const more = subject.values.length - listed.length;
  const valuesLabel = text('statusPage.discard.values');
  return (
    <div className={classes.details}>
      <p className={classes.facts}>
        <span>{text('statusPage.discard.table', { table: subject.tableName })}</span>
        <span>{text('statusPage.discard.record', { record: subject.record })}</span>
        <span>{text('statusPage.discard.change', { action: text(OP_LABELS[subject.action]) })}</span>
      </p>
      <p className={pageStyles.line}>
        <strong>{changesText(subject.discarding.length, text, locale)}</strong>
      </p>
      <p className={pageStyles.line}>
        <strong>{text(OUTCOME_TEXT[subject.outcome])}</strong>
      </p>
      {listed.length > 0 && (
        <>
          <p className={pageStyles.line}>{valuesLabel}</p>
          <ul aria-label={valuesLabel} className={classes.values}>
            {listed.map(([column, value]) => (
              <li key={column}>
                <span className={classes.column}>{column}</span>: {value}
              </li>
            ))}
            {more > 0 && <li>{text('statusPage.discard.more', { count: formatNumber(more, locale) })}</li>}
          </ul>
        </>
      )}
    </div>
  );
}
