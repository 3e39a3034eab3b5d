import * as React from 'react';
import type { NoticeLevel, NoticeMessage } from './noticeMessage';

/** The slice of `Xrm.App` this uses (model-driven apps only; PCF does not expose it, so it is feature-detected). */
export interface XrmAppNotifications {
  addGlobalNotification(notification: {
    type: 2;
    level: NoticeLevel;
    message: string;
    showCloseButton?: boolean;
    action?: { actionLabel: string; eventHandler: () => void };
  }): PromiseLike<string>;
  clearGlobalNotification(id: string): PromiseLike<unknown>;
}

/** `Xrm.App` when the host has it and it looks callable; otherwise the component draws its own message bars. */
export function findHostNotifications(): XrmAppNotifications | undefined {
  const app = (globalThis as { Xrm?: { App?: Partial<XrmAppNotifications> } }).Xrm?.App;
  if (typeof app?.addGlobalNotification !== 'function' || typeof app.clearGlobalNotification !== 'function') return undefined;
  return app as XrmAppNotifications;
}

export interface HostNotificationOptions {
  app: XrmAppNotifications | undefined;
  message: NoticeMessage | null;
  actionLabel: string;
  onAction: () => void;
}

/**
 * Mirrors the current notice into the app's global notification bar: one host notification at a time, replaced
 * when the message changes and cleared when it goes away or the control unmounts.
 */
export function useHostNotification({ app, message, actionLabel, onAction }: HostNotificationOptions): void {
  // The host keeps the handler it was given; the ref lets it call the latest callback without re-posting.
  const actionRef = React.useRef(onAction);
  actionRef.current = onAction;
  const text = message?.text;
  const level = message?.level;
  const action = message?.action;
  const dismissible = message?.dismissible;

  React.useEffect(() => {
    if (!app || text === undefined || level === undefined) return undefined;
    let cancelled = false;
    let id: string | undefined;
    const clear = (notificationId: string): void => {
      Promise.resolve(app.clearGlobalNotification(notificationId)).catch(() => undefined);
    };
    Promise.resolve(
      app.addGlobalNotification({
        type: 2,
        level,
        message: text,
        showCloseButton: dismissible,
        ...(action !== undefined ? { action: { actionLabel, eventHandler: () => actionRef.current() } } : {}),
      }),
    )
      .then((newId) => {
        // The notice changed while the host was still adding this one: take it straight down again.
        if (cancelled) clear(newId);
        else id = newId;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (id !== undefined) clear(id);
    };
  }, [app, text, level, action, dismissible, actionLabel]);
}
