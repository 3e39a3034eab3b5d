import * as React from 'react';
import { createTheme, ThemeProvider } from '@fluentui/react';

/**
 * The platform's Segoe UI where the device has it, else the system's UI font. Fluent's default stack names its
 * web font ("Segoe UI Web"), which the browser then downloads from a CDN wherever Segoe UI is not installed —
 * and offline means offline: nothing the controls show may wait on the network.
 */
export const SYSTEM_FONTS = "'Segoe UI', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', Arial, sans-serif";

const theme = createTheme({ defaultFontStyle: { fontFamily: SYSTEM_FONTS } });

/** Wraps a control's view so every Fluent component in it (panels and dialogs too) uses the system fonts. */
export function OfflineTheme({ children, inline = false }: { children: React.ReactNode; inline?: boolean }): React.ReactElement {
  return (
    <ThemeProvider theme={theme} as={inline ? 'span' : 'div'}>
      {children}
    </ThemeProvider>
  );
}
