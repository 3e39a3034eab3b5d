import * as React from 'react';
import type { SyncStatus, SyncWarning } from '../../SyncEngine/contracts';
import { STATUS_PAGE_STRINGS, type StatusPageStringKey } from './statusPageStrings';
import { formatDateTime } from './format';
import { Section } from './Section';
import { StatusMessageBar } from './StatusMessageBar';
import type { Text } from './text';

export interface WarningsSectionProps {
  status: SyncStatus;
  text: Text;
  locale: string;
}

/**
 * Known warning codes get a translated sentence; the engine's own message is English, so it is only the fallback
 * for a code this page does not know yet.
 */
function warningText(warning: SyncWarning, text: Text): string {
  const key = `statusPage.warning.${warning.code}`;
  return key in STATUS_PAGE_STRINGS ? text(key as StatusPageStringKey) : warning.message;
}

/** Everything that slows sync down without being an error, in one warning bar. Nothing renders when all is well. */
export function WarningsSection({ status, text, locale }: WarningsSectionProps): React.ReactElement | null {
  if (status.warnings.length === 0) return null;
  return (
    <Section heading={text('statusPage.warnings.heading')}>
      <StatusMessageBar kind="warning">
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {status.warnings.map((warning) => (
            <li key={`${warning.code}-${warning.since}`}>
              {warningText(warning, text)} ({text('statusPage.warnings.since', { time: formatDateTime(warning.since, locale) })})
            </li>
          ))}
        </ul>
      </StatusMessageBar>
    </Section>
  );
}
