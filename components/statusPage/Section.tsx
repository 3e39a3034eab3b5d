import * as React from 'react';
import { getId } from '@fluentui/react';
import { pageStyles } from './styles';

export interface SectionProps {
  heading: string;
  children: React.ReactNode;
}

/**
 * A section named by its heading: screen-reader users jump between headings or landmarks to reach, say, the
 * errors. Ids are generated because several status pages may share one form.
 */
export function Section({ heading, children }: SectionProps): React.ReactElement {
  const [headingId] = React.useState(() => getId('offline-status-section-'));
  return (
    <section className={pageStyles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={pageStyles.heading}>
        {heading}
      </h3>
      {children}
    </section>
  );
}

/** The display name of a table by logical name, for places that only carry the logical name. */
export function displayNameOf(tables: readonly { table: string; displayName: string }[], table: string): string {
  return tables.find((t) => t.table === table)?.displayName ?? table;
}
