import type { SyncNotice } from '../../SyncEngine/index';
import { formatBytes, formatDuration, formatNumber, formatTemplate } from '../shared/format';
import { STRING_KEYS, type Translate } from '../shared/strings';

/** Xrm.App global notification levels (REFERENCE.md): the fallback message bars use the same four. */
export const NOTICE_LEVEL = { success: 1, error: 2, warning: 3, information: 4 } as const;
export type NoticeLevel = (typeof NOTICE_LEVEL)[keyof typeof NOTICE_LEVEL];

export interface NoticeMessage {
  level: NoticeLevel;
  text: string;
  /**
   * `refresh`: offer Refresh (the view is stale after a large incremental sync). `openStatus`: offer to open the
   * Offline Status page, where the errors are listed — only when a control on the page can open it.
   */
  action?: 'refresh' | 'openStatus';
  /** In-progress notices go away by themselves; finished ones wait for the user. */
  dismissible: boolean;
}

/**
 * What to tell the user about a notice, in the user's language and number format. Pure, so every notice kind is
 * testable without rendering, and the host-notification and message-bar paths say exactly the same thing.
 */
export function noticeMessage(notice: SyncNotice | null, t: Translate, locale: string, canOpenStatus = false): NoticeMessage | null {
  if (notice === null) return null;
  const rows = (n: number): string => formatNumber(n, locale);
  switch (notice.kind) {
    case 'initialSync': {
      const text =
        notice.bytesOnDisk === null
          ? formatTemplate(t(STRING_KEYS.noticeInitialSyncNoSize), rows(notice.rowsDownloaded))
          : formatTemplate(t(STRING_KEYS.noticeInitialSync), rows(notice.rowsDownloaded), formatBytes(notice.bytesOnDisk, locale));
      return { level: NOTICE_LEVEL.information, text: withTimeLeft(text, notice.remainingMs, t, locale), dismissible: false };
    }
    case 'updating':
      return { level: NOTICE_LEVEL.information, text: t(STRING_KEYS.noticeUpdating), dismissible: false };
    case 'largeIncremental':
      return {
        level: NOTICE_LEVEL.information,
        text: formatTemplate(t(STRING_KEYS.noticeLargeIncremental), rows(notice.rowsDownloaded)),
        dismissible: false,
      };
    case 'refreshAvailable':
      return { level: NOTICE_LEVEL.success, text: t(STRING_KEYS.noticeRefreshAvailable), action: 'refresh', dismissible: true };
    case 'error':
      return errorMessage(notice.code, notice.count, t, locale, canOpenStatus);
  }
}

/** The first sync's notice with its time left, when the engine could estimate it. */
function withTimeLeft(text: string, remainingMs: number | undefined, t: Translate, locale: string): string {
  if (remainingMs === undefined) return text;
  const duration = formatDuration(remainingMs, locale);
  return `${text} ${duration === undefined ? t(STRING_KEYS.noticeTimeLeftUnderMinute) : formatTemplate(t(STRING_KEYS.noticeTimeLeft), duration)}`;
}

function errorMessage(code: string, count: number, t: Translate, locale: string, canOpenStatus: boolean): NoticeMessage {
  // Service protection is not the user's fault and heals itself: a warning, never the raw server text.
  if (code === 'server-busy') return { level: NOTICE_LEVEL.warning, text: t(STRING_KEYS.noticeServerBusy), dismissible: true };
  const key = code === 'conflict' ? STRING_KEYS.noticeErrorConflict : STRING_KEYS.noticeError;
  const message: NoticeMessage = { level: NOTICE_LEVEL.error, text: formatTemplate(t(key), formatNumber(count, locale)), dismissible: true };
  return canOpenStatus ? { ...message, action: 'openStatus' } : message;
}
