import * as React from 'react';
import { getId } from '@fluentui/react';
import { pageStyles } from './styles';
import { PHONE_VIEWPORT_QUERY } from '../shared/media';
import { useMediaQuery } from '../shared/useMediaQuery';

export interface SectionProps {
  heading: string;
  children: React.ReactNode;
  /**
   * Starts folded on a phone-sized viewport: the long, less urgent sections (tables, settings) wait under their
   * heading so connection, errors and pending uploads fit on the first screen.
   */
  foldedOnPhones?: boolean;
}

const CHEVRON = 'M6 9l6 6l6-6';

/**
 * A section named by its heading: screen-reader users jump between headings or landmarks to reach, say, the
 * errors. The heading holds a disclosure button (WAI-ARIA's accordion pattern: the button keeps the heading's
 * level and name, `aria-expanded` says whether the content shows), so any section can be folded away. Ids are
 * generated because several status pages may share one form.
 */
export function Section({ heading, children, foldedOnPhones = false }: SectionProps): React.ReactElement {
  const [headingId] = React.useState(() => getId('offline-status-section-'));
  const [contentId] = React.useState(() => getId('offline-status-section-content-'));
  const phone = useMediaQuery(PHONE_VIEWPORT_QUERY);
  const [toggled, setToggled] = React.useState<boolean | null>(null);
  // Until the user folds or unfolds it, the section follows the viewport.
  const expanded = toggled ?? !(foldedOnPhones && phone);
  return (
    <section className={pageStyles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={pageStyles.heading}>
        <button
          type="button"
          className={pageStyles.headingButton}
          aria-expanded={expanded}
          aria-controls={contentId}
          onClick={() => setToggled(!expanded)}
        >
          <svg className={pageStyles.chevron} width={16} height={16} viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-expanded={expanded}>
            <path d={CHEVRON} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>{heading}</span>
        </button>
      </h3>
      <div id={contentId} className={pageStyles.sectionContent} hidden={!expanded}>
        {children}
      </div>
    </section>
  );
}

/** The display name of a table by logical name, for places that only carry the logical name. */
export function displayNameOf(tables: readonly { table: string; displayName: string }[], table: string): string {
  return tables.find((t) => t.table === table)?.displayName ?? table;
}
