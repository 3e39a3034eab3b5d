import { Panel, PanelType, hiddenContentStyle, mergeStyleSets, type IPanelStyles } from '@fluentui/react';
import * as React from 'react';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/index';
import { OfflineStatusPageView } from '../statusPage/OfflineStatusPageView';
import { CLOSE_PATH, SvgIcon } from '../shared/svgIcons';
import { TOUCH_MEDIA, TOUCH_TARGET_PX } from '../shared/media';
import { STRING_KEYS, type Translate } from '../shared/strings';

export interface StatusPanelProps {
  isOpen: boolean;
  onDismiss: () => void;
  engine: SyncEngineApi;
  status: SyncStatus;
  t: Translate;
  locale: string;
}

const classes = mergeStyleSets({
  navigation: { display: 'flex', justifyContent: 'flex-end' },
  close: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 40,
    height: 40,
    margin: '4px 8px 0 0',
    border: '1px solid transparent',
    background: 'transparent',
    color: '#323130',
    cursor: 'pointer',
    // Fluent's navigation row is 44 px high: a 44 px button fills it without its top margin.
    [TOUCH_MEDIA]: { width: TOUCH_TARGET_PX, height: TOUCH_TARGET_PX, marginTop: 0 },
  },
});

// The page draws its own "Offline Status" heading; the panel's header stays for screen readers only, where it
// names the dialog, so sighted users do not read the title twice.
const panelStyles: Partial<IPanelStyles> = { header: hiddenContentStyle };

/**
 * The Offline Status page in a side panel, as the mobile app opens it from the globe. The close button is our
 * own because Fluent's default one draws its cross from the CDN icon font.
 */
export function StatusPanel({ isOpen, onDismiss, engine, status, t, locale }: StatusPanelProps): React.ReactElement {
  const renderNavigation = React.useCallback(
    () => (
      <div className={classes.navigation}>
        <button type="button" className={classes.close} onClick={onDismiss} aria-label={t(STRING_KEYS.panelClose)} title={t(STRING_KEYS.panelClose)}>
          <SvgIcon paths={[CLOSE_PATH]} size={16} />
        </button>
      </div>
    ),
    [onDismiss, t],
  );
  return (
    <Panel
      isOpen={isOpen}
      onDismiss={onDismiss}
      isLightDismiss
      type={PanelType.medium}
      headerText={t(STRING_KEYS.statusPageTitle)}
      onRenderNavigationContent={renderNavigation}
      styles={panelStyles}
    >
      <OfflineStatusPageView engine={engine} status={status} t={t} locale={locale} />
    </Panel>
  );
}
