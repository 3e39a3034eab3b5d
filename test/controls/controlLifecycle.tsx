import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import type * as React from 'react';
import { deserialize, serialize } from 'v8';
import { disposeAllEngines, getSyncEngine } from '../../SyncEngine/index';
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
