import type { IconState } from '../../SyncEngine/index';

/** Looks a key up in the control's resx (PCF `context.resources.getString`). */
export type Translate = (key: string) => string;

/**
 * Every resx key the components read, in one place so a typo is a compile error and a test can check each key
 * exists in all three languages of the master table (components/strings/OfflineSync.*.resx).
 */
export const STRING_KEYS = {
  iconAccessibleName: 'Icon_AccessibleName',
  iconPendingCount: 'Icon_PendingCount',
  statusPageTitle: 'StatusPage_Title',
  panelClose: 'Panel_Close',
  configError: 'Config_Error',
  noticeRegion: 'Notice_RegionLabel',
  noticeInitialSync: 'Notice_InitialSync',
  noticeInitialSyncNoSize: 'Notice_InitialSyncNoSize',
  noticeTimeLeft: 'Notice_TimeLeft',
  noticeTimeLeftUnderMinute: 'Notice_TimeLeftUnderMinute',
  noticeUpdating: 'Notice_Updating',
  noticeLargeIncremental: 'Notice_LargeIncremental',
  noticeRefreshAvailable: 'Notice_RefreshAvailable',
  noticeRefresh: 'Notice_Refresh',
  noticeOpenStatus: 'Notice_OpenStatus',
  noticeDismiss: 'Notice_Dismiss',
  noticeError: 'Notice_Error',
  noticeErrorConflict: 'Notice_ErrorConflict',
  noticeServerBusy: 'Notice_ServerBusy',
} as const;

export const ICON_STATES: readonly IconState[] = ['connected', 'notConnected', 'syncing', 'pendingUpload', 'error', 'warning'];

/** Short label of an icon state ("Connected"), shown next to the globe and used in its accessible name. */
export function iconLabelKey(state: IconState): string {
  return `Icon_${state}_Label`;
}

/** The seed's sentence for an icon state ("App is connected to the internet."), shown as the tooltip. */
export function iconTooltipKey(state: IconState): string {
  return `Icon_${state}_Tooltip`;
}

/** Every key above, for the resx completeness test. */
export function allStringKeys(): string[] {
  return [...Object.values(STRING_KEYS), ...ICON_STATES.flatMap((s) => [iconLabelKey(s), iconTooltipKey(s)])];
}
