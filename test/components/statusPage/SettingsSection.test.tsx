import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { DEFAULT_MAKER_SETTINGS, DEFAULT_USER_SETTINGS, type MakerSettings } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status } from './statusPageFixtures';

const everything: MakerSettings = { ...DEFAULT_MAKER_SETTINGS, allowUserFrequency: true, allowWifiOnly: true, allowOnlineMode: true };

function renderSettings(makerSettings: MakerSettings, engine = fakeEngine()): typeof engine {
  const current = status({ makerSettings, userSettings: { ...DEFAULT_USER_SETTINGS, frequencyMinutes: 15 } });
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" />);
  return engine;
}

const settings = (): ReturnType<typeof within> => within(screen.getByRole('region', { name: 'Sync settings' }));
const switchNamed = (name: string): HTMLElement => screen.getByRole('switch', { name: new RegExp(`^${name}`) });

describe('Offline Status page: user settings', () => {
  it('offers only on-demand sync when the maker allows nothing else', () => {
    renderSettings(DEFAULT_MAKER_SETTINGS);
    expect(settings().getAllByRole('switch')).toHaveLength(1);
    expect(switchNamed('Sync on demand only')).toBeTruthy();
    expect(settings().queryByRole('combobox')).toBeNull();
  });

  it('offers frequency, Wi-Fi only and online mode when the maker allows them', () => {
    renderSettings(everything);
    expect(settings().getByRole('combobox', { name: /^Sync frequency/ }).textContent).toContain('Every 15 minutes');
    expect(switchNamed('Sync on Wi-Fi only')).toBeTruthy();
    expect(switchNamed('Online mode')).toBeTruthy();
    expect(settings().getByText(/data is read from the server/)).toBeTruthy();
  });

  it('turns Wi-Fi only on through the engine, saying "On" in words', async () => {
    const engine = renderSettings(everything);
    fireEvent.click(switchNamed('Sync on Wi-Fi only'));
    expect(engine.updateUserSettings).toHaveBeenCalledWith({ wifiOnly: true });
    await waitFor(() => expect(switchNamed('Sync on Wi-Fi only').getAttribute('aria-checked')).toBe('true'));
    expect(switchNamed('Sync on Wi-Fi only').getAttribute('aria-labelledby')).toContain('stateText');
  });

  it('switches online mode and on-demand sync', async () => {
    const engine = renderSettings(everything);
    fireEvent.click(switchNamed('Online mode'));
    fireEvent.click(switchNamed('Sync on demand only'));
    expect(engine.updateUserSettings).toHaveBeenCalledWith({ onlineMode: true });
    expect(engine.updateUserSettings).toHaveBeenCalledWith({ onDemand: true });
    await waitFor(() => expect(switchNamed('Sync on demand only').getAttribute('aria-checked')).toBe('true'));
  });

  it('sets the sync frequency from 5 minutes to a day, or back to the profile default', async () => {
    const engine = renderSettings(everything);
    fireEvent.click(screen.getByRole('combobox', { name: /^Sync frequency/ }));
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options[0]).toBe('As set by your organization');
    expect(options).toContain('Every 5 minutes');
    expect(options).toContain('Every hour');
    expect(options[options.length - 1]).toBe('Every day');
    fireEvent.click(screen.getByRole('option', { name: 'Every day' }));
    expect(engine.updateUserSettings).toHaveBeenCalledWith({ frequencyMinutes: 1440 });
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Sync frequency/ }).textContent).toContain('Every day'));
    fireEvent.click(screen.getByRole('combobox', { name: /^Sync frequency/ }));
    fireEvent.click(screen.getByRole('option', { name: 'As set by your organization' }));
    expect(engine.updateUserSettings).toHaveBeenLastCalledWith({ frequencyMinutes: null });
    await waitFor(() => expect(engine.updateUserSettings).toHaveBeenCalledTimes(2));
  });

  it('shows the engine message and restores the switch when a setting is refused', async () => {
    const engine = fakeEngine();
    engine.updateUserSettings.mockRejectedValue(new Error('Wi-Fi only is not allowed.'));
    renderSettings(everything, engine);
    fireEvent.click(switchNamed('Sync on Wi-Fi only'));
    expect(await settings().findByText('Your setting was not saved: Wi-Fi only is not allowed.')).toBeTruthy();
    expect(switchNamed('Sync on Wi-Fi only').getAttribute('aria-checked')).toBe('false');
  });
});
