import * as React from 'react';
import type { SyncStatus } from '../../SyncEngine/contracts';
import { formatBytes } from './format';
import { Section } from './Section';
import { pageStyles } from './styles';
import type { Text } from './text';

export interface StorageSectionProps {
  status: SyncStatus;
  text: Text;
  locale: string;
}

/** How much the offline data takes on the device: the tables' sizes listed below, added up. */
export function StorageSection({ status, text, locale }: StorageSectionProps): React.ReactElement {
  return (
    <Section heading={text('statusPage.storage.heading')}>
      <p className={pageStyles.line}>{text('statusPage.storage.used', { size: formatBytes(status.offlineDataBytes, locale) })}</p>
    </Section>
  );
}
