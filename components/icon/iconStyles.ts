import { hiddenContentStyle, keyframes, mergeStyleSets } from '@fluentui/react';
import type { IconSize } from '../control/properties';
import { FORCED_COLORS_MEDIA, touchTarget } from '../shared/media';

/** Pixel size of the globe per manifest `size`; the touch target never drops below 32 px, 44 px on phones. */
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

/**
 * Forced colours (Windows high contrast) replace the palette with two system colours, ink and paper. Every mark
 * is then drawn in one of them, so each state keeps its own shape: error a solid disc with a cut-out cross,
 * pending a ring with an arrow, syncing bare arrows, warning an outlined triangle, offline a slash.
 */
const INK = 'ButtonText';
const PAPER = 'ButtonFace';

export const iconClassNames = mergeStyleSets({
  button: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 6,
    minWidth: 32,
    minHeight: 32,
    maxWidth: '100%',
    padding: '4px 6px',
    border: '1px solid transparent',
    borderRadius: 4,
    background: 'transparent',
    // The globe is drawn in the host's text colour, so it reads on a light and on a dark host theme alike.
    color: 'inherit',
    cursor: 'pointer',
    font: 'inherit',
    textAlign: 'start',
    ...touchTarget,
    selectors: {
      ':hover': { background: 'rgba(128, 128, 128, 0.16)' },
      ':focus-visible': { outline: '2px solid #0f6cbd', outlineOffset: 1 },
    },
    [FORCED_COLORS_MEDIA]: { color: INK, background: PAPER, selectors: { ':focus-visible': { outlineColor: 'Highlight' } } },
  },
  glyph: { position: 'relative', display: 'inline-flex', lineHeight: 0, flexShrink: 0 },
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
    // Transparent until forced colours paint borders: then the badge keeps its outline on the system background.
    border: '1px solid transparent',
    background: STATE_COLOURS.pending,
    color: '#ffffff',
    fontSize: 10,
    fontWeight: 600,
    lineHeight: '14px',
    textAlign: 'center',
    [FORCED_COLORS_MEDIA]: { borderColor: INK, background: PAPER, color: INK },
  },
  // Long labels (German, French) wrap under a narrow column rather than overflow it.
  label: { fontSize: 14, lineHeight: '20px', overflowWrap: 'anywhere', minWidth: 0 },
  /** Read by screen readers only: the warning the tooltip shows, as the button's description. */
  description: hiddenContentStyle,
  /** The polite live region that announces a change of state. */
  announcer: hiddenContentStyle,
});

/** Per-part overrides of the SVG presentation attributes under forced colours (CSS beats attributes). */
export const markClassNames = mergeStyleSets({
  ink: { [FORCED_COLORS_MEDIA]: { stroke: INK, strokeOpacity: 1 } },
  paperStroke: { [FORCED_COLORS_MEDIA]: { stroke: PAPER } },
  paperDisc: { [FORCED_COLORS_MEDIA]: { fill: PAPER, stroke: 'none' } },
  ring: { [FORCED_COLORS_MEDIA]: { fill: PAPER, stroke: INK } },
  solidDisc: { [FORCED_COLORS_MEDIA]: { fill: INK, stroke: 'none' } },
  outlinedTriangle: { [FORCED_COLORS_MEDIA]: { fill: PAPER, stroke: INK } },
});
