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

/** How much of the device the offline database takes; some browsers cannot tell, and the page says so. */
export function StorageSection({ status, text, locale }: StorageSectionProps): React.ReactElement {
  const used = status.storageUsedBytes;
  return (
    <Section heading={text('statusPage.storage.heading')}>
      <p className={pageStyles.line}>
        {used === null
          ? text('statusPage.storage.unknown')
          : text('statusPage.storage.used', { size: formatBytes(used, locale, text) })}
      </p>
    </Section>
  );
}
