import * as React from 'react';
import type { SyncStatus } from '../../SyncEngine/contracts';
import { formatDateTime } from './format';
import { Section } from './Section';
import { StatusMessageBar } from './StatusMessageBar';
import type { Text } from './text';
import { warningText } from './warningText';

export interface WarningsSectionProps {
  status: SyncStatus;
  text: Text;
  locale: string;
}

/**
 * Everything that slows sync down without being an error, in one warning bar, most important first (the engine's
 * order). Nothing renders when all is well.
 */
export function WarningsSection({ status, text, locale }: WarningsSectionProps): React.ReactElement | null {
  if (status.warnings.length === 0) return null;
  return (
    <Section heading={text('statusPage.warnings.heading')}>
      <StatusMessageBar kind="warning">
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {status.warnings.map((warning) => (
            <li key={`${warning.code}-${warning.since}`}>
              {warningText(warning, text, locale)} ({text('statusPage.warnings.since', { time: formatDateTime(warning.since, locale) })})
            </li>
          ))}
        </ul>
      </StatusMessageBar>
    </Section>
  );
}
