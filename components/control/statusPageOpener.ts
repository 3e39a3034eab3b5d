/**
 * Where on this page the Offline Status page can be opened from: the globe registers its panel while it is shown,
 * so a notification that points at the status page can offer to open it — and offers nothing when no control on the
 * page can (a notice must not send users to a page they cannot reach). Kept on `globalThis` under a registered
 * symbol because every control is its own bundle with its own copy of this module.
 */
type Opener = () => void;

interface OpenerRegistry {
  openers: Opener[];
  listeners: Set<() => void>;
}

const KEY = Symbol.for('OfflineSyncSuite.statusPageOpeners');

function registry(): OpenerRegistry {
  const scope = globalThis as unknown as Record<symbol, OpenerRegistry | undefined>;
  scope[KEY] ??= { openers: [], listeners: new Set() };
  return scope[KEY];
}

function changed(): void {
  for (const listener of [...registry().listeners]) listener();
}

/** Offers `open` until the answer is called (the control unmounts). The latest offer wins. */
export function registerStatusPageOpener(open: Opener): () => void {
  registry().openers.push(open);
  changed();
  return () => {
    const { openers } = registry();
    const at = openers.lastIndexOf(open);
    if (at >= 0) openers.splice(at, 1);
    changed();
  };
}

/** Opens the status page where a control on this page offers it; false when none does. */
export function openStatusPage(): boolean {
  const { openers } = registry();
  const open = openers.at(-1);
  open?.();
  return open !== undefined;
}

export function canOpenStatusPage(): boolean {
  return registry().openers.length > 0;
}

/** Calls `listener` whenever an offer comes or goes; answers the unsubscribe. */
export function onStatusPageOpenersChanged(listener: () => void): () => void {
  registry().listeners.add(listener);
  return () => {
    registry().listeners.delete(listener);
  };
}
