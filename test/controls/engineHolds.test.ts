/** @jest-environment jsdom */
import 'fake-indexeddb/auto';
import { engineContextOf } from '../../components/control/EngineSession';
import type * as EngineIndex from '../../SyncEngine/index';
import { disposeAllEngines, getSyncEngine, holdSyncEngine, releaseSyncEngine } from '../../SyncEngine/index';
import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { makeMockContext } from '../support/mockContext';

/** The composition as another control's bundle has it: same source, its own module instance. */
function otherBundle(): typeof EngineIndex {
  let copy: typeof EngineIndex | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof EngineIndex>('../../SyncEngine/index');
  });
  if (!copy) throw new Error('module not loaded');
  return copy;
}

const context = engineContextOf(makeMockContext({ parameters: { offlineProfile: JSON.stringify(DEFAULT_PROFILE) } }));

afterEach(() => {
  disposeAllEngines();
});

describe('controls holding and retiring the page engine', () => {
  it('an engine another control still holds survives one control retiring it; the last retirement disposes and forgets it', () => {
    const first = holdSyncEngine(context);
    const second = otherBundle().holdSyncEngine(context);
    expect(second).toBe(first);

    releaseSyncEngine(first, { retire: true });
    expect(getSyncEngine(context)).toBe(first);

    otherBundle().releaseSyncEngine(second, { retire: true });
    const next = getSyncEngine(context);
    expect(next).not.toBe(first);
  });

  it('letting go without retiring keeps the engine for the next control (a form left and opened again)', () => {
    const held = holdSyncEngine(context);
    releaseSyncEngine(held);
    expect(holdSyncEngine(context)).toBe(held);
  });

  it('releasing more often than holding never drives the count below zero', () => {
    const held = holdSyncEngine(context);
    releaseSyncEngine(held);
    releaseSyncEngine(held);
    holdSyncEngine(context);
    releaseSyncEngine(held, { retire: true });
    expect(getSyncEngine(context)).not.toBe(held);
  });
});
