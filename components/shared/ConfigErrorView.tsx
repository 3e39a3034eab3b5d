import * as React from 'react';
import { STRING_KEYS, type Translate } from './strings';

export interface ConfigErrorViewProps {
  /** The `ConfigError` message: it names the property at fault, which is what the maker needs to fix it. */
  message: string;
  t: Translate;
}

const boxStyle: React.CSSProperties = {
  border: '1px solid #a4262c',
  background: '#fde7e9',
  color: '#323130',
  padding: '8px 12px',
  fontSize: 14,
  lineHeight: '20px',
};

/**
 * What a control shows instead of itself when the maker's configuration is invalid. An `alert` region so the
 * problem is announced on the form, not silently swallowed into an empty space.
 */
export function ConfigErrorView({ message, t }: ConfigErrorViewProps): React.ReactElement {
  return (
    <div role="alert" style={boxStyle}>
      <strong>{t(STRING_KEYS.configError)}</strong> <span>{message}</span>
    </div>
  );
}
