import * as React from 'react';
import type { NoticeMessage } from './noticeMessage';

/**
 * Keeps an in-progress notice ("Updating data…") on screen for at least `minimumMs` from when it first appeared, so
 * a refresh that finishes in milliseconds is still readable. A newer notice replaces it at once; notices the user
 * dismisses (errors, "refresh available") are never held.
 */
export function useMinimumDisplay(message: NoticeMessage | null, kind: string | undefined, minimumMs: number): NoticeMessage | null {
  const held = React.useRef<{ message: NoticeMessage; kind: string | undefined; since: number } | null>(null);
  const [tick, rerender] = React.useReducer((n: number) => n + 1, 0);
  const now = Date.now();
  // The clock starts when a notice of this kind appears; its text may change meanwhile (rows downloaded so far).
  const previous = held.current;
  if (message) held.current = { message, kind, since: previous !== null && previous.kind === kind ? previous.since : now };
  const last = held.current;
  const remaining = !message && last && !last.message.dismissible ? last.since + minimumMs - now : 0;
  if (!message && remaining <= 0) held.current = null;
  const holding = remaining > 0;
  React.useEffect(() => {
    if (!holding) return undefined;
    const timer = setTimeout(rerender, remaining);
    return () => {
      clearTimeout(timer);
    };
    // A timer that fired a little early leaves the hold up: the new tick sets the next one.
  }, [holding, last?.since, tick]);
  return holding && last ? last.message : message;
}
