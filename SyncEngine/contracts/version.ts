/**
 * The release of Offline Sync Suite this code is (package.json `version`; a test keeps them equal). Stored with the
 * offline database's schema and in exports, so a database or a file says which release wrote it.
 */
export const SUITE_VERSION = '0.2.0';
