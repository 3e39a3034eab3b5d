import { hiddenContentStyle, keyframes, mergeStyleSets } from '@fluentui/react';
import type { IconSize } from '../control/properties';

/** Pixel size of the globe per manifest `size`; the touch target never drops below 32 px (WCAG 2.5.8 needs 24). */
export const GLYPH_PX: Readonly<Record<IconSize, number>> = { small: 16, medium: 24, large: 32 };

const spin = keyframes({ from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } });

/** Colours per state with at least 3:1 contrast on white, the non-text contrast WCAG asks of icons. */
export const STATE_COLOURS = {
  base: '#323130',
  offline: '#605e5c',
  sync: '#0f6cbd',
  pending: '#0f6cbd',
  error: '#c50f1f',
  warning: '#8a6d00',
  warningFill: '#fde300',
  disc: '#ffffff',
} as const;

export const iconClassNames = mergeStyleSets({
  button: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 6,
    minWidth: 32,
    minHeight: 32,
    padding: '4px 6px',
    border: '1px solid transparent',
    borderRadius: 4,
    background: 'transparent',
    color: STATE_COLOURS.base,
    cursor: 'pointer',
    font: 'inherit',
    selectors: {
      ':hover': { background: '#f3f2f1' },
      ':focus-visible': { outline: '2px solid #0f6cbd', outlineOffset: 1 },
    },
  },
  glyph: { position: 'relative', display: 'inline-flex', lineHeight: 0 },
  // The rotation pivots on the sync badge's own centre (17.5, 17.5 of the 24 grid), not on the globe's.
  spinning: {
    transformBox: 'view-box',
    transformOrigin: '17.5px 17.5px',
    animation: `${spin} 1.2s linear infinite`,
    '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
  },
  badge: {
    position: 'absolute',
    top: -6,
    right: -8,
    minWidth: 16,
    height: 16,
    padding: '0 4px',
    boxSizing: 'border-box',
    borderRadius: 8,
    background: STATE_COLOURS.pending,
    color: '#ffffff',
    fontSize: 10,
    fontWeight: 600,
    lineHeight: '16px',
    textAlign: 'center',
  },
  label: { fontSize: 14, lineHeight: '20px', whiteSpace: 'nowrap' },
  /** Read by screen readers only: the warning the tooltip shows, as the button's description. */
  description: hiddenContentStyle,
});
