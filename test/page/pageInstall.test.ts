/** @jest-environment jsdom */
import 'fake-indexeddb/auto';
import { engineContextOf } from '../../components/control/EngineSession';
import { disposeAllEngines, getSyncEngine } from '../../SyncEngine/index';
import type { OfflineSyncSuitePage } from '../../SyncEngine/page/pageOfflineApi';
import type * as PageModule from '../../SyncEngine/page/pageOfflineApi';
import { makeEngine } from '../support/engineFixture';
import { makeMockContext } from '../support/mockContext';
import { announce } from './pageFixture';

const STATE = Symbol.for('OfflineSyncSuite.page/1');
const page = globalThis as unknown as { OfflineSyncSuite?: OfflineSyncSuitePage } & Record<symbol, unknown>;

/** A copy of the page module as another control's bundle has it: same source, its own module instance. */
function bundleCopy(): typeof PageModule {
  let copy: typeof PageModule | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof PageModule>('../../SyncEngine/page/pageOfflineApi');
  });
  if (!copy) throw new Error('module not loaded');
  return copy;
}

afterEach(() => {
  disposeAllEngines();
  delete page.OfflineSyncSuite;
  Reflect.deleteProperty(page, STATE);
});

describe('one window.OfflineSyncSuite per page, whichever bundle installs it', () => {
  it('two independently loaded bundles share the first one’s object', async () => {
    const first = bundleCopy();
    const second = bundleCopy();
    expect(second.installPageOfflineApi).not.toBe(first.installPageOfflineApi);

    const installedFirst = first.installPageOfflineApi();
    const installedSecond = second.installPageOfflineApi();

    expect(installedSecond.suite).toBe(installedFirst.suite);
    expect(page.OfflineSyncSuite).toBe(installedFirst.suite);
    // An engine the second bundle created answers through the object the first installed.
    const h = await makeEngine();
    announce(installedSecond, h.engine);
    expect((await page.OfflineSyncSuite?.offline.retrieveMultipleRecords('account', '?$top=1'))?.entities).toHaveLength(1);
    h.engine.dispose();
  });

  it('says its version, which app code cannot change', () => {
    const { suite } = bundleCopy().installPageOfflineApi();
    expect(suite.version).toMatch(/^1\.\d+\.\d+$/);
    expect(() => {
      (suite as { version: string }).version = '9.9.9';
    }).toThrow(TypeError);
  });

  it('leaves a window.OfflineSyncSuite that is not its own alone, and stays reachable by its symbol', () => {
    const foreign = { something: 'else' };
    (page as Record<string, unknown>).OfflineSyncSuite = foreign;

    const { suite } = bundleCopy().installPageOfflineApi();

    expect(page.OfflineSyncSuite).toBe(foreign);
    expect((page[STATE] as { suite: unknown }).suite).toBe(suite);
  });
});

describe('getSyncEngine installs the page object', () => {
  it('with the first engine, and app code then works offline through it', async () => {
    expect(page.OfflineSyncSuite).toBeUndefined();
    getSyncEngine(engineContextOf(makeMockContext()));
    const suite = page.OfflineSyncSuite;
    if (!suite) throw new Error('window.OfflineSyncSuite was not installed');

    await suite.ready;
    const { id } = await suite.offline.createRecord('account', { name: 'From a form script' });
    expect(await suite.offline.retrieveRecord('account', id, '?$select=name')).toMatchObject({ name: 'From a form script' });
    const { entities } = await suite.offline.retrieveMultipleRecords('account', "?$filter=name eq 'From a form script'");
    expect(entities.map((r) => r.accountid)).toEqual([id]);
  });

  it('forgets engines the page disposed: isAvailableOffline is false until a control starts one again', async () => {
    getSyncEngine(engineContextOf(makeMockContext()));
    const suite = page.OfflineSyncSuite;
    await suite?.ready;
    expect(suite?.offline.isAvailableOffline('account')).toBe(true);

    disposeAllEngines();
    expect(suite?.offline.isAvailableOffline('account')).toBe(false);

    getSyncEngine(engineContextOf(makeMockContext()));
    expect(page.OfflineSyncSuite).toBe(suite);
    await suite?.ready;
    expect(suite?.offline.isAvailableOffline('account')).toBe(true);
  });
});
