import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react';
import { glyphIconProps } from './Glyphs';

export type MessageKind = 'info' | 'warning' | 'error';

const TYPES: Readonly<Record<MessageKind, MessageBarType>> = {
  info: MessageBarType.info,
  warning: MessageBarType.warning,
  error: MessageBarType.error,
};

export interface StatusMessageBarProps {
  kind: MessageKind;
  children: React.ReactNode;
  /** Buttons shown with the message (e.g. "Dismiss"); text buttons, because the font icons are offline-unsafe. */
  actions?: React.ReactElement;
}

/** A Fluent MessageBar whose icon is an inline SVG rather than a CDN font glyph. */
export function StatusMessageBar({ kind, children, actions }: StatusMessageBarProps): React.ReactElement {
  return (
    <MessageBar messageBarType={TYPES[kind]} messageBarIconProps={glyphIconProps(kind)} actions={actions} isMultiline>
      {children}
    </MessageBar>
  );
}
