import * as React from 'react';
import { List, mergeStyleSets } from '@fluentui/react';

/** Lists longer than this get their own scroll box, so 5,000 sync errors do not push the rest of the page away. */
const OWN_SCROLL_AFTER = 8;

const classes = mergeStyleSets({
  scroller: {
    maxHeight: 480,
    overflowY: 'auto',
    selectors: { ':focus-visible': { outline: '2px solid currentColor', outlineOffset: 2 } },
  },
});

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Names the scroll box for screen readers (it is a tab stop, as keyboard users must be able to scroll it). */
  ariaLabel: string;
  renderItem: (item: T, index: number) => React.ReactNode;
  getKey: (item: T) => string;
  /**
   * Fluent's List only re-renders cells when `items` changes; anything else the cells show (busy state, locale)
   * must change `version` too, or visible rows would stay stale.
   */
  version: unknown;
}

/**
 * A list that renders only the rows near the viewport (Fluent `List` measures pages and virtualises), so a long
 * error list costs the same as a short one.
 */
export function VirtualList<T>({ items, ariaLabel, renderItem, getKey, version }: VirtualListProps<T>): React.ReactElement {
  const onRenderCell = React.useCallback(
    (item?: T, index?: number): React.ReactNode => (item === undefined ? null : renderItem(item, index ?? 0)),
    [renderItem],
  );
  const getItemKey = React.useCallback((item: T): string => getKey(item), [getKey]);
  // Fluent types items as a mutable array; it never writes to it.
  const list = <List<T> items={items as T[]} onRenderCell={onRenderCell} getKey={getItemKey} version={version} />;
  if (items.length <= OWN_SCROLL_AFTER) return <div aria-label={ariaLabel} role="group">{list}</div>;
  return (
    <div className={classes.scroller} data-is-scrollable="true" tabIndex={0} role="group" aria-label={ariaLabel}>
      {list}
    </div>
  );
}
