/**
 * End-to-end tests: Debian's Chromium (playwright-core) on the pcf-start harness and the Dataverse emulator.
 * Kept apart from the root config, which ignores this folder: these need a production build and a browser, and
 * take minutes, not seconds. Run with `npm run test:e2e`.
 */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // As in the root config: the glyph checks render the icon's component with Fluent in this process.
  moduleNameMapper: { '^@fluentui/date-time-utilities/lib-commonjs/.*$': '@fluentui/date-time-utilities' },
  // A scenario waits for real timers in the engine (upload debounce, Retry-After, backoff).
  testTimeout: 90_000,
  slowTestThreshold: 30,
};
