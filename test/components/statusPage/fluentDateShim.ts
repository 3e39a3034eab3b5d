/**
 * Import first in every test that loads `@fluentui/react`.
 *
 * The installed @fluentui/date-time-utilities (8.6) has an `exports` map that no longer allows the deep
 * `lib-commonjs/dateMath/dateMath`-style paths @fluentui/react 8.29's CommonJS build requires, so Jest (which
 * loads the CommonJS build) cannot even import Fluent. The bundler loads the ESM build, whose paths are still
 * exported, so only tests are affected. The real fix is a `moduleNameMapper` in jest.config.js or pinning the
 * package; until then these virtual mocks point the three deep paths at the package root, which re-exports them.
 * (Factories are inline because ts-jest hoists `jest.mock` above any local declaration.)
 */
jest.mock('@fluentui/date-time-utilities/lib-commonjs/dateMath/dateMath', () => jest.requireActual('@fluentui/date-time-utilities'), { virtual: true });
jest.mock('@fluentui/date-time-utilities/lib-commonjs/dateValues/dateValues', () => jest.requireActual('@fluentui/date-time-utilities'), { virtual: true });
jest.mock('@fluentui/date-time-utilities/lib-commonjs/dateValues/timeConstants', () => jest.requireActual('@fluentui/date-time-utilities'), { virtual: true });
