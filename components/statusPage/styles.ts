import { mergeStyleSets } from '@fluentui/react';
import { FORCED_COLORS_MEDIA, TOUCH_MEDIA, TOUCH_TARGET_PX, touchTarget, wrappingButtons } from '../shared/media';

/**
 * 12 px above and below the 20 px pill: with the pill 44 px wide on phones, a 44 × 44 target. (Insets count from
 * inside the pill's 1 px border.)
 */
const toggleHitArea = { content: '""', position: 'absolute', inset: '-13px -1px' } as const;

/** Shared look of the page's sections; one place so sections stay visually consistent. */
export const pageStyles = mergeStyleSets({
  // textAlign: hosts (the pcf-start harness among them) centre their control pane; the page reads left to right.
  // minWidth 0 and overflowWrap: in a 200 px form column long table and record names wrap instead of overflowing.
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: 16,
    padding: 12,
    maxWidth: 960,
    minWidth: 0,
    boxSizing: 'border-box',
    textAlign: 'start',
    overflowWrap: 'anywhere',
    selectors: {
      ...wrappingButtons,
      // Fluent's switch is a 40 × 20 pill; on phones it is 44 wide and an invisible band above and below takes the finger.
      '& .ms-Toggle-background': { [TOUCH_MEDIA]: { width: TOUCH_TARGET_PX } },
      '& .ms-Toggle-background::before': { [TOUCH_MEDIA]: toggleHitArea },
      '& .ms-Dropdown-title, & .ms-Dropdown-caretDownWrapper': {
        [TOUCH_MEDIA]: { height: TOUCH_TARGET_PX, lineHeight: `${String(TOUCH_TARGET_PX - 2)}px` },
      },
    },
  },
  // The dialogs render in a layer outside the page: they need the page's wrapping, touch-sized buttons of their own,
  // and footer buttons that wrap onto a second line on a phone instead of pushing past the dialog's edge.
  dialog: {
    selectors: {
      ...wrappingButtons,
      '& .ms-Dialog-actionsRight': { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', gap: 8, marginInline: 0 },
      '& .ms-Dialog-action': { margin: 0, maxWidth: '100%' },
    },
  },
  section: { display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 },
  sectionContent: { display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0, selectors: { '&[hidden]': { display: 'none' } } },
  heading: { fontSize: 18, fontWeight: 600, margin: 0 },
  headingButton: {
    display: 'flex',
    alignItems: 'center',
    gap: 6,
    width: '100%',
    minHeight: 32,
    padding: '2px 0',
    border: '1px solid transparent',
    background: 'transparent',
    color: 'inherit',
    font: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    ...touchTarget,
    selectors: { ':focus-visible': { outline: '2px solid #0f6cbd', outlineOffset: 1 } },
    [FORCED_COLORS_MEDIA]: { selectors: { ':focus-visible': { outlineColor: 'Highlight' } } },
  },
  // Points down when open, right when folded: the state is in the shape, not only in aria-expanded.
  chevron: { flexShrink: 0, transition: 'transform 0.15s', selectors: { '&[data-expanded="false"]': { transform: 'rotate(-90deg)' } } },
  title: { fontSize: 24, fontWeight: 600, margin: 0 },
  itemHeading: { fontSize: 15, fontWeight: 600, margin: 0 },
  line: { margin: 0 },
  help: { margin: 0, color: '#605e5c' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: 8, minWidth: 0 },
  item: { padding: '8px 0', borderBottom: '1px solid #edebe9', display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2, margin: 0 },
});
