import * as React from 'react';
import type { IIconProps } from '@fluentui/react';

/**
 * Inline SVG glyphs. Fluent v8 draws its icons from a font loaded off a CDN, which is missing exactly when this
 * page matters (offline) and then shows empty boxes; these need nothing from the network.
 */
export type GlyphKind = 'info' | 'warning' | 'error' | 'chevronDown';

const PATHS: Readonly<Record<GlyphKind, string>> = {
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-.75 6h1.5v5h-1.5V7Zm.75-3a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z',
  warning: 'M8 1 15 14H1L8 1Zm-.75 5v4h1.5V6h-1.5Zm.75 5.25a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8Z',
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1ZM5.3 4.2 8 6.9l2.7-2.7 1.1 1.1L9.1 8l2.7 2.7-1.1 1.1L8 9.1l-2.7 2.7-1.1-1.1L6.9 8 4.2 5.3l1.1-1.1Z',
  chevronDown: 'M2.6 5.2 8 10.6l5.4-5.4 1 1L8 12.6 1.6 6.2l1-1Z',
};

/** Decorative: the meaning is always also in text next to it. */
export function Glyph({ kind }: { kind: GlyphKind }): React.ReactElement {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={PATHS[kind]} />
    </svg>
  );
}

/** For Fluent's `*IconProps`: no icon name (so no font lookup), the SVG as the icon's content. */
export function glyphIconProps(kind: GlyphKind): IIconProps {
  return { children: <Glyph kind={kind} /> };
}

/** Replaces the Dropdown's font chevron. */
export function renderCaretDown(): React.ReactElement {
  return <Glyph kind="chevronDown" />;
}
