import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import type * as React from 'react';
import { deserialize, serialize } from 'v8';
import { disposeAllEngines, getSyncEngine, type SyncEngineApi } from '../../SyncEngine/index';
import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { engineContextOf } from '../../components/control/EngineSession';
import { makeMockContext, type MockContext } from '../support/mockContext';

/** The PCF lifecycle every Offline Sync control implements. */
export interface LifecycleControl<TInputs> {
  init(context: ComponentFramework.Context<TInputs>): void;
  updateView(context: ComponentFramework.Context<TInputs>): React.ReactElement;
  destroy(): void;
}

export interface LifecycleSpec<TInputs extends object> {
  name: string;
  create: () => LifecycleControl<TInputs>;
  /** Asserts the control shows the engine's status once the device is offline. */
  expectOfflineView: () => void;
}

/** jsdom lacks structuredClone, which fake-indexeddb needs; Node's v8 serializer is the same algorithm. */
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T,>(value: T): T => deserialize(serialize(value)) as T;
}

const QUEUED_ID = '22222222-2222-4222-8222-222222222222';
const TYPO_ID = '33333333-3333-4333-8333-333333333333';

type Profile = typeof DEFAULT_PROFILE;

/** The profile with one table renamed, as a maker would edit the JSON property. */
function withDisplayName(profile: Profile, table: string, displayName: string): Profile {
  return { ...profile, tables: profile.tables.map((t) => (t.logicalName === table ? { ...t, displayName } : t)) };
}

/** The page's engine registry (a public surface: `Symbol.for('OfflineSyncSuite.engines')`). */
function pageEngines(): Map<string, SyncEngineApi> {
  return (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for('OfflineSyncSuite.engines')] ?? new Map();
}

/** Takes the device offline (or back) the way a browser does: the client says so and window fires the event. */
function setNetwork(context: MockContext<unknown>, available: boolean): void {
  context.client.isNetworkAvailable.mockReturnValue(available);
  window.dispatchEvent(new Event(available ? 'online' : 'offline'));
}

/**
 * The lifecycle sentences every control must satisfy, against a real engine on fake IndexedDB. The engine cannot
 * reach any server here; that is fine, the status says so.
 */
export function describeControlLifecycle<TInputs extends object>({ name, create, expectOfflineView }: LifecycleSpec<TInputs>): void {
  describe(`${name} lifecycle`, () => {
    afterEach(() => {
      disposeAllEngines();
    });

    it('renders the engine status and re-renders when it changes', async () => {
      const context = makeMockContext<TInputs>();
      const control = create();
      control.init(context);
      const view = render(control.updateView(context));
      await waitFor(() => {
        // Events sent before the engine finished opening its database are not seen; keep telling it.
        setNetwork(context, false);
        expect(context.factory.requestRender).toHaveBeenCalled();
      });
      view.rerender(control.updateView(context));
      expectOfflineView();
      control.destroy();
    });

    it('stops listening to the engine on destroy, while the shared engine lives on', async () => {
      const context = makeMockContext<TInputs>();
      const control = create();
      control.init(context);
      render(control.updateView(context));
      const engine = getSyncEngine(engineContextOf(context));
      const probe = jest.fn();
      engine.subscribe(probe);
      await waitFor(() => {
        setNetwork(context, false);
        expect(probe).toHaveBeenCalled();
      });
      control.destroy();
      context.factory.requestRender.mockClear();
      probe.mockClear();
      await waitFor(() => {
        setNetwork(context, true);
        setNetwork(context, false);
        expect(probe).toHaveBeenCalled();
      });
      expect(context.factory.requestRender).not.toHaveBeenCalled();
    });

    it('follows changed offline properties in updateView: a new engine with the new settings, the queued change still pending, the old engine retired', async () => {
      const profile = JSON.stringify(DEFAULT_PROFILE);
      const context = makeMockContext<TInputs>({ parameters: { offlineProfile: profile }, networkAvailable: false });
      const control = create();
      control.init(context);
      const view = render(control.updateView(context));
      const before = getSyncEngine(engineContextOf(context));
      // Writes wait for nothing: they need the engine to have opened its database (app code awaits `ready`).
      await waitFor(() => before.offline.createRecord('account', { accountid: QUEUED_ID, name: 'Queued before the change' }));
      expect(before.getStatus().makerSettings.conflictDetection).toBe(false);

      const parameters = context.parameters as unknown as Record<string, { raw: unknown }>;
      parameters.conflictDetectionMode = { raw: 'on' };
      parameters.allowWifiOnly = { raw: true };
      parameters.offlineProfile = { raw: JSON.stringify(withDisplayName(DEFAULT_PROFILE, 'account', 'Customers')) };
      view.rerender(control.updateView(context));

      // The control itself moved: the page's registry holds one engine, not the old one, before anyone else asks.
      const engines = [...pageEngines().values()];
      expect(engines).toHaveLength(1);
      const after = getSyncEngine(engineContextOf(context));
      expect(engines[0]).toBe(after);
      expect(after).not.toBe(before);
      expect(after.getStatus().makerSettings).toMatchObject({ conflictDetection: true, allowWifiOnly: true });
      await waitFor(() => {
        expect(after.listPending().map((entry) => entry.rowId)).toEqual([QUEUED_ID]);
      });
      await waitFor(() => {
        expect(after.getStatus().tables.find((t) => t.table === 'account')?.displayName).toBe('Customers');
      });
      // The old engine is disposed: it closed its database, so it answers nothing from it any more.
      await expect(before.offline.retrieveRecord('account', QUEUED_ID)).rejects.toThrow();
      // An unchanged update keeps the engine.
      view.rerender(control.updateView(context));
      expect(getSyncEngine(engineContextOf(context))).toBe(after);
      control.destroy();
    });

    it('shows the error of a property changed to an invalid value, and syncs again once it is fixed, the queued change kept', async () => {
      const context = makeMockContext<TInputs>({ parameters: { offlineProfile: JSON.stringify(DEFAULT_PROFILE) }, networkAvailable: false });
      const control = create();
      control.init(context);
      const view = render(control.updateView(context));
      const before = getSyncEngine(engineContextOf(context));
      await waitFor(() => before.offline.createRecord('account', { accountid: TYPO_ID, name: 'Queued before the typo' }));

      const parameters = context.parameters as unknown as Record<string, { raw: unknown }>;
      parameters.dataverseUrl = { raw: 'not a url' };
      view.rerender(control.updateView(context));
      expect(screen.getByRole('alert').textContent).toContain('Property "dataverseUrl" must be an http(s) URL');
      expect(pageEngines().size).toBe(0);

      parameters.dataverseUrl = { raw: null };
      view.rerender(control.updateView(context));
      expect(screen.queryByRole('alert')).toBeNull();
      const after = getSyncEngine(engineContextOf(context));
      await waitFor(() => {
        expect(after.listPending().map((entry) => entry.rowId)).toContain(TYPO_ID);
      });
      control.destroy();
    });

    it('shows a clear configuration message for an invalid offline profile', () => {
      const context = makeMockContext<TInputs>({ parameters: { offlineProfile: '{"tables": "accounts"}' } });
      const control = create();
      control.init(context);
      render(control.updateView(context));
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toContain('Offline sync is not configured correctly');
      expect(alert.textContent).toContain('Property "offlineProfile" must be an object with a "tables" array.');
      control.destroy();
    });
  });
}
