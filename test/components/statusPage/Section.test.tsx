import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { PHONE_VIEWPORT_QUERY } from '../../../components/shared/media';
import { fakeEngine, noStrings, status } from './statusPageFixtures';

/** jsdom has no matchMedia: a viewport where only `matching` queries match. */
function viewportMatching(matching: string[]): void {
  window.matchMedia = (query: string) =>
    ({
      matches: matching.includes(query),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }) as unknown as MediaQueryList;
}

function renderPage(): void {
  render(<OfflineStatusPageView engine={fakeEngine()} status={status()} t={noStrings} locale="en-US" />);
}

function toggle(heading: string): HTMLElement {
  return within(screen.getByRole('heading', { level: 3, name: heading })).getByRole('button');
}

describe('Offline Status page: collapsible sections', () => {
  const original = window.matchMedia;
  afterEach(() => {
    window.matchMedia = original;
  });

  it('folds a section under its heading and unfolds it again, saying which it is', () => {
    renderPage();
    const button = toggle('Tables');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('heading', { level: 4, name: 'Accounts' })).toBeTruthy();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const content = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(content?.hidden).toBe(true);
    expect(screen.queryByRole('heading', { level: 4, name: 'Accounts' })).toBeNull();
    // The section keeps its heading and its landmark while folded, so it can still be found and opened.
    expect(screen.getByRole('region', { name: 'Tables' })).toBeTruthy();
    fireEvent.click(button);
    expect(screen.getByRole('heading', { level: 4, name: 'Accounts' })).toBeTruthy();
  });

  it('opens everything on a wide screen', () => {
    viewportMatching([]);
    renderPage();
    const expanded = screen.getAllByRole('heading', { level: 3 }).map((h) => within(h).getByRole('button').getAttribute('aria-expanded'));
    expect(new Set(expanded)).toEqual(new Set(['true']));
  });

  it('on a phone starts with connection, errors, pending and actions open and the long tables and settings folded', () => {
    viewportMatching([PHONE_VIEWPORT_QUERY]);
    renderPage();
    const state = Object.fromEntries(
      screen.getAllByRole('heading', { level: 3 }).map((h) => [h.textContent, within(h).getByRole('button').getAttribute('aria-expanded')]),
    );
    expect(state).toEqual({
      Connection: 'true',
      'Sync errors (0)': 'true',
      'Pending uploads': 'true',
      Actions: 'true',
      Tables: 'false',
      Storage: 'true',
      'Sync settings': 'false',
    });
    fireEvent.click(toggle('Tables'));
    expect(screen.getByRole('heading', { level: 4, name: 'Accounts' })).toBeTruthy();
  });
});
