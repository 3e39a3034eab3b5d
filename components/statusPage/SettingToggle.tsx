import * as React from 'react';
import { Toggle } from '@fluentui/react';
import { pageStyles } from './styles';
import type { Text } from './text';

export interface SettingToggleProps {
  label: string;
  /** What the setting does, shown under the switch. */
  help?: string;
  checked: boolean;
  onChange: (label: string, checked: boolean) => void;
  text: Text;
}

/** An on/off user setting. On/Off is written out beside the switch, so its state never rests on colour alone. */
export function SettingToggle({ label, help, checked, onChange, text }: SettingToggleProps): React.ReactElement {
  return (
    <div>
      <Toggle
        label={label}
        onText={text('statusPage.settings.on')}
        offText={text('statusPage.settings.off')}
        checked={checked}
        onChange={(_, value) => onChange(label, value === true)}
      />
      {help !== undefined && <p className={pageStyles.help}>{help}</p>}
    </div>
  );
}
