import { render, screen } from '@testing-library/react';
import { disposeAllEngines } from '../../SyncEngine/index';
import { SyncStatusIcon } from '../../SyncStatusIcon';
import { makeMockContext } from '../support/mockContext';
import { describeControlLifecycle } from './controlLifecycle';

describeControlLifecycle({
  name: 'SyncStatusIcon',
  create: () => new SyncStatusIcon(),
  expectOfflineView: () => {
    expect(screen.getByRole('button', { name: /^Offline status: Not connected/ })).toBeTruthy();
  },
});

describe('SyncStatusIcon control', () => {
  afterEach(() => {
    disposeAllEngines();
  });

  it('passes the maker’s size and label settings to the icon', () => {
    const context = makeMockContext<Parameters<SyncStatusIcon['init']>[0]['parameters']>({ parameters: { size: 'large', showLabel: true } });
    const control = new SyncStatusIcon();
    control.init(context);
    render(control.updateView(context));
    expect(document.querySelector('svg')?.getAttribute('width')).toBe('32');
    expect(screen.getByRole('button').textContent).not.toBe('');
    control.destroy();
  });
});
