import { screen } from '@testing-library/react';
import { OfflineStatusPage } from '../../OfflineStatusPage';
import { describeControlLifecycle } from './controlLifecycle';

describeControlLifecycle({
  name: 'OfflineStatusPage',
  create: () => new OfflineStatusPage(),
  expectOfflineView: () => {
    expect(screen.getByText(/You are working offline\./)).toBeTruthy();
  },
});
