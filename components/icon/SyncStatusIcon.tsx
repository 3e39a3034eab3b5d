import { TooltipHost, getId } from '@fluentui/react';
import * as React from 'react';
import { OfflineTheme } from '../shared/OfflineTheme';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/index';
import type { IconSize } from '../control/properties';
import { registerStatusPageOpener } from '../control/statusPageOpener';
import { formatNumber, formatTemplate } from '../shared/format';
import { STRING_KEYS, iconLabelKey, iconTooltipKey, type Translate } from '../shared/strings';
import { makeText } from '../statusPage/text';
import { warningText } from '../statusPage/warningText';
import { GlobeGlyph } from './GlobeGlyph';
import { GLYPH_PX, iconClassNames } from './iconStyles';
import { StatusPanel } from './StatusPanel';
import { useStateAnnouncement } from './useStateAnnouncement';

export interface SyncStatusIconProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  t: Translate;
  locale: string;
  size?: IconSize;
  showLabel?: boolean;
}

/** Badges stay short on a 16 px icon; the accessible name still carries the exact count. */
const BADGE_MAX = 999;

/**
 * The globe sync icon of the mobile app: one button whose look, accessible name and tooltip follow the status,
 * with the pending-changes count as a badge whatever the state, opening the Offline Status page. In the warning
 * state the tooltip says which warning (the most important, as the status page words it, with when sync tries
 * next), and so does the button's accessible description. A polite live region says the new state when it changes.
 */
export function SyncStatusIcon({ engine, status, t, locale, size = 'medium', showLabel = false }: SyncStatusIconProps): React.ReactElement {
  const [open, setOpen] = React.useState(false);
  const buttonRef = React.useRef<HTMLButtonElement>(null);
  const state = status.iconState;
  const pending = status.pendingCount;
  const label = t(iconLabelKey(state));
  const pendingText = pending > 0 ? formatTemplate(t(STRING_KEYS.iconPendingCount), formatNumber(pending, locale)) : '';
  const accessibleName = formatTemplate(t(STRING_KEYS.iconAccessibleName), pendingText ? `${label}, ${pendingText}` : label);
  const text = React.useMemo(() => makeText(t), [t]);
  const warning = state === 'warning' ? status.warnings[0] : undefined;
  const warningSentence = warning ? warningText(warning, text, locale) : undefined;
  const tooltip = warningSentence ?? t(iconTooltipKey(state));
  const [descriptionId] = React.useState(() => getId('offline-sync-icon-warning-'));
  // Spoken politely when the state changes: "Offline status: Not connected".
  const announcement = useStateAnnouncement(state, formatTemplate(t(STRING_KEYS.iconAccessibleName), label));

  const openPanel = React.useCallback(() => {
    setOpen(true);
  }, []);
  // A notification on this page that points at the status page opens it here.
  React.useEffect(() => registerStatusPageOpener(openPanel), [openPanel]);
  const closePanel = React.useCallback(() => {
    setOpen(false);
    // Focus goes back to where the user was, as for any dialog.
    buttonRef.current?.focus();
  }, []);
  // Enter and Space are handled here as well as by the native button, so hosts that swallow the synthetic click
  // of a key press (and jsdom) still open the page; preventDefault stops the native click doubling it.
  const onKeyDown = React.useCallback((event: React.KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    setOpen(true);
  }, []);

  return (
    <OfflineTheme inline>
      <>
        <TooltipHost content={tooltip}>
          <button
            ref={buttonRef}
            type="button"
            className={iconClassNames.button}
            aria-label={accessibleName}
            aria-describedby={warningSentence ? descriptionId : undefined}
            aria-haspopup="dialog"
            aria-expanded={open}
            onClick={openPanel}
            onKeyDown={onKeyDown}
            data-icon-state={state}
          >
            <span className={iconClassNames.glyph}>
              <GlobeGlyph state={state} spinning={status.isSyncing} px={GLYPH_PX[size]} />
              {pending > 0 && (
                <span className={iconClassNames.badge} aria-hidden="true" data-testid="pending-badge">
                  {pending > BADGE_MAX ? `${formatNumber(BADGE_MAX, locale)}+` : formatNumber(pending, locale)}
                </span>
              )}
            </span>
            {showLabel && (
              <span className={iconClassNames.label} aria-hidden="true">
                {label}
              </span>
            )}
          </button>
        </TooltipHost>
        {warningSentence && (
          <span id={descriptionId} className={iconClassNames.description}>
            {warningSentence}
          </span>
        )}
        <span role="status" aria-live="polite" aria-atomic="true" className={iconClassNames.announcer} data-testid="icon-announcer">
          {announcement}
        </span>
        {open && <StatusPanel isOpen onDismiss={closePanel} engine={engine} status={status} t={t} locale={locale} />}
      </>
    </OfflineTheme>
  );
}
