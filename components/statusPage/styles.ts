import { mergeStyleSets } from '@fluentui/react';

/** Shared look of the page's sections; one place so sections stay visually consistent. */
export const pageStyles = mergeStyleSets({
  // textAlign: hosts (the pcf-start harness among them) centre their control pane; the page reads left to right.
  page: { display: 'flex', flexDirection: 'column', gap: 16, padding: 12, maxWidth: 960, textAlign: 'start' },
  section: { display: 'flex', flexDirection: 'column', gap: 8 },
  heading: { fontSize: 18, fontWeight: 600, margin: 0 },
  title: { fontSize: 24, fontWeight: 600, margin: 0 },
  itemHeading: { fontSize: 15, fontWeight: 600, margin: 0 },
  line: { margin: 0 },
  help: { margin: 0, color: '#605e5c' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: 8 },
  item: { padding: '8px 0', borderBottom: '1px solid #edebe9', display: 'flex', flexDirection: 'column', gap: 4 },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2, margin: 0 },
});
