import * as React from 'react';
import type { IconState } from '../../SyncEngine/index';

/**
 * What the icon's live region says: empty at first (the page is just loading; the button's name says the state),
 * then `sentence` each time the icon's state changes. Re-renders with the same state (a new pending count, a new
 * snapshot every second while syncing) keep the text as it is, so a screen reader speaks once per change of state.
 */
export function useStateAnnouncement(state: IconState, sentence: string): string {
  const [announced, setAnnounced] = React.useState('');
  const shown = React.useRef(state);
  React.useEffect(() => {
    if (shown.current === state) return;
    shown.current = state;
    setAnnounced(sentence);
  }, [state, sentence]);
  return announced;
}
