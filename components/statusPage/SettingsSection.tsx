import * as React from 'react';
import { DefaultButton, Dropdown, type IDropdownOption } from '@fluentui/react';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/contracts';
import { formatInterval } from './format';
import { renderCaretDown } from './Glyphs';
import { Section } from './Section';
import { SettingToggle } from './SettingToggle';
import { StatusMessageBar } from './StatusMessageBar';
import { errorMessage, type Text } from './text';
import { useSettingsDraft } from './useSettingsDraft';

export interface SettingsSectionProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  text: Text;
  locale: string;
}

/** The choices offered: the documented range of sync intervals, 5 minutes to a day. */
const FREQUENCIES = [5, 10, 15, 30, 60, 120, 240, 480, 720, 1440] as const;
const PROFILE_DEFAULT = 'profile';

type ToggleSetting = 'wifiOnly' | 'onlineMode' | 'onDemand';

function capitalised(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function frequencyOptions(current: number | null, text: Text, locale: string): IDropdownOption[] {
  const minutes: number[] = [...FREQUENCIES];
  // Keep a value set elsewhere selectable, rather than showing an empty dropdown.
  if (current !== null && !minutes.includes(current)) minutes.push(current);
  return [
    { key: PROFILE_DEFAULT, text: text('statusPage.settings.frequencyDefault') },
    ...minutes.sort((a, b) => a - b).map((m) => ({ key: String(m), text: capitalised(formatInterval(m, locale, text)) })),
  ];
}

/** The user settings the maker allows; on-demand sync is always the user's choice. */
export function SettingsSection({ engine, status, text, locale }: SettingsSectionProps): React.ReactElement {
  const { settings, failure, update, clearFailure } = useSettingsDraft(engine, status.userSettings);
  const maker = status.makerSettings;
  const frequencyLabel = text('statusPage.settings.frequency');

  const onFrequency = (_: unknown, option?: IDropdownOption): void => {
    if (!option) return;
    const frequencyMinutes = option.key === PROFILE_DEFAULT ? null : Number(option.key);
    update(frequencyLabel, { frequencyMinutes });
  };
  const toggle = (key: ToggleSetting) => (label: string, checked: boolean) => {
    update(label, { [key]: checked });
  };

  return (
    <Section heading={text('statusPage.settings.heading')} foldedOnPhones>
      {failure && (
        <StatusMessageBar kind="error" actions={<DefaultButton text={text('statusPage.dismiss')} onClick={clearFailure} />}>
          {text('statusPage.settings.failed', { message: errorMessage(failure.error, text) })}
        </StatusMessageBar>
      )}
      {maker.allowUserFrequency && (
        <Dropdown
          label={frequencyLabel}
          options={frequencyOptions(settings.frequencyMinutes, text, locale)}
          selectedKey={settings.frequencyMinutes === null ? PROFILE_DEFAULT : String(settings.frequencyMinutes)}
          onChange={onFrequency}
          onRenderCaretDown={renderCaretDown}
          styles={{ root: { maxWidth: 320 } }}
        />
      )}
      {maker.allowWifiOnly && (
        <SettingToggle label={text('statusPage.settings.wifiOnly')} checked={settings.wifiOnly} onChange={toggle('wifiOnly')} text={text} />
      )}
      {maker.allowOnlineMode && (
        <SettingToggle
          label={text('statusPage.settings.onlineMode')}
          help={text('statusPage.settings.onlineModeHelp')}
          checked={settings.onlineMode}
          onChange={toggle('onlineMode')}
          text={text}
        />
      )}
      <SettingToggle
        label={text('statusPage.settings.onDemand')}
        help={text('statusPage.settings.onDemandHelp')}
        checked={settings.onDemand}
        onChange={toggle('onDemand')}
        text={text}
      />
    </Section>
  );
}
