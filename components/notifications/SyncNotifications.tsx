import { MessageBar, MessageBarButton, MessageBarType, mergeStyleSets, type IIconProps, type IMessageBarStyles } from '@fluentui/react';
import * as React from 'react';
import { OfflineTheme } from '../shared/OfflineTheme';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/index';
import { TOUCH_MEDIA, TOUCH_TARGET_PX, wrappingButtons } from '../shared/media';
import { CHECK_PATHS, CLOSE_PATH, ERROR_PATHS, INFO_PATHS, SvgIcon, WARNING_PATHS } from '../shared/svgIcons';
import { STRING_KEYS, type Translate } from '../shared/strings';
import { NOTICE_LEVEL, noticeMessage, type NoticeLevel } from './noticeMessage';
import { canOpenStatusPage, onStatusPageOpenersChanged, openStatusPage } from '../control/statusPageOpener';
import { findHostNotifications, useHostNotification, type XrmAppNotifications } from './useHostNotification';
import { useMinimumDisplay } from './useMinimumDisplay';

/** How long an in-progress notice ("Updating data…") stays up at least: long enough to read. */
export const MINIMUM_NOTICE_MS = 2000;

/** Whether a control on this page (the globe) can open the Offline Status page, following it as controls come and go. */
function useCanOpenStatusPage(): boolean {
  const [can, setCan] = React.useState(canOpenStatusPage);
  React.useEffect(() => {
    setCan(canOpenStatusPage());
    return onStatusPageOpenersChanged(() => {
      setCan(canOpenStatusPage());
    });
  }, []);
  return can;
}

export interface SyncNotificationsProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  t: Translate;
  locale: string;
  /** Reloads what the user is looking at after a large incremental sync, when the host can. */
  onRefresh?: () => void;
  /**
   * Where notifications go. Defaults to `Xrm.App` when the host has it; `null` forces the component's own
   * message bars (tests, custom pages).
   */
  hostNotifications?: XrmAppNotifications | null;
}

const BAR_TYPE: Readonly<Record<NoticeLevel, MessageBarType>> = {
  [NOTICE_LEVEL.success]: MessageBarType.success,
  [NOTICE_LEVEL.error]: MessageBarType.error,
  [NOTICE_LEVEL.warning]: MessageBarType.warning,
  [NOTICE_LEVEL.information]: MessageBarType.info,
};

const BAR_ICON: Readonly<Record<NoticeLevel, readonly string[]>> = {
  [NOTICE_LEVEL.success]: CHECK_PATHS,
  [NOTICE_LEVEL.error]: ERROR_PATHS,
  [NOTICE_LEVEL.warning]: WARNING_PATHS,
  [NOTICE_LEVEL.information]: INFO_PATHS,
};

/**
 * Fluent's dismiss button draws its cross from the CDN icon font, and without an icon name it draws nothing at all
 * (an empty square). An empty name plus `styles` makes it render our inline SVG instead; the empty name never looks
 * the font up.
 */
const DISMISS_ICON: IIconProps = {
  iconName: '',
  styles: { root: { width: 'auto', lineHeight: 0 } },
  children: <SvgIcon paths={[CLOSE_PATH]} size={16} />,
};

const classes = mergeStyleSets({
  // The bars fill a narrow column without overflowing it; the action button's label wraps. Hosts (the harness)
  // may centre their control pane; a message reads from the start of the line.
  region: { maxWidth: '100%', minWidth: 0, textAlign: 'start', selectors: wrappingButtons },
});

const BAR_STYLES: Partial<IMessageBarStyles> = {
  innerText: { overflowWrap: 'anywhere' },
  // Fluent pads the 32 px button for a 12 px font glyph; the 16 px cross is centred without that padding.
  dismissal: { flexShrink: 0, padding: 0, [TOUCH_MEDIA]: { width: TOUCH_TARGET_PX, height: TOUCH_TARGET_PX } },
};

/**
 * The in-app sync notifications of the mobile app (initial sync, "Updating data…", large incremental sync and the
 * Refresh that follows it, errors), all in one look. The live region is always rendered, even when empty, because
 * screen readers only announce changes inside a region that already existed.
 */
export function SyncNotifications({ engine, status, t, locale, onRefresh, hostNotifications }: SyncNotificationsProps): React.ReactElement {
  const [detected] = React.useState(() => findHostNotifications());
  const app = hostNotifications === undefined ? detected : (hostNotifications ?? undefined);
  const canOpenStatus = useCanOpenStatusPage();
  // In-progress notices stay readable: at least 2 s on screen, however fast the refresh.
  const message = useMinimumDisplay(noticeMessage(status.notice, t, locale, canOpenStatus), status.notice?.kind, MINIMUM_NOTICE_MS);

  const dismiss = React.useCallback(() => {
    engine.dismissNotice();
  }, [engine]);
  const refresh = React.useCallback(() => {
    engine.dismissNotice();
    onRefresh?.();
  }, [engine, onRefresh]);

  const openStatus = React.useCallback(() => {
    openStatusPage();
  }, []);
  const actionLabel = t(message?.action === 'openStatus' ? STRING_KEYS.noticeOpenStatus : STRING_KEYS.noticeRefresh);
  const onAction = message?.action === 'openStatus' ? openStatus : refresh;

  useHostNotification({ app, message, actionLabel, onAction });

  const showBar = app === undefined && message !== null;
  return (
    <OfflineTheme>
      <div role="status" aria-live="polite" className={classes.region} aria-label={t(STRING_KEYS.noticeRegion)} data-host-notifications={app !== undefined}>
        {showBar && (
          <MessageBar
            messageBarType={BAR_TYPE[message.level]}
            // The wrapper is the live region; a second nested one would make screen readers announce twice.
            role="none"
            delayedRender={false}
            messageBarIconProps={{ children: <SvgIcon paths={BAR_ICON[message.level]} size={16} /> }}
            onDismiss={message.dismissible ? dismiss : undefined}
            dismissButtonAriaLabel={t(STRING_KEYS.noticeDismiss)}
            dismissIconProps={DISMISS_ICON}
            styles={BAR_STYLES}
            actions={
              message.action !== undefined ? (
                <div>
                  <MessageBarButton onClick={onAction}>{actionLabel}</MessageBarButton>
                </div>
              ) : undefined
            }
          >
            {message.text}
          </MessageBar>
        )}
      </div>
    </OfflineTheme>
  );
}
