import * as React from 'react';

/**
 * Inline SVG path data shared by the controls, all on a 24 × 24 grid. Fluent v8's icon font loads from a CDN
 * that offline devices cannot reach, so no glyph here may come from the font.
 */

/** The globe: outline, equator, two parallels and the meridian ellipse. Stroked, not filled. */
export const GLOBE_PATHS: readonly string[] = [
  'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z',
  'M3 12h18',
  'M4.6 7.5h14.8',
  'M4.6 16.5h14.8',
  'M12 3c-2.8 2.5-4 5.6-4 9s1.2 6.5 4 9c2.8-2.5 4-5.6 4-9s-1.2-6.5-4-9z',
];

/** "Not connected": a slash across the globe. */
export const SLASH_PATH = 'M4 4l16 16';

/** Two curved arrows chasing each other: the sync badge, drawn in the lower-right corner and rotated while syncing. */
export const SYNC_ARROWS_PATHS: readonly string[] = [
  'M21 17.5a3.5 3.5 0 0 0-7 0',
  'M12.6 16.2l1.4 1.3l1.3-1.4',
  'M14 17.5a3.5 3.5 0 0 0 7 0',
  'M22.4 18.8l-1.4-1.3l-1.3 1.4',
];

/** Upload arrow for pending changes. */
export const UPLOAD_ARROW_PATHS: readonly string[] = ['M17.5 21v-7', 'M14.5 17l3-3l3 3'];

/** A filled corner disc the state marks sit on, so they stay legible over the globe lines. */
export const CORNER_DISC = { cx: 17.5, cy: 17.5, r: 5.5 } as const;

/** Error mark: a cross inside the corner disc. */
export const ERROR_CROSS_PATH = 'M15.5 15.5l4 4M19.5 15.5l-4 4';

/** Warning: a triangle with an exclamation mark, in the lower-right corner. */
export const WARNING_TRIANGLE_PATH = 'M17.5 11.8l5.6 10H11.9z';
export const WARNING_MARK_PATHS: readonly string[] = ['M17.5 15.3v3', 'M17.5 20v.2'];

/** Generic small glyphs for message bars and buttons. */
export const CLOSE_PATH = 'M6 6l12 12M18 6L6 18';
export const INFO_PATHS: readonly string[] = ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 11v6', 'M12 7.5v.5'];
export const CHECK_PATHS: readonly string[] = ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M8 12.5l2.7 2.7L16 10'];
export const ERROR_PATHS: readonly string[] = ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M9 9l6 6M15 9l-6 6'];
export const WARNING_PATHS: readonly string[] = ['M12 3.5l9.5 17h-19z', 'M12 10v5', 'M12 17.5v.5'];

export interface SvgIconProps {
  /** Stroked path data on the 24 × 24 grid (the constants above). */
  paths: readonly string[];
  size?: number;
  className?: string;
}

/**
 * A decorative stroked icon. Always `aria-hidden`: the control around it carries the accessible name, so screen
 * readers never announce an unlabeled graphic.
 */
export function SvgIcon({ paths, size = 16, className }: SvgIconProps): React.ReactElement {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
