import { screen } from '@testing-library/react';
import { SyncNotifications } from '../../SyncNotifications';
import { describeControlLifecycle } from './controlLifecycle';

describeControlLifecycle({
  name: 'SyncNotifications',
  create: () => new SyncNotifications(),
  expectOfflineView: () => {
    // Offline is not a notice: the live region stays, empty, ready to announce the next one.
    expect(screen.getByRole('status', { name: 'Sync notifications' }).textContent).toBe('');
  },
});
