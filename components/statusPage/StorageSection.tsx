import * as React from 'react';
import type { StoragePersistence, SyncStatus } from '../../SyncEngine/contracts';
import { formatBytes } from './format';
import { Section } from './Section';
import { pageStyles } from './styles';
import type { StatusPageStringKey } from './statusPageStrings';
import type { Text } from './text';

const PERSISTENCE_TEXT: Readonly<Record<StoragePersistence, StatusPageStringKey>> = {
  persisted: 'statusPage.storage.persisted',
  'best-effort': 'statusPage.storage.bestEffort',
  unknown: 'statusPage.storage.persistenceUnknown',
};

export interface StorageSectionProps {
  status: SyncStatus;
  text: Text;
  locale: string;
}

/**
 * How much the offline data takes on the device (the tables' sizes listed below, added up) and whether the browser
 * may clear it: evicted data takes the changes not yet uploaded with it.
 */
export function StorageSection({ status, text, locale }: StorageSectionProps): React.ReactElement {
  return (
    <Section heading={text('statusPage.storage.heading')}>
      <p className={pageStyles.line}>{text('statusPage.storage.used', { size: formatBytes(status.offlineDataBytes, locale) })}</p>
      <p className={pageStyles.line} data-persistence={status.storagePersistence}>
        {text(PERSISTENCE_TEXT[status.storagePersistence])}
      </p>
    </Section>
  );
}
