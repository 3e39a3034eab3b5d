/** Unit and integration tests run under Node; component tests (*.test.tsx) under jsdom. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };
const common = { transform, roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] };

module.exports = {
  coverageReporters: ['text-summary', 'lcov'],
  collectCoverageFrom: [
    'SyncEngine/**/*.ts',
    '{SyncStatusIcon,OfflineStatusPage,SyncNotifications}/**/*.{ts,tsx}',
    '!**/generated/**',
  ],
  projects: [
    { ...common, displayName: 'engine', testEnvironment: 'node', testMatch: ['**/*.test.ts'] },
    { ...common, displayName: 'components', testEnvironment: 'jsdom', testMatch: ['**/*.test.tsx'] },
  ],
};
