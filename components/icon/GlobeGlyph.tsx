import * as React from 'react';
import type { IconState } from '../../SyncEngine/index';
import { CORNER_DISC, ERROR_CROSS_PATH, GLOBE_PATHS, SLASH_PATH, SYNC_ARROWS_PATHS, UPLOAD_ARROW_PATHS, WARNING_MARK_PATHS, WARNING_TRIANGLE_PATH } from '../shared/svgIcons';
import { STATE_COLOURS, iconClassNames } from './iconStyles';

export interface GlobeGlyphProps {
  state: IconState;
  /** Spins the sync arrows. Kept separate from `state` so the animation follows the engine's `isSyncing` only. */
  spinning: boolean;
  px: number;
}

/**
 * The globe with one corner mark per state. States differ by shape as well as colour (slash, arrows, arrow up,
 * cross, triangle), so they stay distinguishable for colour-blind users and in high-contrast mode.
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
      <g stroke={dimmed ? STATE_COLOURS.offline : 'currentColor'}>
        {GLOBE_PATHS.map((d) => (
          <path key={d} d={d} />
        ))}
      </g>
      <StateMark state={state} spinning={spinning} />
    </svg>
  );
}

function Disc({ fill, stroke }: { fill: string; stroke?: string }): React.ReactElement {
  return <circle {...CORNER_DISC} fill={fill} stroke={stroke ?? 'none'} strokeWidth={1.2} />;
}

function StateMark({ state, spinning }: { state: IconState; spinning: boolean }): React.ReactElement | null {
  switch (state) {
    case 'connected':
      return null;
    case 'notConnected':
      // The white under-stroke cuts the globe lines so the slash reads at 16 px.
      return (
        <g>
          <path d={SLASH_PATH} stroke={STATE_COLOURS.disc} strokeWidth={3.4} />
          <path d={SLASH_PATH} stroke={STATE_COLOURS.offline} strokeWidth={1.8} />
        </g>
      );
    case 'syncing':
      return (
        <g>
          <Disc fill={STATE_COLOURS.disc} />
          <g className={spinning ? iconClassNames.spinning : undefined} stroke={STATE_COLOURS.sync} strokeWidth={1.6} data-spinning={spinning}>
            {SYNC_ARROWS_PATHS.map((d) => (
              <path key={d} d={d} />
            ))}
          </g>
        </g>
      );
    case 'pendingUpload':
      return (
        <g>
          <Disc fill={STATE_COLOURS.disc} stroke={STATE_COLOURS.pending} />
          <g stroke={STATE_COLOURS.pending} strokeWidth={1.8}>
            {UPLOAD_ARROW_PATHS.map((d) => (
              <path key={d} d={d} />
            ))}
          </g>
        </g>
      );
    case 'error':
      return (
        <g>
          <Disc fill={STATE_COLOURS.error} />
          <path d={ERROR_CROSS_PATH} stroke={STATE_COLOURS.disc} strokeWidth={1.8} />
        </g>
      );
    case 'warning':
      return (
        <g>
          <path d={WARNING_TRIANGLE_PATH} fill={STATE_COLOURS.warningFill} stroke={STATE_COLOURS.warning} strokeWidth={1.2} />
          <g stroke="#000000" strokeWidth={1.6}>
            {WARNING_MARK_PATHS.map((d) => (
              <path key={d} d={d} />
            ))}
          </g>
        </g>
      );
  }
}
