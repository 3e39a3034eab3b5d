import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { OfflineStatusPageView } from '../../components/statusPage/OfflineStatusPageView';
import { fakeEngine, noStrings, status, syncError, table } from '../components/statusPage/statusPageFixtures';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe('record names and server messages containing markup', () => {
  it('render as text, never as HTML', () => {
    const current = status({
      tables: [table({ table: 'account', displayName: 'Accounts' })],
      errors: [syncError({ id: 'e1', table: 'account', recordName: HOSTILE, message: HOSTILE })],
    });
    const engine = fakeEngine(current);
    engine.listPending.mockReturnValue([
      { seq: 1, table: 'account', rowId: 'r1', op: 'update', recordName: HOSTILE, createdAt: Date.now(), attempts: 0, state: 'pending' },
    ]);
    const { container } = render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getAllByText(HOSTILE, { exact: false }).length).toBeGreaterThan(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
