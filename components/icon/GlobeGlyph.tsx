import * as React from 'react';
import type { IconState } from '../../SyncEngine/index';
import { CORNER_DISC, ERROR_CROSS_PATH, GLOBE_PATHS, SLASH_PATH, SYNC_ARROWS_PATHS, UPLOAD_ARROW_PATHS, WARNING_MARK_PATHS, WARNING_TRIANGLE_PATH } from '../shared/svgIcons';
import { STATE_COLOURS, iconClassNames, markClassNames } from './iconStyles';

export interface GlobeGlyphProps {
  state: IconState;
  /** Spins the sync arrows. Kept separate from `state` so the animation follows the engine's `isSyncing` only. */
  spinning: boolean;
  px: number;
}

/** How much of the host's ink the globe keeps when not connected: dimmed, yet 3:1 on white and on dark hosts. */
const DIMMED_OPACITY = 0.72;

/**
 * The globe with one corner mark per state. States differ by shape as well as colour (slash, arrows, arrow up,
 * cross, triangle), so they stay distinguishable for colour-blind users, on a dark host and in forced colours.
 * The globe takes the host's text colour; the marks sit on their own discs, so they need no particular background.
 */
export function GlobeGlyph({ state, spinning, px }: GlobeGlyphProps): React.ReactElement {
  const dimmed = state === 'notConnected';
  return (
    <svg
      width={px}
      height={px}
      viewBox="0 0 24 24"
      fill="none"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-icon-state={state}
    >
      <g stroke="currentColor" strokeOpacity={dimmed ? DIMMED_OPACITY : undefined} className={markClassNames.ink}>
        {GLOBE_PATHS.map((d) => (
          <path key={d} d={d} />
        ))}
      </g>
      <StateMark state={state} spinning={spinning} />
    </svg>
  );
}

function Disc({ fill, stroke, className }: { fill: string; stroke?: string; className: string }): React.ReactElement {
  return <circle {...CORNER_DISC} fill={fill} stroke={stroke ?? 'none'} strokeWidth={1.2} className={className} />;
}

function Strokes({ paths, stroke, width }: { paths: readonly string[]; stroke: string; width: number }): React.ReactElement {
  return (
    <g stroke={stroke} strokeWidth={width} className={markClassNames.ink}>
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </g>
  );
}

function StateMark({ state, spinning }: { state: IconState; spinning: boolean }): React.ReactElement | null {
  switch (state) {
    case 'connected':
      return null;
    case 'notConnected':
      // The under-stroke in the page's background colour cuts the globe lines so the slash reads at 16 px.
      return (
        <g>
          <path d={SLASH_PATH} stroke="Canvas" strokeWidth={3.4} className={markClassNames.paperStroke} />
          <path d={SLASH_PATH} stroke="currentColor" strokeWidth={1.8} className={markClassNames.ink} />
        </g>
      );
    case 'syncing':
      return (
        <g>
          <Disc fill={STATE_COLOURS.disc} className={markClassNames.paperDisc} />
          <g className={spinning ? iconClassNames.spinning : undefined} data-spinning={spinning}>
            <Strokes paths={SYNC_ARROWS_PATHS} stroke={STATE_COLOURS.sync} width={1.6} />
          </g>
        </g>
      );
    case 'pendingUpload':
      return (
        <g>
          <Disc fill={STATE_COLOURS.disc} stroke={STATE_COLOURS.pending} className={markClassNames.ring} />
          <Strokes paths={UPLOAD_ARROW_PATHS} stroke={STATE_COLOURS.pending} width={1.8} />
        </g>
      );
    case 'error':
      return (
        <g>
          <Disc fill={STATE_COLOURS.error} className={markClassNames.solidDisc} />
          <path d={ERROR_CROSS_PATH} stroke={STATE_COLOURS.disc} strokeWidth={1.8} className={markClassNames.paperStroke} />
        </g>
      );
    case 'warning':
      return (
        <g>
          <path
            d={WARNING_TRIANGLE_PATH}
            fill={STATE_COLOURS.warningFill}
            stroke={STATE_COLOURS.warning}
            strokeWidth={1.2}
            className={markClassNames.outlinedTriangle}
          />
          <Strokes paths={WARNING_MARK_PATHS} stroke="#000000" width={1.6} />
        </g>
      );
  }
}
