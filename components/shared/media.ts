import type { IRawStyle } from '@fluentui/react';

/**
 * Media queries the controls' styles share. Phones are recognised by a coarse pointer (a finger) or a narrow
 * viewport, because a phone in desktop mode still has a finger and a narrow desktop window may be a touch tablet.
 */
export const PHONE_VIEWPORT_QUERY = '(max-width: 599px)';
export const TOUCH_MEDIA = `@media (pointer: coarse), ${PHONE_VIEWPORT_QUERY}`;
/** Windows high contrast and other forced palettes: authored colours are replaced by the user's system colours. */
export const FORCED_COLORS_MEDIA = '@media (forced-colors: active)';
/** A dark host (the OS or browser set to dark): the icon's ink must stay visible on a dark background. */
export const DARK_MEDIA = '@media (prefers-color-scheme: dark)';

/** WCAG 2.5.5 (target size, enhanced): 44 × 44 CSS px for anything a finger presses. */
export const TOUCH_TARGET_PX = 44;

/** A pressable element at least 44 × 44 px on phones; desktop keeps its compact size. */
export const touchTarget: IRawStyle = {
  [TOUCH_MEDIA]: { minWidth: TOUCH_TARGET_PX, minHeight: TOUCH_TARGET_PX },
};

/**
 * Fluent buttons inside a container: their labels wrap instead of spilling out of a fixed 32 px box (a long
 * label in a 200 px form column, "Offline-Daten zurücksetzen"), and they grow to touch size on phones.
 */
export const wrappingButtons: IRawStyle['selectors'] = {
  '& .ms-Button': {
    height: 'auto',
    minHeight: 32,
    maxWidth: '100%',
    paddingTop: 4,
    paddingBottom: 4,
    // merge-styles scopes a media query only when it sits inside the selector's own style.
    [TOUCH_MEDIA]: { minHeight: TOUCH_TARGET_PX, minWidth: TOUCH_TARGET_PX },
  },
  '& .ms-Button-flexContainer, & .ms-Button-textContainer': { minWidth: 0 },
  '& .ms-Button-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: '20px' },
};
