/** Unit and integration tests run under Node; component tests (*.test.tsx) under jsdom. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };
// Fluent 8.29's CommonJS build deep-imports paths that the installed @fluentui/date-time-utilities no longer exports.
const moduleNameMapper = { '^@fluentui/date-time-utilities/lib-commonjs/.*$': '@fluentui/date-time-utilities' };
const common = { transform, moduleNameMapper, roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] };

module.exports = {
  // axe over a whole page, or a real engine over HTTP, takes seconds on a busy 2-core machine.
  testTimeout: 30_000,
  coverageReporters: ['text-summary', 'lcov'],
  collectCoverageFrom: [
    'SyncEngine/**/*.ts',
    '{SyncStatusIcon,OfflineStatusPage,SyncNotifications,components}/**/*.{ts,tsx}',
    '!**/generated/**',
  ],
  projects: [
    { ...common, displayName: 'engine', testEnvironment: 'node', testMatch: ['**/*.test.ts'] },
    { ...common, displayName: 'components', testEnvironment: 'jsdom', testMatch: ['**/*.test.tsx'] },
  ],
};
